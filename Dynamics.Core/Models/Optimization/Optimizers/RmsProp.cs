using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Optimizers;

/// <summary>
/// RMSprop as error control in Euler's method (kexue.fm/archives/6234, docs/learning.md): Gₙ₊₁ = ρGₙ + (1 − ρ)∇L⊙∇L
/// and θₙ₊₁ = θₙ − γ̃∇L/√(Gₙ₊₁ + ε), with G₀ = 0 and ρ the decay Su calls λ. The state is (θ, G).
/// <list type="bullet">
/// <item><see cref="PerCoordinate"/> = false: G accumulates the scalar ‖∇L‖², so each step is explicit Euler on the
/// gradient flow with the adaptive step γₙ = γ̃/√(Gₙ₊₁ + ε), chosen so that γₙ‖∇L‖ ≈ γ̃; <see cref="Advance"/> returns
/// γₙ.</item>
/// <item><see cref="PerCoordinate"/> = true (standard RMSprop): each coordinate is normalised; with ρ = ε = 0 a step
/// is θ ← θ − γ̃ sign ∇L, explicit Euler with step γ̃ on the sign flow <see cref="SignGradientFlow{TLoss}"/>;
/// <see cref="Advance"/> returns γ̃.</item>
/// </list>
/// A coordinate whose gradient is exactly 0 does not move (the limit of g/√(g²)). On ½aθ² with ρ = ε = 0 the iterates
/// end in the 2-cycle {θ*, θ* − γ̃}, θ* = θ₀ mod γ̃, and with ρ ∈ (0, 1) in the cycle {γ̃/2, −γ̃/2} (docs/learning.md).
/// </summary>
public sealed record RmsProp : IOptimizer
{
    /// <summary>RMSprop with learning rate γ̃, decay ρ and guard ε.</summary>
    /// <param name="learningRate">γ̃ &gt; 0.</param>
    /// <param name="decay">ρ ∈ [0, 1) (Su's λ; 0.9 or 0.99 in practice).</param>
    /// <param name="epsilon">ε ≥ 0, added under the square root.</param>
    /// <param name="perCoordinate">Per-coordinate (standard) or scalar accumulation.</param>
    public RmsProp(double learningRate, double decay = 0.9, double epsilon = 1e-8, bool perCoordinate = true)
    {
        LearningRate = learningRate;
        Decay = decay;
        Epsilon = epsilon;
        PerCoordinate = perCoordinate;
    }

    /// <summary>The learning rate γ̃ &gt; 0.</summary>
    public double LearningRate
    {
        get;
        init
        {
            Require.Positive(value, nameof(LearningRate));
            field = value;
        }
    }

    /// <summary>The decay ρ ∈ [0, 1) of the squared-gradient average.</summary>
    public double Decay
    {
        get;
        init
        {
            if (!(value >= 0 && value < 1))
                throw new ArgumentOutOfRangeException(nameof(Decay), value, $"Decay must lie in [0, 1), but was {Require.Format(value)}.");
            field = value;
        }
    }

    /// <summary>The guard ε ≥ 0 under the square root.</summary>
    public double Epsilon
    {
        get;
        init
        {
            Require.NonNegative(value, nameof(Epsilon));
            field = value;
        }
    }

    /// <summary>Per-coordinate (true, standard RMSprop) or scalar (false) accumulation.</summary>
    public bool PerCoordinate { get; init; }

    /// <inheritdoc/>
    public string Name => PerCoordinate ? "RMSprop" : "RMSprop (scalar)";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("γ̃", LearningRate), ("ρ", Decay), ("ε", Epsilon));

    /// <inheritdoc/>
    public int StateLength(int dimension) => dimension + (PerCoordinate ? dimension : 1);

    /// <inheritdoc/>
    public int WorkspaceLength(int dimension) => dimension;

    /// <inheritdoc/>
    public void Initialize<TLoss>(TLoss loss, ReadOnlySpan<double> theta0, Span<double> state) where TLoss : ILoss
    {
        theta0.CopyTo(state);
        state[theta0.Length..].Clear();
    }

    /// <inheritdoc/>
    public double Advance<TLoss>(TLoss loss, Span<double> state, Span<double> workspace) where TLoss : ILoss
    {
        int d = loss.Dimension;
        var g = workspace[..d];
        loss.Gradient(state[..d], g);
        double rho = Decay, gamma = LearningRate;
        if (PerCoordinate)
        {
            for (int i = 0; i < d; i++)
            {
                double accumulated = rho * state[d + i] + (1 - rho) * g[i] * g[i];
                state[d + i] = accumulated;
                if (g[i] != 0) state[i] -= gamma * g[i] / Math.Sqrt(accumulated + Epsilon);
            }

            return gamma;
        }

        double norm2 = 0;
        for (int i = 0; i < d; i++) norm2 += g[i] * g[i];
        double total = rho * state[d] + (1 - rho) * norm2;
        state[d] = total;
        // At an exact critical point with ε = 0 nothing moves and no flow time passes.
        if (norm2 == 0) return 0;
        double step = gamma / Math.Sqrt(total + Epsilon);
        for (int i = 0; i < d; i++) state[i] -= step * g[i];
        return step;
    }
}
