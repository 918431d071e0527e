using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;
namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// Beale's function L(x, y) = Σₖ₌₁³ (cₖ − x + xyᵏ)² with c = (1.5, 2.25, 2.625) (Beale 1958): global minimum L = 0 at
/// (3, ½) in a narrow valley, with flat plateaus and steep walls that punish a fixed learning rate.
/// </summary>
public readonly record struct BealeLoss : ILoss
{
    private const double C1 = 1.5, C2 = 2.25, C3 = 2.625;

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Beale";

    /// <inheritdoc/>
    public string Parameters => "";

    /// <summary>The global minimiser (3, ½).</summary>
    public static IReadOnlyList<double[]> Minimizers => [[3.0, 0.5]];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta) => LossValue.Evaluate(this, theta);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T x = theta[0], y = theta[1];
        T r1 = T.Create(C1) - x + x * y, r2 = T.Create(C2) - x + x * y * y, r3 = T.Create(C3) - x + x * y * y * y;
        return r1 * r1 + r2 * r2 + r3 * r3;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) => LossGradient.Evaluate(this, theta, gradient);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T, TParameters, TVector>(in TParameters parameters, in TVector theta, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T x = theta[0], y = theta[1], y2 = y * y, y3 = y2 * y, one = T.Create(1.0), two = T.Create(2.0);
        T r1 = T.Create(C1) - x + x * y, r2 = T.Create(C2) - x + x * y2, r3 = T.Create(C3) - x + x * y3;
        gradient[0] = two * (r1 * (y - one) + r2 * (y2 - one) + r3 * (y3 - one));
        gradient[1] = two * (r1 * x + r2 * two * x * y + r3 * T.Create(3.0) * x * y2);
    }
}
