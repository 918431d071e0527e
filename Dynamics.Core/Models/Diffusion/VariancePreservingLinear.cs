using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Models.Diffusion;

/// <summary>
/// The continuous variance-preserving schedule of Song et al. (2021), the T → ∞ limit of Ho et al.'s linear β: on
/// t ∈ [0, 1] the rate is β(t) = β_min + t(β_max − β_min), f = −½β(t), g² = β(t), and
/// a(t) = exp(−¼t²(β_max − β_min) − ½tβ_min), σ(t) = √(1 − a²). β_min = 0.1 and β_max = 20 are 1000 × the paper's
/// 1e-4 and 0.02.
/// </summary>
/// <param name="MinimumRate">β_min &gt; 0 (0.1).</param>
/// <param name="MaximumRate">β_max ≥ β_min (20).</param>
public sealed record VariancePreservingLinear(double MinimumRate = 0.1, double MaximumRate = 20) : IContinuousSchedule
{
    /// <inheritdoc/>
    public string Name => "VP linear";

    /// <inheritdoc/>
    public double EndTime => 1;

    /// <summary>Throws unless 0 &lt; β_min ≤ β_max.</summary>
    public void Validate()
    {
        Require.Positive(MinimumRate, nameof(MinimumRate));
        Require.Positive(MaximumRate, nameof(MaximumRate));
        if (MaximumRate < MinimumRate)
            throw new ArgumentException($"MaximumRate = {Require.Format(MaximumRate)} must be ≥ MinimumRate = {Require.Format(MinimumRate)}.", nameof(MaximumRate));
    }

    /// <summary>The rate β(t) = β_min + t(β_max − β_min).</summary>
    /// <param name="t">The time in [0, 1].</param>
    /// <returns>β(t).</returns>
    public double Rate(double t) => MinimumRate + t * (MaximumRate - MinimumRate);

    /// <inheritdoc/>
    public double Scale(double t) => Math.Exp(LogScale(t));

    /// <inheritdoc/>
    public double NoiseStandardDeviation(double t) => Math.Sqrt(-AccurateMath.ExpM1(2 * LogScale(t)));

    /// <inheritdoc/>
    public double Drift(double t) => -0.5 * Rate(t);

    /// <inheritdoc/>
    public double DiffusionSquared(double t) => Rate(t);

    private double LogScale(double t) => -0.25 * t * t * (MaximumRate - MinimumRate) - 0.5 * t * MinimumRate;
}
