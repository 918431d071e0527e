using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// Everything a loss gets from its one gradient formula (<see cref="ILoss.Gradient{T, TParameters, TVector}"/>): the
/// double gradient, and the exact Hessian and Hessian-vector products by forward-mode automatic differentiation of the
/// gradient (Griewank &amp; Walther 2008): ∇²L·v is the directional derivative of ∇L along v, one pass on dual numbers.
/// </summary>
public static class LossGradient
{
    // Larger problems borrow pooled buffers rather than risk the stack.
    private const int StackLimit = 128;

    /// <summary>∇L(θ) on doubles: the formula on <see cref="ScalarLane"/> with the loss's own parameters.</summary>
    /// <typeparam name="TLoss">The loss type; a struct is inlined.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="theta">θ, at least d components.</param>
    /// <param name="gradient">Receives ∇L(θ), at least d components.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Evaluate<TLoss>(in TLoss loss, ReadOnlySpan<double> theta, Span<double> gradient) where TLoss : ILoss
    {
        int d = loss.Dimension;
        var point = ScalarView(theta[..d]);
        var result = new SpanVector<ScalarLane>(MemoryMarshal.Cast<double, ScalarLane>(gradient[..d]));
        loss.Gradient<ScalarLane, BroadcastParameters<ScalarLane>, SpanVector<ScalarLane>>(default, in point, ref result);
    }

    /// <summary>A read-only span of doubles seen as the formula's vector of <see cref="ScalarLane"/>s (not written through).</summary>
    internal static SpanVector<ScalarLane> ScalarView(ReadOnlySpan<double> values) =>
        new(MemoryMarshal.Cast<double, ScalarLane>(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(values), values.Length)));

    /// <summary>∇²L(θ)·v, exact to rounding: the gradient formula on dual numbers seeded with v.</summary>
    /// <typeparam name="TLoss">The loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="theta">θ, length d.</param>
    /// <param name="vector">v, length d.</param>
    /// <param name="product">Receives ∇²L(θ)v, length d.</param>
    public static void HessianTimes<TLoss>(in TLoss loss, ReadOnlySpan<double> theta, ReadOnlySpan<double> vector, Span<double> product) where TLoss : ILoss
    {
        int d = loss.Dimension;
        if (theta.Length < d) throw new ArgumentException($"theta has length {theta.Length}, but the loss has dimension {d}.", nameof(theta));
        if (vector.Length < d) throw new ArgumentException($"vector has length {vector.Length}, but the loss has dimension {d}.", nameof(vector));
        if (product.Length < d) throw new ArgumentException($"product has length {product.Length}, but the loss has dimension {d}.", nameof(product));
        DualNumber[]? rented = d > StackLimit ? ArrayPool<DualNumber>.Shared.Rent(2 * d) : null;
        Span<DualNumber> scratch = rented is null ? stackalloc DualNumber[2 * d] : rented.AsSpan(0, 2 * d);
        for (int i = 0; i < d; i++) scratch[i] = new DualNumber(theta[i], vector[i]);
        var point = new SpanVector<DualNumber>(scratch[..d]);
        var result = new SpanVector<DualNumber>(scratch[d..]);
        loss.Gradient<DualNumber, BroadcastParameters<DualNumber>, SpanVector<DualNumber>>(default, in point, ref result);
        for (int i = 0; i < d; i++) product[i] = scratch[d + i].Derivative;
        if (rented is not null) ArrayPool<DualNumber>.Shared.Return(rented);
    }

    /// <summary>∇²L(θ), row-major (entry i·d + j), exact to rounding: column j is ∇²L·eⱼ.</summary>
    /// <typeparam name="TLoss">The loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="theta">θ, length d.</param>
    /// <param name="hessian">Receives the d × d matrix.</param>
    public static void Hessian<TLoss>(in TLoss loss, ReadOnlySpan<double> theta, Span<double> hessian) where TLoss : ILoss
    {
        int d = loss.Dimension;
        if (hessian.Length < d * d) throw new ArgumentException($"hessian has length {hessian.Length}, but a d × d matrix needs {d * d} (d = {d}).", nameof(hessian));
        double[]? rented = d > StackLimit ? ArrayPool<double>.Shared.Rent(2 * d) : null;
        Span<double> scratch = rented is null ? stackalloc double[2 * d] : rented.AsSpan(0, 2 * d);
        Span<double> unit = scratch[..d], column = scratch[d..];
        unit.Clear();
        for (int j = 0; j < d; j++)
        {
            unit[j] = 1;
            HessianTimes(loss, theta, unit, column);
            unit[j] = 0;
            for (int i = 0; i < d; i++) hessian[i * d + j] = column[i];
        }

        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
    }
}
