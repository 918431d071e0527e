using Dynamics.Models.Optimization.Losses;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Optimizers;

/// <summary>
/// A momentum method read as a discretisation of the heavy ball θ̈ + λθ̇ = −∇L with time step γ
/// (kexue.fm/archives/5655, docs/learning.md): the state is (θ, v) with v ≈ γη at half steps, started from rest or from a
/// given flow velocity η₀ as <see cref="Start"/> says. Each step covers flow time γ. The variants differ in how they
/// update v.
/// </summary>
public abstract record MomentumScheme : IOptimizer
{
    /// <summary>Sets the shared parameters.</summary>
    /// <param name="learningRate">The time step γ &gt; 0.</param>
    /// <param name="friction">λ ≥ 0.</param>
    /// <param name="start">How v₀ is chosen.</param>
    protected MomentumScheme(double learningRate, double friction, MomentumStart start)
    {
        LearningRate = learningRate;
        Friction = friction;
        Start = start;
    }

    /// <summary>The time step γ &gt; 0 of the scheme (not the learning rate α of its update).</summary>
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
            RequireDefined.Value(value, nameof(Start));
            field = value;
        }
    }

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <inheritdoc/>
    public abstract string Parameters { get; }

    /// <inheritdoc/>
    public int StateLength(int dimension) => 2 * dimension;

    /// <inheritdoc/>
    public abstract int WorkspaceLength(int dimension);

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
    public abstract double Advance<TLoss>(TLoss loss, Span<double> state, Span<double> workspace) where TLoss : ILoss;

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
