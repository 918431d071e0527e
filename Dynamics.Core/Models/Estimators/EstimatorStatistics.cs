namespace Dynamics.Models.Estimators;

/// <summary>
/// Monte Carlo statistics of a gradient estimator from R independent estimates: per component the sample mean, the
/// unbiased sample variance of one estimate, and the fourth central moment (for the standard error of the variance).
/// </summary>
public sealed class EstimatorStatistics
{
    private readonly double[] _mean, _variance, _fourth;

    /// <summary>Wraps computed statistics.</summary>
    /// <param name="mean">The sample means.</param>
    /// <param name="variance">The unbiased sample variances.</param>
    /// <param name="fourthMoment">The fourth central moments (same length).</param>
    /// <param name="estimates">R ≥ 2.</param>
    public EstimatorStatistics(double[] mean, double[] variance, double[] fourthMoment, long estimates)
    {
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(variance);
        ArgumentNullException.ThrowIfNull(fourthMoment);
        Validation.Require.Length(variance.Length, mean.Length, nameof(variance));
        Validation.Require.Length(fourthMoment.Length, mean.Length, nameof(fourthMoment));
        if (estimates < 2) throw new ArgumentOutOfRangeException(nameof(estimates), estimates, $"estimates must be at least 2, but was {estimates}.");
        _mean = mean;
        _variance = variance;
        _fourth = fourthMoment;
        Estimates = estimates;
    }

    /// <summary>The statistics of one scalar from its R independent values.</summary>
    /// <param name="values">R ≥ 2 values.</param>
    /// <returns>One-component statistics.</returns>
    public static EstimatorStatistics FromValues(IReadOnlyList<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        int r = values.Count;
        if (r < 2) throw new ArgumentOutOfRangeException(nameof(values), r, $"values must hold at least 2 numbers, but held {r}.");
        double mean = values.Average(), square = 0, fourth = 0;
        foreach (double v in values)
        {
            double d = (v - mean) * (v - mean);
            square += d;
            fourth += d * d;
        }

        return new([mean], [square / (r - 1)], [fourth / r], r);
    }

    /// <summary>The sample standard deviation of component j, √Var.</summary>
    /// <param name="component">j.</param>
    /// <returns>The standard deviation.</returns>
    public double StandardDeviation(int component) => Math.Sqrt(_variance[component]);

    /// <summary>The standard error of the standard deviation of component j, SE(Var)/(2 sd) by the delta method.</summary>
    /// <param name="component">j.</param>
    /// <returns>The standard error.</returns>
    public double StandardDeviationError(int component) => VarianceStandardError(component) / (2 * StandardDeviation(component));

    /// <summary>The number of estimates R.</summary>
    public long Estimates { get; }

    /// <summary>The sample mean of each component (estimates E ĝ).</summary>
    public IReadOnlyList<double> Mean => _mean;

    /// <summary>The unbiased sample variance of each component (estimates Var ĝ).</summary>
    public IReadOnlyList<double> Variance => _variance;

    /// <summary>The standard error of the mean of component j: √(Var/R).</summary>
    /// <param name="component">j.</param>
    /// <returns>The standard error.</returns>
    public double StandardError(int component) => Math.Sqrt(_variance[component] / Estimates);

    /// <summary>The standard error of the variance of component j: √((m₄ − s⁴)/R) (large-R normal approximation).</summary>
    /// <param name="component">j.</param>
    /// <returns>The standard error.</returns>
    public double VarianceStandardError(int component) =>
        Math.Sqrt(Math.Max(0, _fourth[component] - _variance[component] * _variance[component]) / Estimates);

    /// <summary>The bias of component j against the exact gradient: mean − exact.</summary>
    /// <param name="component">j.</param>
    /// <param name="exact">The exact gradient component.</param>
    /// <returns>The bias estimate.</returns>
    public double Bias(int component, double exact) => _mean[component] - exact;
}
