using System.Buffers;
using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// The modified equation of gradient descent with finite learning rate γ (Barrett &amp; Dherin, "Implicit Gradient
/// Regularization", arXiv 2009.11162; kexue.fm/archives/7787, docs/learning.md): θ̇ = −∇L̃ with
/// L̃ = L + (γ/4)‖∇L‖², i.e. θ̇ = −∇L − (γ/2)∇²L∇L. Gradient descent θₙ₊₁ = θₙ − γ∇L(θₙ) follows this flow with a
/// global error O(γ²) at t = nγ, against O(γ) for the plain gradient flow: on ½aθ² its rate a + γa²/2 matches
/// −ln(1 − γa)/γ = a + γa²/2 + γ²a³/3 + … to O(γ²).
/// </summary>
/// <typeparam name="TLoss">The loss; its Hessian-vector products come from automatic differentiation of its gradient formula.</typeparam>
public readonly record struct ModifiedGradientFlow<TLoss> : IModel, IHasInvariants, ILaneField where TLoss : ILoss
{
    /// <summary>The modified flow for learning rate <paramref name="learningRate"/>.</summary>
    /// <param name="loss">The loss L.</param>
    /// <param name="learningRate">γ &gt; 0.</param>
    public ModifiedGradientFlow(TLoss loss, double learningRate)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Loss = loss;
        LearningRate = learningRate;
    }

    /// <summary>The loss L.</summary>
    public TLoss Loss { get; }

    /// <summary>The learning rate γ &gt; 0 of the gradient descent being modelled.</summary>
    public double LearningRate
    {
        get;
        init
        {
            Require.Positive(value, nameof(LearningRate));
            field = value;
        }
    }

    /// <inheritdoc/>
    public int Dimension => Loss.Dimension;

    /// <inheritdoc/>
    public string Name => $"Modified gradient flow on {Loss.Name}";

    /// <inheritdoc/>
    public string Parameters => FlowLabels.Combine(ParameterText.Of(("γ", LearningRate)), Loss.Parameters);

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ComponentLabels.Indexed("θ", Loss.Dimension);

    /// <summary>The modified loss L̃ = L + (γ/4)‖∇L‖², non-increasing along the flow.</summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var self = this;
            return [new Invariant("L̃ = L + (γ/4)‖∇L‖²", (t, y) => self.ModifiedLoss(y[..self.Loss.Dimension]), InvariantKind.NonIncreasing)];
        }
    }

    /// <summary>L̃(θ) = L(θ) + (γ/4)‖∇L(θ)‖².</summary>
    /// <param name="theta">θ.</param>
    /// <returns>L̃.</returns>
    public double ModifiedLoss(ReadOnlySpan<double> theta)
    {
        Require.Length(theta.Length, Loss.Dimension, nameof(theta));
        Span<double> g = stackalloc double[Math.Min(theta.Length, 64)];
        double[]? rented = theta.Length > 64 ? ArrayPool<double>.Shared.Rent(theta.Length) : null;
        if (rented is not null) g = rented.AsSpan(0, theta.Length);
        Loss.Gradient(theta, g);
        double norm2 = 0;
        for (int i = 0; i < g.Length; i++) norm2 += g[i] * g[i];
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        return Loss.Value(theta) + 0.25 * LearningRate * norm2;
    }

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // γ is parameter 0, the loss's follow. ∇²L∇L is the derivative of ∇L along ∇L: the loss's own gradient formula
        // on dual numbers seeded with g (forward-mode AD, exact to round-off, lane by lane).
        int d = Loss.Dimension;
        T half = T.Create(0.5) * parameters.Read(0, LearningRate);
        var lossParameters = new OffsetParameters<T, TParameters>(parameters, 1);
        Loss.Gradient<T, OffsetParameters<T, TParameters>, TVector>(lossParameters, in y, ref dydt);
        // A pooled buffer: a generic dual cannot live on the stack, and the pool allocates nothing after warm-up.
        var rented = ArrayPool<Dual<T>>.Shared.Rent(2 * d);
        var scratch = rented.AsSpan(0, 2 * d);
        for (int i = 0; i < d; i++) scratch[i] = new Dual<T>(y[i], dydt[i]);
        var point = new SpanVector<Dual<T>>(scratch[..d]);
        var gradient = new SpanVector<Dual<T>>(scratch[d..]);
        Loss.Gradient<Dual<T>, DualParameters<T, OffsetParameters<T, TParameters>>, SpanVector<Dual<T>>>(
            new DualParameters<T, OffsetParameters<T, TParameters>>(lossParameters), in point, ref gradient);
        for (int i = 0; i < d; i++) dydt[i] = -(dydt[i] + half * scratch[d + i].Derivative);
        ArrayPool<Dual<T>>.Shared.Return(rented);
    }
}
