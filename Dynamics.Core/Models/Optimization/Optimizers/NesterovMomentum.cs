using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Optimizers;

/// <summary>
/// Nesterov momentum in Su's framework (kexue.fm/archives/5655, docs/learning.md): the heavy ball
/// θ̈ + λθ̇ = −∇L discretised with β = 1 − λγ and α = γ², evaluating the gradient at a look-ahead point,
/// vₙ₊₁ = βvₙ − α∇L(θₙ + cβvₙ), θₙ₊₁ = θₙ + vₙ₊₁. The midpoint look-ahead (Su's variant) has c = ½; standard Nesterov
/// has c = 1.
/// The state is (θ, v) and each step covers flow time γ. Since β = 1 − λγ matches e^{−λγ} only to O(γ²) per step, the
/// scheme is first order in γ.
/// </summary>
public sealed record NesterovMomentum : MomentumScheme
{
    /// <summary>Nesterov momentum for the heavy ball with friction λ sampled with time step γ.</summary>
    /// <param name="learningRate">The time step γ &gt; 0.</param>
    /// <param name="friction">λ ≥ 0.</param>
    /// <param name="lookahead">The look-ahead fraction c ∈ [0, 1] (½ for the midpoint look-ahead, 1 for standard Nesterov).</param>
    /// <param name="start">How v₀ is chosen.</param>
    public NesterovMomentum(double learningRate, double friction, double lookahead = 0.5, MomentumStart start = MomentumStart.HalfStep)
        : base(learningRate, friction, start)
    {
        Lookahead = lookahead;
    }

    /// <summary>The look-ahead fraction c ∈ [0, 1].</summary>
    public double Lookahead
    {
        get;
        init
        {
            if (!(value >= 0 && value <= 1))
                throw new ArgumentOutOfRangeException(nameof(Lookahead), value, $"Lookahead must lie in [0, 1], but was {Require.Format(value)}.");
            field = value;
        }
    }

    /// <summary>The momentum β = 1 − λγ.</summary>
    public double Beta => 1 - Friction * LearningRate;

    /// <summary>The update's learning rate α = γ².</summary>
    public double Alpha => LearningRate * LearningRate;

    /// <summary>
    /// The method by what it does: "Nesterov (midpoint look-ahead)" for c = ½, "Nesterov" for c = 1, else its c as
    /// <see cref="Parameters"/> writes it ("Nesterov (look-ahead c = 0.3)").
    /// </summary>
    public override string Name => Lookahead switch
    {
        0.5 => "Nesterov (midpoint look-ahead)",
        1 => "Nesterov",
        _ => $"Nesterov (look-ahead {ParameterText.Of(("c", Lookahead))})",
    };

    /// <inheritdoc/>
    public override string Parameters => ParameterText.Of(("γ", LearningRate), ("λ", Friction), ("c", Lookahead));

    /// <inheritdoc/>
    public override int WorkspaceLength(int dimension) => 2 * dimension;

    /// <inheritdoc/>
    public override double Advance<TLoss>(TLoss loss, Span<double> state, Span<double> workspace)
    {
        int d = loss.Dimension;
        var ahead = workspace[..d];
        var g = workspace.Slice(d, d);
        double alpha = Alpha, beta = Beta, shift = Lookahead * beta;
        for (int i = 0; i < d; i++) ahead[i] = state[i] + shift * state[d + i];
        loss.Gradient(ahead, g);
        for (int i = 0; i < d; i++)
        {
            state[d + i] = beta * state[d + i] - alpha * g[i];
            state[i] += state[d + i];
        }

        return LearningRate;
    }
}
