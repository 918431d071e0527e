using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// Closed forms for Gaussian laws used by the MonoFlow oracles: KL divergence between Gaussians and the optimal
/// discriminator logit of two Gaussians.
/// </summary>
public static class Gaussians
{
    /// <summary>
    /// KL(N(m, S) ‖ N(μ, P)) = ½[tr(P⁻¹S) + (μ − m)ᵀP⁻¹(μ − m) − d + log det P − log det S].
    /// </summary>
    /// <param name="mean">m, d entries.</param>
    /// <param name="covariance">S, d·d entries, positive definite.</param>
    /// <param name="targetMean">μ, d entries.</param>
    /// <param name="targetCovariance">P, d·d entries, positive definite.</param>
    /// <returns>The divergence in nats.</returns>
    public static double KullbackLeibler(ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance, ReadOnlySpan<double> targetMean, ReadOnlySpan<double> targetCovariance)
    {
        int d = mean.Length;
        Require.AtLeast(d, 1, "mean.Length");
        Require.Length(covariance.Length, d * d, nameof(covariance));
        Require.Length(targetMean.Length, d, nameof(targetMean));
        Require.Length(targetCovariance.Length, d * d, nameof(targetCovariance));
        var precision = Precision(targetCovariance, d, nameof(targetCovariance));
        Span<double> lower = stackalloc double[d * d];
        SmallMatrix.Cholesky(targetCovariance, d, lower);
        double logDetP = SmallMatrix.LogDeterminant(lower, d);
        if (!SmallMatrix.Cholesky(covariance, d, lower))
            throw new ArgumentException("covariance is not positive definite.", nameof(covariance));
        double logDetS = SmallMatrix.LogDeterminant(lower, d);
        double trace = 0, quadratic = 0;
        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
            {
                trace += precision[a * d + b] * covariance[b * d + a];
                quadratic += (targetMean[a] - mean[a]) * precision[a * d + b] * (targetMean[b] - mean[b]);
            }

        return 0.5 * (trace + quadratic - d + logDetP - logDetS);
    }

    /// <summary>log N(x; m, S), the Gaussian log-density.</summary>
    /// <param name="point">x, d entries.</param>
    /// <param name="mean">m, d entries.</param>
    /// <param name="covariance">S, d·d entries, positive definite.</param>
    /// <returns>The log-density.</returns>
    public static double LogDensity(ReadOnlySpan<double> point, ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance)
    {
        int d = mean.Length;
        Require.Length(point.Length, d, nameof(point));
        Require.Length(covariance.Length, d * d, nameof(covariance));
        Span<double> lower = stackalloc double[d * d];
        if (!SmallMatrix.Cholesky(covariance, d, lower))
            throw new ArgumentException("covariance is not positive definite.", nameof(covariance));
        Span<double> z = stackalloc double[d];
        for (int a = 0; a < d; a++) z[a] = point[a] - mean[a];
        SmallMatrix.CholeskySolve(lower, d, z);
        double quadratic = 0;
        for (int a = 0; a < d; a++) quadratic += (point[a] - mean[a]) * z[a];
        return -0.5 * (d * Math.Log(2 * Math.PI) + SmallMatrix.LogDeterminant(lower, d) + quadratic);
    }

    /// <summary>
    /// The optimal discriminator logit of the vanilla GAN between p = N(μ, P) (real) and q = N(m, S) (fake):
    /// D*(x) = log N(x; μ, P) − log N(x; m, S) = log p/q (docs/monoflow.md), a quadratic in x.
    /// </summary>
    /// <param name="point">x.</param>
    /// <param name="targetMean">μ.</param>
    /// <param name="targetCovariance">P.</param>
    /// <param name="mean">m.</param>
    /// <param name="covariance">S.</param>
    /// <returns>D*(x).</returns>
    public static double OptimalLogit(ReadOnlySpan<double> point, ReadOnlySpan<double> targetMean, ReadOnlySpan<double> targetCovariance,
        ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance) =>
        LogDensity(point, targetMean, targetCovariance) - LogDensity(point, mean, covariance);

    internal static double[] Precision(ReadOnlySpan<double> covariance, int d, string name)
    {
        var lower = new double[d * d];
        if (!SmallMatrix.Cholesky(covariance, d, lower))
            throw new ArgumentException($"{name} is not symmetric positive definite.", name);
        var precision = new double[d * d];
        SmallMatrix.CholeskyInverse(lower, d, precision, new double[d]);
        return precision;
    }
}
