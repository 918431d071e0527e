using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Optimizers;

/// <summary>
/// Adam (Kingma &amp; Ba, ICLR 2015): mₙ₊₁ = β₁mₙ + (1 − β₁)g, vₙ₊₁ = β₂vₙ + (1 − β₂)g⊙g, and
/// θₙ₊₁ = θₙ − γ m̂/(√v̂ + ε) with m̂ = mₙ₊₁/(1 − β₁ⁿ⁺¹), v̂ = vₙ₊₁/(1 − β₂ⁿ⁺¹). Su reads it as RMSprop plus momentum
/// (kexue.fm/archives/6234). The state is (θ, m, v, β₁ⁿ, β₂ⁿ), length 3d + 2; each step covers flow time γ of
/// <see cref="AdamFlow{TLoss}"/>.
/// </summary>
public sealed record Adam : IOptimizer
{
    /// <summary>Adam with learning rate γ.</summary>
    /// <param name="learningRate">γ &gt; 0.</param>
    /// <param name="beta1">β₁ ∈ (0, 1).</param>
    /// <param name="beta2">β₂ ∈ (0, 1).</param>
    /// <param name="epsilon">ε ≥ 0.</param>
    public Adam(double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8)
    {
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
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

    /// <summary>The first-moment decay β₁ ∈ (0, 1).</summary>
    public double Beta1
    {
        get;
        init
        {
            RequireDecay(value, nameof(Beta1));
            field = value;
        }
    }

    /// <summary>The second-moment decay β₂ ∈ (0, 1).</summary>
    public double Beta2
    {
        get;
        init
        {
            RequireDecay(value, nameof(Beta2));
            field = value;
        }
    }

    /// <summary>The denominator guard ε ≥ 0.</summary>
    public double Epsilon
    {
        get;
        init
        {
            Require.NonNegative(value, nameof(Epsilon));
            field = value;
        }
    }

    /// <inheritdoc/>
    public string Name => "Adam";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("γ", LearningRate), ("β₁", Beta1), ("β₂", Beta2), ("ε", Epsilon));

    /// <inheritdoc/>
    public int StateLength(int dimension) => 3 * dimension + 2;

    /// <inheritdoc/>
    public int WorkspaceLength(int dimension) => dimension;

    /// <inheritdoc/>
    public void Initialize<TLoss>(TLoss loss, ReadOnlySpan<double> theta0, Span<double> state) where TLoss : ILoss
    {
        int d = theta0.Length;
        theta0.CopyTo(state);
        state.Slice(d, 2 * d).Clear();
        state[3 * d] = 1;
        state[3 * d + 1] = 1;
    }

    /// <inheritdoc/>
    public double Advance<TLoss>(TLoss loss, Span<double> state, Span<double> workspace) where TLoss : ILoss
    {
        int d = loss.Dimension;
        var g = workspace[..d];
        loss.Gradient(state[..d], g);
        double p1 = state[3 * d] * Beta1, p2 = state[3 * d + 1] * Beta2;
        state[3 * d] = p1;
        state[3 * d + 1] = p2;
        double c1 = 1 / (1 - p1), c2 = 1 / (1 - p2);
        for (int i = 0; i < d; i++)
        {
            double m = Beta1 * state[d + i] + (1 - Beta1) * g[i];
            double v = Beta2 * state[2 * d + i] + (1 - Beta2) * g[i] * g[i];
            state[d + i] = m;
            state[2 * d + i] = v;
            double denominator = Math.Sqrt(v * c2) + Epsilon;
            if (denominator > 0) state[i] -= LearningRate * m * c1 / denominator;
        }

        return LearningRate;
    }

    private static void RequireDecay(double value, string name)
    {
        if (!(value > 0 && value < 1))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must lie in (0, 1), but was {Require.Format(value)}.");
    }
}
