using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization;

/// <summary>
/// Momentum gradient descent as Su's leapfrog discretisation of the heavy ball θ̈ + λθ̇ = −∇L
/// (kexue.fm/archives/5655, MODELS.md §3.1): with v = γη at half steps, β = (1 − λγ/2)/(1 + λγ/2) and
/// α = γ²/(1 + λγ/2), vₙ₊₁ = βvₙ − α∇L(θₙ), θₙ₊₁ = θₙ + vₙ₊₁. The state is (θ, v). Each step covers flow time γ, so
/// the effective step of a learning rate α is about √α, which is the momentum speed-up. It equals the
/// <c>VelocityVerlet</c> integrator on <see cref="HeavyBallFlow{TLoss}"/> (friction treated by the trapezoidal
/// rule) read at half-step velocities; its global error is O(γ²) with the <see cref="MomentumStart.HalfStep"/> start
/// and O(γ) with the naive one (errata E2).
/// </summary>
public sealed record MomentumDescent : IOptimizer
{
    /// <summary>Momentum for the heavy ball with friction λ, sampled with time step γ.</summary>
    /// <param name="learningRate">The time step γ &gt; 0 (not the learning rate α = γ²/(1 + λγ/2) of the update).</param>
    /// <param name="friction">λ ≥ 0.</param>
    /// <param name="start">How v₀ is chosen (half-step by default).</param>
    public MomentumDescent(double learningRate, double friction, MomentumStart start = MomentumStart.HalfStep)
    {
        LearningRate = learningRate;
        Friction = friction;
        Start = start;
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

    /// <summary>The time step γ &gt; 0 of the leapfrog scheme.</summary>
    public double LearningRate
    {
        get;
        init
        {
            Require.Positive(value, nameof(LearningRate));
            field = value;
        }
    }

    /// <summary>The heavy ball's friction λ ≥ 0.</summary>
    public double Friction
    {
        get;
        init
        {
            Require.NonNegative(value, nameof(Friction));
            field = value;
        }
    }

    /// <summary>How the velocity is started.</summary>
    public MomentumStart Start
    {
        get;
        init
        {
            if (!Enum.IsDefined(value)) throw new ArgumentOutOfRangeException(nameof(Start), value, $"Start must be a MomentumStart value, but was {value}.");
            field = value;
        }
    }

    /// <summary>The momentum β = (1 − λγ/2)/(1 + λγ/2).</summary>
    public double Beta => (1 - Friction * LearningRate / 2) / (1 + Friction * LearningRate / 2);

    /// <summary>The update's learning rate α = γ²/(1 + λγ/2).</summary>
    public double Alpha => LearningRate * LearningRate / (1 + Friction * LearningRate / 2);

    /// <inheritdoc/>
    public string Name => Start == MomentumStart.HalfStep ? "Momentum (leapfrog, half-step start)" : "Momentum (leapfrog, naive start)";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("γ", LearningRate), ("λ", Friction));

    /// <inheritdoc/>
    public int StateLength(int dimension) => 2 * dimension;

    /// <inheritdoc/>
    public int WorkspaceLength(int dimension) => dimension;

    /// <summary>Starts from rest, η₀ = 0.</summary>
    /// <typeparam name="TLoss">The loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="theta0">θ₀.</param>
    /// <param name="state">Receives (θ₀, v₀).</param>
    public void Initialize<TLoss>(TLoss loss, ReadOnlySpan<double> theta0, Span<double> state) where TLoss : ILoss
    {
        ArgumentNullException.ThrowIfNull(loss);
        InitializeState(loss, theta0, ReadOnlySpan<double>.Empty, state);
    }

    /// <summary>Starts from θ₀ with flow velocity η₀ (v₀ = γη₀ + (γ²/2)(λη₀ + ∇L(θ₀)) for the half-step start).</summary>
    /// <typeparam name="TLoss">The loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="theta0">θ₀, length d.</param>
    /// <param name="eta0">η₀ = θ̇(0), length d.</param>
    /// <param name="state">Receives (θ₀, v₀), length 2d.</param>
    public void Initialize<TLoss>(TLoss loss, ReadOnlySpan<double> theta0, ReadOnlySpan<double> eta0, Span<double> state) where TLoss : ILoss
    {
        ArgumentNullException.ThrowIfNull(loss);
        Require.Length(eta0.Length, loss.Dimension, nameof(eta0));
        Require.AllFinite(eta0, nameof(eta0));
        InitializeState(loss, theta0, eta0, state);
    }

    /// <inheritdoc/>
    public double Advance<TLoss>(TLoss loss, Span<double> state, Span<double> workspace) where TLoss : ILoss
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

    private void InitializeState<TLoss>(TLoss loss, ReadOnlySpan<double> theta0, ReadOnlySpan<double> eta0, Span<double> state) where TLoss : ILoss
    {
        int d = loss.Dimension;
        Require.Length(theta0.Length, d, nameof(theta0));
        Require.Length(state.Length, 2 * d, nameof(state));
        theta0.CopyTo(state);
        var v = state[d..];
        double gamma = LearningRate;
        if (Start == MomentumStart.HalfStep)
        {
            loss.Gradient(theta0, v);
            for (int i = 0; i < d; i++)
            {
                double eta = eta0.IsEmpty ? 0 : eta0[i];
                v[i] = gamma * eta + 0.5 * gamma * gamma * (Friction * eta + v[i]);
            }
        }
        else
        {
            for (int i = 0; i < d; i++) v[i] = eta0.IsEmpty ? 0 : gamma * eta0[i];
        }
    }
}
