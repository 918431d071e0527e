using Dynamics.Validation;

namespace Dynamics.Models.Diffusion;

/// <summary>
/// Karras et al. (2022)'s choice σ(t) = t, a = 1: the probability-flow ODE becomes dx/dσ = (x − D(x; σ))/σ = ε*(x; σ),
/// with D the posterior-mean denoiser, and the time grid is σ_i = (σ_max^{1/ρ} + i/(N − 1)(σ_min^{1/ρ} − σ_max^{1/ρ}))^ρ,
/// i = 0 … N − 1, followed by σ_N = 0 (σ_min = 0.002, σ_max = 80, ρ = 7).
/// </summary>
/// <param name="MaximumNoise">σ_max (80), the end time T.</param>
public sealed record EdmSchedule(double MaximumNoise = 80) : IContinuousSchedule
{
    /// <inheritdoc/>
    public string Name => "EDM";

    /// <inheritdoc/>
    public double EndTime => MaximumNoise;

    /// <inheritdoc/>
    public double Scale(double t) => 1;

    /// <inheritdoc/>
    public double NoiseStandardDeviation(double t) => t;

    /// <inheritdoc/>
    public double Drift(double t) => 0;

    /// <inheritdoc/>
    public double DiffusionSquared(double t) => 2 * t;

    /// <summary>Karras' grid σ_0 = σ_max &gt; … &gt; σ_{N−1} = σ_min, then σ_N = 0 (N + 1 entries).</summary>
    /// <param name="steps">N ≥ 2 (18 in the paper's CIFAR-10 runs).</param>
    /// <param name="minimumNoise">σ_min &gt; 0 (0.002).</param>
    /// <param name="maximumNoise">σ_max &gt; σ_min (80).</param>
    /// <param name="rho">ρ &gt; 0 (7).</param>
    /// <returns>The noise levels, decreasing, ending with 0.</returns>
    public static double[] KarrasGrid(int steps, double minimumNoise = 0.002, double maximumNoise = 80, double rho = 7)
    {
        Require.AtLeast(steps, 2, nameof(steps));
        Require.Positive(minimumNoise, nameof(minimumNoise));
        Require.Positive(maximumNoise, nameof(maximumNoise));
        Require.Positive(rho, nameof(rho));
        if (!(maximumNoise > minimumNoise))
            throw new ArgumentException($"maximumNoise = {Require.Format(maximumNoise)} must exceed minimumNoise = {Require.Format(minimumNoise)}.", nameof(maximumNoise));
        var grid = new double[steps + 1];
        double hi = Math.Pow(maximumNoise, 1 / rho), lo = Math.Pow(minimumNoise, 1 / rho);
        for (int i = 0; i < steps; i++) grid[i] = Math.Pow(hi + (double)i / (steps - 1) * (lo - hi), rho);
        grid[0] = maximumNoise;
        grid[steps - 1] = minimumNoise;
        return grid;
    }
}
