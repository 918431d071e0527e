using System.Buffers;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
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
public readonly record struct ModifiedGradientFlow<TLoss> : IModel, IHasInvariants where TLoss : ILoss
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
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int d = y.Length;
        Loss.Gradient(y, dydt);
        // Small problems keep the Hessian-vector product on the stack; larger ones borrow a pooled buffer (no allocation after warm-up).
        Span<double> hg = stackalloc double[Math.Min(d, 64)];
        double[]? rented = d > 64 ? ArrayPool<double>.Shared.Rent(d) : null;
        if (rented is not null) hg = rented.AsSpan(0, d);
        LossGradient.HessianTimes(Loss, y, dydt, hg);
        double half = 0.5 * LearningRate;
        for (int i = 0; i < d; i++) dydt[i] = -(dydt[i] + half * hg[i]);
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
    }
}
