using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// f(z) = (z − c)², the test function of Su's variance comparison (kexue.fm/archives/6705) with a target c (c = 0 gives
/// f = z²). For z ∼ N(μ, σ²) everything is closed form with m = μ − c: L = m² + σ², ∂L/∂μ = 2m, ∂L/∂σ = 2σ; one
/// reparameterized sample of ∂L/∂μ, 2(m + σε), has variance 4σ²; one score-function sample, f(z)(z − μ)/σ², has variance
/// m⁴/σ² + 14m² + 15σ² (30 vs 4 at m = σ = 1).
/// </summary>
public sealed record SquareObjective : ISmoothObjective
{
    /// <summary>The target c.</summary>
    public double Target
    {
        get;
        init
        {
            Require.Finite(value, nameof(Target));
            field = value;
        }
    }

    /// <inheritdoc/>
    public double Value(double z) => (z - Target) * (z - Target);

    /// <inheritdoc/>
    public double Derivative(double z) => 2 * (z - Target);

    /// <summary>L(μ, σ) = (μ − c)² + σ².</summary>
    /// <param name="family">N(μ, σ²).</param>
    /// <returns>L.</returns>
    public double Expectation(NormalFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        double m = family.Mean - Target;
        return m * m + family.StandardDeviation * family.StandardDeviation;
    }

    /// <summary>The exact gradient (∂L/∂μ, ∂L/∂σ) = (2(μ − c), 2σ).</summary>
    /// <param name="family">N(μ, σ²).</param>
    /// <returns>The gradient.</returns>
    public (double Mean, double StandardDeviation) Gradient(NormalFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return (2 * (family.Mean - Target), 2 * family.StandardDeviation);
    }

    /// <summary>Variance of one reparameterized sample of ∂L/∂μ: 4σ².</summary>
    /// <param name="family">N(μ, σ²).</param>
    /// <returns>The variance.</returns>
    public static double ReparameterizedMeanVariance(NormalFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        return 4 * family.StandardDeviation * family.StandardDeviation;
    }

    /// <summary>Variance of one score-function sample of ∂L/∂μ with no baseline: m⁴/σ² + 14m² + 15σ², m = μ − c.</summary>
    /// <param name="family">N(μ, σ²).</param>
    /// <returns>The variance.</returns>
    public double ScoreMeanVariance(NormalFamily family)
    {
        ArgumentNullException.ThrowIfNull(family);
        double m = family.Mean - Target, s2 = family.StandardDeviation * family.StandardDeviation;
        return m * m * m * m / s2 + 14 * m * m + 15 * s2;
    }
}
