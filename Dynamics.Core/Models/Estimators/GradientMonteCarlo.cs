using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// Monte Carlo of any <see cref="IGradientEstimator"/> at fixed parameters: estimates 0 … R − 1 in order (estimators
/// with a running baseline carry state from one to the next), giving mean, variance and bias. For the Gumbel-softmax
/// gradient over many samples the vectorised <see cref="GumbelSoftmaxMonteCarlo"/> is faster.
/// </summary>
public static class GradientMonteCarlo
{
    /// <summary>Runs R estimates of ∇L at θ and returns their statistics. The estimator is reset first.</summary>
    /// <param name="estimator">The estimator.</param>
    /// <param name="parameters">θ.</param>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="estimates">R ≥ 2.</param>
    /// <returns>Mean, variance and fourth central moment of each component.</returns>
    public static EstimatorStatistics Run(IGradientEstimator estimator, ReadOnlySpan<double> parameters, ulong seed, int estimates)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        Require.AtLeast(estimates, 2, nameof(estimates));
        Require.Length(parameters.Length, estimator.Dimension, nameof(parameters));
        int d = estimator.Dimension;
        var all = new double[(long)estimates * d];
        estimator.Reset();
        for (int n = 0; n < estimates; n++) estimator.Estimate(parameters, seed, n, all.AsSpan(n * d, d));

        var mean = new double[d];
        var variance = new double[d];
        var fourth = new double[d];
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            for (int n = 0; n < estimates; n++) sum += all[n * d + j];
            double m = sum / estimates, second = 0, quartic = 0;
            for (int n = 0; n < estimates; n++)
            {
                double e = all[n * d + j] - m, e2 = e * e;
                second += e2;
                quartic += e2 * e2;
            }

            mean[j] = m;
            variance[j] = second / (estimates - 1);
            fourth[j] = quartic / estimates;
        }

        return new EstimatorStatistics(mean, variance, fourth, estimates);
    }
}
