using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Optimizers;

/// <summary>
/// Gradient descent θₙ₊₁ = θₙ − γ∇L(θₙ): explicit Euler with step γ on the gradient flow θ̇ = −∇L
/// (kexue.fm/archives/5655). Its global error against that flow is O(γ); against the modified flow
/// <see cref="ModifiedGradientFlow{TLoss}"/> it is O(γ²) (kexue.fm/archives/7787).
/// </summary>
public sealed record GradientDescent : IOptimizer
{
    /// <summary>Gradient descent with learning rate γ.</summary>
    /// <param name="learningRate">γ &gt; 0.</param>
    public GradientDescent(double learningRate)
    {
        LearningRate = learningRate;
    }

    /// <summary>The learning rate γ &gt; 0.</summary>
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
    public string Name => "Gradient descent";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("γ", LearningRate));

    /// <inheritdoc/>
    public int StateLength(int dimension) => dimension;

    /// <inheritdoc/>
    public int WorkspaceLength(int dimension) => dimension;

    /// <inheritdoc/>
    public void Initialize<TLoss>(TLoss loss, ReadOnlySpan<double> theta0, Span<double> state) where TLoss : ILoss =>
        theta0.CopyTo(state);

    /// <inheritdoc/>
    public double Advance<TLoss>(TLoss loss, Span<double> state, Span<double> workspace) where TLoss : ILoss
    {
        int d = loss.Dimension;
        var g = workspace[..d];
        loss.Gradient(state[..d], g);
        for (int i = 0; i < d; i++) state[i] -= LearningRate * g[i];
        return LearningRate;
    }
}
