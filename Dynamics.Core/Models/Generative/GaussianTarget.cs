using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// A Gaussian target N(μ, P) as the Gaussian flows read it: the mean and the precision P⁻¹, validated once. Both the
/// moment ODE of the KL flow and the affine generator's parameter ODE move the mean by the same drift ṁ = −P⁻¹(m − μ).
/// </summary>
internal sealed class GaussianTarget
{
    private readonly double[] _mean;

    public GaussianTarget(ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance)
    {
        int d = mean.Length;
        Require.AtLeast(d, 1, "targetMean.Length");
        Require.Length(covariance.Length, d * d, "targetCovariance");
        Require.AllFinite(mean, "targetMean");
        Require.AllFinite(covariance, "targetCovariance");
        Dimension = d;
        _mean = mean.ToArray();
        Precision = Gaussians.Precision(covariance, d, "targetCovariance");
    }

    public int Dimension { get; }

    /// <summary>P⁻¹, row-major.</summary>
    public double[] Precision { get; }

    /// <summary>ṁ = −P⁻¹(m − μ) into <paramref name="meanDrift"/>.</summary>
    public void MeanDrift(ReadOnlySpan<double> mean, Span<double> meanDrift)
    {
        int d = Dimension;
        for (int a = 0; a < d; a++)
        {
            double sum = 0;
            for (int b = 0; b < d; b++) sum += Precision[a * d + b] * (mean[b] - _mean[b]);
            meanDrift[a] = -sum;
        }
    }
}
