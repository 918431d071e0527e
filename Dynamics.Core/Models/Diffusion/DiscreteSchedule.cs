using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Models.Diffusion;

/// <summary>
/// A discrete DDPM noise schedule t = 0 … T in Su's notation (docs/diffusion.md): the forward step
/// x_t = α_t x_{t−1} + β_t ε_t with α_t² + β_t² = 1, the marginal x_t = ᾱ_t x₀ + β̄_t ε̄ with ᾱ_t = α_1⋯α_t and
/// β̄_t = √(1 − ᾱ_t²). The conversions to Ho et al. (2020) live here and nowhere else: β_t^{DDPM} = β_t²,
/// ᾱ_t^{DDPM} = ᾱ_t², and the paper's noise predictor is the one the samplers use, ε^{paper} = (β̄_t/β_t) ε^{Su(一)}
/// (docs/corrections.md, E9). Index 0 is the data: ᾱ_0 = 1, β̄_0 = 0.
/// </summary>
public sealed class DiscreteSchedule
{
    private readonly double[] _alpha;
    private readonly double[] _paperBeta;
    private readonly double[] _alphaBar;
    private readonly double[] _betaBar;

    private DiscreteSchedule(string name, double[] paperBetas)
    {
        Name = name;
        int steps = paperBetas.Length;
        _alpha = new double[steps + 1];
        _paperBeta = new double[steps + 1];
        _alphaBar = new double[steps + 1];
        _betaBar = new double[steps + 1];
        _alpha[0] = 1;
        _alphaBar[0] = 1;
        double logAlphaBar = 0;
        for (int t = 1; t <= steps; t++)
        {
            double beta = paperBetas[t - 1];
            if (!(beta > 0 && beta < 1))
                throw new ArgumentException($"The paper's β_{t} must lie in (0, 1), but was {Require.Format(beta)}.", nameof(paperBetas));
            _alpha[t] = Math.Sqrt(1 - beta);
            _paperBeta[t] = beta;
            // Summing logarithms keeps ᾱ_T accurate to round-off even when it is 1e-5.
            logAlphaBar += 0.5 * Math.Log(1 - beta);
            _alphaBar[t] = Math.Exp(logAlphaBar);
            _betaBar[t] = Math.Sqrt(-AccurateMath.ExpM1(2 * logAlphaBar));
        }
    }

    /// <summary>A short name, e.g. "Su linear".</summary>
    public string Name { get; }

    /// <summary>The number of steps T.</summary>
    public int Steps => _alpha.Length - 1;

    /// <summary>Su's α_t = √(1 − β_t^{DDPM}), t = 1 … T (α_0 = 1).</summary>
    /// <param name="t">0 ≤ t ≤ T.</param>
    /// <returns>α_t.</returns>
    public double Alpha(int t) => _alpha[Index(t)];

    /// <summary>Su's β_t = √(1 − α_t²) (0 at t = 0).</summary>
    /// <param name="t">0 ≤ t ≤ T.</param>
    /// <returns>β_t.</returns>
    public double Beta(int t) => Math.Sqrt(_paperBeta[Index(t)]);

    /// <summary>Su's ᾱ_t = α_1⋯α_t, the signal scale of the marginal (√ᾱ_t^{DDPM}).</summary>
    /// <param name="t">0 ≤ t ≤ T.</param>
    /// <returns>ᾱ_t.</returns>
    public double AlphaBar(int t) => _alphaBar[Index(t)];

    /// <summary>Su's β̄_t = √(1 − ᾱ_t²), the noise scale of the marginal (√(1 − ᾱ_t^{DDPM})).</summary>
    /// <param name="t">0 ≤ t ≤ T.</param>
    /// <returns>β̄_t.</returns>
    public double BetaBar(int t) => _betaBar[Index(t)];

    /// <summary>Ho et al.'s β_t^{DDPM} = β_t² (Su's β squared).</summary>
    /// <param name="t">1 ≤ t ≤ T.</param>
    /// <returns>β_t^{DDPM}.</returns>
    public double PaperBeta(int t) => _paperBeta[Index(t)];

    /// <summary>Ho et al.'s ᾱ_t^{DDPM} = Π(1 − β_s^{DDPM}) = ᾱ_t² (Su's ᾱ squared).</summary>
    /// <param name="t">0 ≤ t ≤ T.</param>
    /// <returns>ᾱ_t^{DDPM}.</returns>
    public double PaperAlphaBar(int t) => _alphaBar[Index(t)] * _alphaBar[t];

    /// <summary>The noise-to-signal ratio s_t = β̄_t/ᾱ_t, the time variable of the scaled probability-flow ODE.</summary>
    /// <param name="t">0 ≤ t ≤ T.</param>
    /// <returns>s_t.</returns>
    public double NoiseToSignal(int t) => _betaBar[Index(t)] / _alphaBar[t];

    /// <summary>
    /// The DDPM posterior p(x_{t−1} | x_t, x₀) = N(c_t x_t + c₀ x₀, σ̃²I) (docs/diffusion.md):
    /// c_t = α_tβ̄_{t−1}²/β̄_t², c₀ = ᾱ_{t−1}β_t²/β̄_t², σ̃² = β̄_{t−1}²β_t²/β̄_t².
    /// </summary>
    /// <param name="t">1 ≤ t ≤ T.</param>
    /// <returns>(c_t, c₀, σ̃²).</returns>
    public (double StateCoefficient, double DataCoefficient, double Variance) Posterior(int t)
    {
        Require.AtLeast(t, 1, nameof(t));
        double b = BetaBar(t), bPrevious = BetaBar(t - 1), beta = Beta(t);
        double b2 = b * b;
        return (Alpha(t) * bPrevious * bPrevious / b2, AlphaBar(t - 1) * beta * beta / b2, bPrevious * bPrevious * beta * beta / b2);
    }

    /// <summary>Converts Su's (一) rescaled noise predictor to the paper's: ε^{paper} = (β̄_t/β_t) ε^{Su} (docs/corrections.md, E9).</summary>
    /// <param name="t">1 ≤ t ≤ T.</param>
    /// <param name="suEpsilon">ε^{Su}.</param>
    /// <returns>ε^{paper}.</returns>
    public double PaperEpsilonFromSu(int t, double suEpsilon)
    {
        Require.AtLeast(t, 1, nameof(t));
        return BetaBar(t) / Beta(t) * suEpsilon;
    }

    /// <summary>
    /// Su's translation of Ho et al.'s schedule, α_t = √(1 − 0.02t/T) (docs/diffusion.md): ᾱ_T = 0.0064820 for T = 1000.
    /// </summary>
    /// <param name="steps">T ≥ 1 (1000 in the article).</param>
    /// <returns>The schedule.</returns>
    public static DiscreteSchedule SuLinear(int steps = 1000)
    {
        Require.AtLeast(steps, 1, nameof(steps));
        var betas = new double[steps];
        for (int t = 1; t <= steps; t++) betas[t - 1] = 0.02 * t / steps;
        // β_T = 0.02·T/T = 0.02 < 1: every step is valid.
        return new DiscreteSchedule("Su linear", betas);
    }

    /// <summary>
    /// Ho et al. (2020)'s linear schedule: β_t^{DDPM} from <paramref name="first"/> to <paramref name="last"/> linearly in
    /// t = 1 … T (1e-4 to 0.02 with T = 1000 gives ᾱ_T^{DDPM} = 4.0358e-5).
    /// </summary>
    /// <param name="steps">T ≥ 2.</param>
    /// <param name="first">β_1^{DDPM} in (0, 1).</param>
    /// <param name="last">β_T^{DDPM} in (0, 1).</param>
    /// <returns>The schedule.</returns>
    public static DiscreteSchedule PaperLinear(int steps = 1000, double first = 1e-4, double last = 0.02)
    {
        Require.AtLeast(steps, 2, nameof(steps));
        Require.Positive(first, nameof(first));
        Require.Positive(last, nameof(last));
        var betas = new double[steps];
        for (int t = 1; t <= steps; t++) betas[t - 1] = first + (last - first) * (t - 1) / (steps - 1);
        return new DiscreteSchedule("Ho linear", betas);
    }

    /// <summary>
    /// Nichol &amp; Dhariwal (2021)'s cosine schedule: ᾱ_t^{DDPM} = f(t)/f(0) with f(t) = cos²(((t/T + s)/(1 + s))·π/2),
    /// β_t^{DDPM} = 1 − ᾱ_t^{DDPM}/ᾱ_{t−1}^{DDPM} clipped at 0.999.
    /// </summary>
    /// <param name="steps">T ≥ 1.</param>
    /// <param name="offset">s ≥ 0 (0.008 in the paper).</param>
    /// <returns>The schedule.</returns>
    public static DiscreteSchedule Cosine(int steps = 1000, double offset = 0.008)
    {
        Require.AtLeast(steps, 1, nameof(steps));
        Require.NonNegative(offset, nameof(offset));
        static double F(double u, double s) { double c = Math.Cos((u + s) / (1 + s) * Math.PI / 2); return c * c; }
        var betas = new double[steps];
        for (int t = 1; t <= steps; t++)
            betas[t - 1] = Math.Min(1 - F((double)t / steps, offset) / F((double)(t - 1) / steps, offset), 0.999);
        return new DiscreteSchedule("cosine", betas);
    }

    /// <summary>A schedule from the paper's β_t^{DDPM}, t = 1 … T, each in (0, 1).</summary>
    /// <param name="name">A short name.</param>
    /// <param name="paperBetas">β_1^{DDPM} … β_T^{DDPM}.</param>
    /// <returns>The schedule.</returns>
    public static DiscreteSchedule FromPaperBetas(string name, ReadOnlySpan<double> paperBetas)
    {
        ArgumentNullException.ThrowIfNull(name);
        Require.AtLeast(paperBetas.Length, 1, "paperBetas.Length");
        return new DiscreteSchedule(name, paperBetas.ToArray());
    }

    private int Index(int t)
    {
        if ((uint)t > (uint)Steps)
            throw new ArgumentOutOfRangeException(nameof(t), t, $"t must lie in [0, {Steps}], but was {t}.");
        return t;
    }
}
