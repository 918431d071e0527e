namespace Dynamics.Models.Diffusion;

/// <summary>
/// The continuous cosine schedule of Nichol &amp; Dhariwal (2021) on t ∈ [0, 1]:
/// a(t) = cos(((t + s)/(1 + s))·π/2)/cos((s/(1 + s))·π/2), σ = √(1 − a²), f = ȧ/a = −(π/2)/(1 + s)·tan(((t + s)/(1 + s))·π/2),
/// g² = −2f (variance preserving: σ² = 1 − a² makes 2(σσ̇ − σ²ȧ/a) = −2ȧ/a). Stop short of t = 1, where a = 0 and f diverges.
/// </summary>
/// <param name="Offset">s ≥ 0 (0.008).</param>
/// <param name="End">The final time T &lt; 1 (0.995 keeps f finite).</param>
public sealed record VariancePreservingCosine(double Offset = 0.008, double End = 0.995) : IContinuousSchedule
{
    /// <inheritdoc/>
    public string Name => "VP cosine";

    /// <inheritdoc/>
    public double EndTime => End;

    /// <inheritdoc/>
    public double Scale(double t) => Math.Cos(Angle(t)) / Math.Cos(Angle(0));

    /// <inheritdoc/>
    public double NoiseStandardDeviation(double t)
    {
        double a = Scale(t);
        return Math.Sqrt(Math.Max(0, (1 - a) * (1 + a)));
    }

    /// <inheritdoc/>
    public double Drift(double t) => -Math.PI / 2 / (1 + Offset) * Math.Tan(Angle(t));

    /// <inheritdoc/>
    public double DiffusionSquared(double t) => -2 * Drift(t);

    private double Angle(double t) => (t + Offset) / (1 + Offset) * Math.PI / 2;
}
