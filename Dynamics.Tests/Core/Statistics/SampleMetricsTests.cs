using Dynamics.Distributions;
using Dynamics.Numerics;
using Dynamics.Statistics;
using MathNet.Numerics.Distributions;

namespace Dynamics.Tests.Core.Statistics;

public class SampleMetricsTests
{
    private static double[] NormalSample(ulong seed, int n, double mean, double sd)
    {
        var x = new double[n];
        for (int i = 0; i < n; i++) x[i] = mean + sd * CounterRandom.Normal(seed, (ulong)i, 0);
        return x;
    }

    // E|Z| for Z ∼ N(δ, s²): s√(2/π) e^{−δ²/(2s²)} + δ(1 − 2Φ(−δ/s)).
    private static double MeanAbsolute(double delta, double s) =>
        s * Math.Sqrt(2 / Math.PI) * Math.Exp(-delta * delta / (2 * s * s)) + delta * (1 - 2 * Normal.CDF(0, 1, -delta / s));

    [Fact]
    public void Mean_and_covariance_of_a_small_sample_are_exact()
    {
        // Points (0, 1), (2, 3), (4, 8) stored component-major.
        double[] points = [0, 2, 4, 1, 3, 8];
        var mean = new double[2];
        var cov = new double[4];
        SampleMetrics.Mean(points, 2, mean);
        SampleMetrics.Covariance(points, 2, cov);
        Assert.Equal([2.0, 4.0], mean);
        Assert.Equal([4.0, 7.0, 7.0, 13.0], cov);
        Assert.Equal(Math.Sqrt(1 + 1), SampleMetrics.MeanError(points, [3.0, 3.0]), 1e-15);
        Assert.Equal(Math.Sqrt(9 + 1 + 1 + 4), SampleMetrics.CovarianceError(points, [1.0, 6.0, 6.0, 11.0]), 1e-14);
    }

    [Fact]
    public void Energy_distance_of_two_tiny_samples_is_exact()
    {
        // X = {0, 1}, Y = {2, 3}: E|X−Y| = 2, E|X−X′| = E|Y−Y′| = 1 (pairs i ≠ j), so D² = 2·2 − 1 − 1 = 2.
        Assert.Equal(2, SampleMetrics.EnergyDistance([0.0, 1.0], [2.0, 3.0], 1), 1e-15);
    }

    [Fact]
    public void Energy_distance_and_MMD_of_two_normals_match_their_closed_forms()
    {
        // N(0, 1) vs N(1, 1): D² = 2E|N(1, 2)| − 2E|N(0, 2)|; Gaussian-kernel MMD² with h = 1:
        // E k(X, Y) = h/√(h² + 2)·exp(−δ²/(2(h² + 2))) and E k(X, X′) = h/√(h² + 2). Twelve replicates of n = 200;
        // the replicate mean must lie within 5 standard errors of the truth.
        double energyTruth = 2 * MeanAbsolute(1, Math.Sqrt(2)) - 2 * MeanAbsolute(0, Math.Sqrt(2));
        double mmdTruth = 2 / Math.Sqrt(3) - 2 / Math.Sqrt(3) * Math.Exp(-1.0 / 6);
        const int replicates = 12, n = 200;
        var energy = new double[replicates];
        var mmd = new double[replicates];
        for (int r = 0; r < replicates; r++)
        {
            var x = NormalSample((ulong)(2 * r), n, 0, 1);
            var y = NormalSample((ulong)(2 * r + 1), n, 1, 1);
            energy[r] = SampleMetrics.EnergyDistance(x, y, 1);
            mmd[r] = SampleMetrics.MaximumMeanDiscrepancy(x, y, 1, 1.0);
        }

        AssertMeanNear(energyTruth, energy);
        AssertMeanNear(mmdTruth, mmd);
    }

    private static void AssertMeanNear(double truth, double[] values)
    {
        double mean = values.Average();
        double se = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)) / (values.Length - 1) / values.Length);
        Assert.InRange(mean, truth - 5 * se, truth + 5 * se);
    }

    [Fact]
    public void Sliced_Wasserstein_of_a_shifted_sample_is_the_rms_projected_shift()
    {
        // Y = X + c: each projection's sorted order is kept, so W₂²(θ) = (θ·c)² exactly.
        const int n = 300, projections = 16;
        var x = new double[3 * n];
        GaussianMixture.Isotropic([1.0], [0, 0, 0], [1]).Sample(4, 0, n, x, default);
        double[] c = [0.5, -1, 2];
        var y = new double[3 * n];
        for (int j = 0; j < 3; j++)
            for (int i = 0; i < n; i++) y[j * n + i] = x[j * n + i] + c[j];
        double sum = 0;
        var theta = new double[3];
        for (int p = 0; p < projections; p++)
        {
            SampleMetrics.Direction(21, p, theta);
            double dot = theta[0] * c[0] + theta[1] * c[1] + theta[2] * c[2];
            sum += dot * dot;
        }

        Assert.Equal(Math.Sqrt(sum / projections), SampleMetrics.SlicedWasserstein(x, y, 3, projections, 21), 1e-12);
    }

    [Fact]
    public void Sliced_Wasserstein_handles_unequal_sizes_through_the_quantile_functions()
    {
        // F⁻¹ of {0, 1} and G⁻¹ of {0, ½, 1} differ by ½ on (1/3, 2/3): W₂² = ¼·⅓ = 1/12 (in 1-D θ = ±1).
        Assert.Equal(Math.Sqrt(1.0 / 12), SampleMetrics.SlicedWasserstein([0.0, 1.0], [0.0, 0.5, 1.0], 1, 3, 1), 1e-15);
    }

    [Fact]
    public void Responsibility_weights_recover_the_mixture_weights()
    {
        // E[γ_k(X)] = w_k exactly for X ∼ p; the variance is at most the binomial w(1 − w)/n.
        const int n = 20_000;
        var mixture = GaussianMixture.Isotropic([0.3, 0.7], [-1, 1], [0.4, 0.4]);
        var x = new double[n];
        mixture.Sample(8, 0, n, x, default);
        var weights = new double[2];
        SampleMetrics.ResponsibilityWeights(mixture.CreateMarginal(1, 0), x, weights);
        double tol = 5 * Math.Sqrt(0.21 / n);
        Assert.InRange(weights[1], 0.7 - tol, 0.7 + tol);
        Assert.Equal(1, weights[0] + weights[1], 1e-12);
    }

    [Fact]
    public void Bad_input_is_rejected()
    {
        Assert.Equal("first", Assert.Throws<ArgumentException>(() => SampleMetrics.EnergyDistance([1.0, 2, 3], [1.0, 2], 2)).ParamName);
        Assert.Equal("bandwidth", Assert.Throws<ArgumentOutOfRangeException>(() => SampleMetrics.MaximumMeanDiscrepancy([1.0, 2], [1.0, 2], 1, 0)).ParamName);
        Assert.Equal("projections", Assert.Throws<ArgumentOutOfRangeException>(() => SampleMetrics.SlicedWasserstein([1.0], [1.0], 1, 0, 1)).ParamName);
        Assert.Throws<ArgumentException>(() => SampleMetrics.Mean([double.NaN], 1, new double[1]));
    }
}
