namespace Dynamics.Models.Diffusion;

/// <summary>
/// The variance-exploding schedule of Song &amp; Ermon (2019) and Song et al. (2021) on t ∈ [0, 1]: a = 1,
/// σ(t) = σ_min(σ_max/σ_min)^t, f = 0, g² = d(σ²)/dt = 2σ² ln(σ_max/σ_min). Typical σ_min = 0.01, σ_max = 50 (the
/// largest pairwise data distance).
/// </summary>
/// <param name="MinimumNoise">σ_min &gt; 0.</param>
/// <param name="MaximumNoise">σ_max &gt; σ_min.</param>
public sealed record VarianceExplodingGeometric(double MinimumNoise = 0.01, double MaximumNoise = 50) : IContinuousSchedule
{
    /// <inheritdoc/>
    public string Name => "VE geometric";

    /// <inheritdoc/>
    public double EndTime => 1;

    /// <inheritdoc/>
    public double Scale(double t) => 1;

    /// <inheritdoc/>
    public double NoiseStandardDeviation(double t) => MinimumNoise * Math.Pow(MaximumNoise / MinimumNoise, t);

    /// <inheritdoc/>
    public double Drift(double t) => 0;

    /// <inheritdoc/>
    public double DiffusionSquared(double t)
    {
        double sigma = NoiseStandardDeviation(t);
        return 2 * sigma * sigma * Math.Log(MaximumNoise / MinimumNoise);
    }
}
