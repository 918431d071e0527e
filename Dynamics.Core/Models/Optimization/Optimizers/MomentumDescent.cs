using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Optimizers;

/// <summary>
/// Momentum gradient descent as Su's leapfrog discretisation of the heavy ball θ̈ + λθ̇ = −∇L
/// (kexue.fm/archives/5655, docs/learning.md): with v = γη at half steps, β = (1 − λγ/2)/(1 + λγ/2) and
/// α = γ²/(1 + λγ/2), vₙ₊₁ = βvₙ − α∇L(θₙ), θₙ₊₁ = θₙ + vₙ₊₁. The state is (θ, v). Each step covers flow time γ, so
/// the effective step of a learning rate α is about √α, which is the momentum speed-up. It equals the
/// <c>VelocityVerlet</c> integrator on <see cref="HeavyBallFlow{TLoss}"/> (friction treated by the trapezoidal
/// rule) read at half-step velocities; its global error is O(γ²) with the <see cref="MomentumStart.HalfStep"/> start
/// and O(γ) with the naive one (docs/corrections.md, E2).
/// </summary>
public sealed record MomentumDescent : MomentumScheme
{
    /// <summary>Momentum for the heavy ball with friction λ, sampled with time step γ.</summary>
    /// <param name="learningRate">The time step γ &gt; 0 (not the learning rate α = γ²/(1 + λγ/2) of the update).</param>
    /// <param name="friction">λ ≥ 0.</param>
    /// <param name="start">How v₀ is chosen (half-step by default).</param>
    public MomentumDescent(double learningRate, double friction, MomentumStart start = MomentumStart.HalfStep)
        : base(learningRate, friction, start)
    {
    }

    /// <summary>The momentum update for given α and β ∈ (−1, 1], i.e. γ = √(2α/(1 + β)) and λ = 2(1 − β)/((1 + β)γ).</summary>
    /// <param name="alpha">The update's learning rate α &gt; 0.</param>
    /// <param name="beta">The momentum β ∈ (−1, 1].</param>
    /// <param name="start">How v₀ is chosen.</param>
    /// <returns>The optimizer.</returns>
    public static MomentumDescent FromHyperparameters(double alpha, double beta, MomentumStart start = MomentumStart.HalfStep)
    {
        Require.Positive(alpha, nameof(alpha));
        if (!(beta > -1 && beta <= 1))
            throw new ArgumentOutOfRangeException(nameof(beta), beta, $"beta must lie in (−1, 1], but was {Require.Format(beta)}.");
        double gamma = Math.Sqrt(2 * alpha / (1 + beta));
        return new MomentumDescent(gamma, 2 * (1 - beta) / ((1 + beta) * gamma), start);
    }

    /// <summary>The momentum β = (1 − λγ/2)/(1 + λγ/2).</summary>
    public double Beta => (1 - Friction * LearningRate / 2) / (1 + Friction * LearningRate / 2);

    /// <summary>The update's learning rate α = γ²/(1 + λγ/2).</summary>
    public double Alpha => LearningRate * LearningRate / (1 + Friction * LearningRate / 2);

    /// <inheritdoc/>
    public override string Name => Start == MomentumStart.HalfStep ? "Momentum (leapfrog, half-step start)" : "Momentum (leapfrog, naive start)";

    /// <inheritdoc/>
    public override string Parameters => ParameterText.Of(("γ", LearningRate), ("λ", Friction));

    /// <inheritdoc/>
    public override int WorkspaceLength(int dimension) => dimension;

    /// <inheritdoc/>
    public override double Advance<TLoss>(TLoss loss, Span<double> state, Span<double> workspace)
    {
        int d = loss.Dimension;
        var g = workspace[..d];
        loss.Gradient(state[..d], g);
        double alpha = Alpha, beta = Beta;
        for (int i = 0; i < d; i++)
        {
            state[d + i] = beta * state[d + i] - alpha * g[i];
            state[i] += state[d + i];
        }

        return LearningRate;
    }
}
