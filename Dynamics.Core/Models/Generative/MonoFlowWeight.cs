using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// The monotone weight h'(d) of a MonoFlow generator loss −E[h(d)]: the particle velocity is dx/dt = h'(log r)∇log r,
/// so every loss moves particles in the same direction as the KL flow and only rescales the speed (Yi, Zhu &amp; Liu 2023;
/// Su, kexue.fm/archives/9662). For an f-divergence D_f(p‖q) = ∫q f(p/q) the Wasserstein flow has
/// h'(u) = e^{2u} f''(e^u) (Ambrosio, Gigli &amp; Savaré 2008).
/// </summary>
/// <param name="Loss">Which loss.</param>
/// <param name="Shift">The shift C of the minimax loss E[log(1 − σ(d + C))] (MonoFlow's code uses C = 5); ignored otherwise.</param>
public sealed record MonoFlowWeight(GeneratorLoss Loss, double Shift = 0)
{
    /// <summary>Every loss with its default shift, in declaration order.</summary>
    public static IReadOnlyList<MonoFlowWeight> All { get; } = [.. Enum.GetValues<GeneratorLoss>().Select(l => new MonoFlowWeight(l))];

    /// <summary>A short name for figures and reports, e.g. "logit (KL)".</summary>
    public string Name => Loss switch
    {
        GeneratorLoss.Logit => "logit (KL)",
        GeneratorLoss.NonSaturating => "non-saturating",
        GeneratorLoss.Minimax => Shift == 0 ? "minimax" : $"minimax, C = {Shift:0.##}",
        GeneratorLoss.Arcsinh => "arcsinh",
        GeneratorLoss.Exponential => "exp(1.5d)",
        GeneratorLoss.ReverseKl => "W-flow reverse KL (= logit)",
        GeneratorLoss.ForwardKl => "W-flow forward KL",
        GeneratorLoss.ChiSquared => "W-flow χ²",
        GeneratorLoss.SquaredHellinger => "W-flow Hellinger²",
        GeneratorLoss.JensenShannon => "W-flow JS",
        _ => Loss.ToString(),
    };

    /// <summary>Throws when the loss is not a defined value or the shift is not finite.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Loss))
            throw new ArgumentOutOfRangeException(nameof(Loss), Loss, $"Loss = {(int)Loss} is not a GeneratorLoss.");
        Require.Finite(Shift, nameof(Shift));
    }

    /// <summary>h'(d) &gt; 0, the factor on ∇log r. Exponentials are clamped at e^{700} so the field stays finite.</summary>
    /// <param name="d">The log-ratio (discriminator logit) d = log p/q.</param>
    /// <returns>h'(d).</returns>
    public double Derivative(double d) => Loss switch
    {
        GeneratorLoss.Logit or GeneratorLoss.ReverseKl => 1,
        GeneratorLoss.NonSaturating => Sigmoid(-d),
        GeneratorLoss.Minimax => Sigmoid(d + Shift),
        GeneratorLoss.Arcsinh => 1 / Math.Sqrt(1 + d * d),
        GeneratorLoss.Exponential => 1.5 * Math.Exp(Math.Min(1.5 * d, 700)),
        GeneratorLoss.ForwardKl => Math.Exp(Math.Min(d, 700)),
        GeneratorLoss.ChiSquared => 2 * Math.Exp(Math.Min(2 * d, 700)),
        GeneratorLoss.SquaredHellinger => 0.5 * Math.Exp(Math.Min(0.5 * d, 700)),
        GeneratorLoss.JensenShannon => 0.5 * Sigmoid(d),
        _ => throw new InvalidOperationException($"Loss = {(int)Loss} is not a GeneratorLoss."),
    };

    /// <summary>σ(u) = 1/(1 + e^{−u}), computed without overflow for either sign.</summary>
    /// <param name="u">The argument.</param>
    /// <returns>σ(u).</returns>
    public static double Sigmoid(double u) => u >= 0 ? 1 / (1 + Math.Exp(-u)) : Math.Exp(u) / (1 + Math.Exp(u));
}
