using Dynamics.Models.Generative;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Core.Models.Generative;

/// <summary>The three log-ratio sources: D* of two Gaussians, the KDE kernel against a plain sum, threads and allocation.</summary>
public class LogRatioSourceTests
{
    [Fact]
    public void Quadratic_discriminator_recovers_the_optimal_logit_of_two_Gaussians()
    {
        // p = N(0, P), q = N(m, S): D* = log p − log q = c + bᵀx + xᵀQx with Q = ½(S⁻¹ − P⁻¹), b = −S⁻¹m,
        // c = ½mᵀS⁻¹m + ½log(det S/det P) (docs/monoflow.md, "Companions", Gaussians).
        const int n = 20000;
        double[] m = [1, 0.5], s = [0.6, 0.1, 0.1, 0.5];
        var real = MonoFlowTestData.Sample(MonoFlowTestData.Target(), n, 1);
        var fake = MonoFlowTestData.Sample(MonoFlowTestData.Gaussian(m, s), n, 2);
        var discriminator = new DiscriminatorLogRatio(MonoFlowTestData.Target());
        var errors = new double[6];
        discriminator.Fit(real, fake, 30, errors);

        double[] pInv = Inverse2(MonoFlowTestData.TargetCovariance), sInv = Inverse2(s);
        double q00 = 0.5 * (sInv[0] - pInv[0]), q01 = 0.5 * (sInv[1] - pInv[1]), q11 = 0.5 * (sInv[3] - pInv[3]);
        double b0 = -(sInv[0] * m[0] + sInv[1] * m[1]), b1 = -(sInv[2] * m[0] + sInv[3] * m[1]);
        double c = 0.5 * (m[0] * -b0 + m[1] * -b1) + 0.5 * Math.Log((s[0] * s[3] - s[1] * s[2]) / (0.89 - 0.64));
        double[] expected = [c, b0, b1, q00, 2 * q01, q11];
        // The closed form agrees with the library's D* at a point.
        double[] x = [0.3, -0.7];
        double atX = c + b0 * x[0] + b1 * x[1] + q00 * x[0] * x[0] + 2 * q01 * x[0] * x[1] + q11 * x[1] * x[1];
        Assert.Equal(Gaussians.OptimalLogit(x, [0, 0], MonoFlowTestData.TargetCovariance, m, s), atX, 1e-12);
        for (int k = 0; k < 6; k++)
            Assert.True(Math.Abs(discriminator.Weights[k] - expected[k]) < 5 * errors[k],
                $"coefficient {k}: {discriminator.Weights[k]} vs D* {expected[k]} (standard error {errors[k]})");
    }

    [Theory]
    [InlineData(1, 13)]
    [InlineData(2, 1)]
    [InlineData(2, 37)]
    [InlineData(3, 19)]
    public void Kde_pair_sums_match_a_plain_double_loop(int dimension, int count)
    {
        var law = dimension == 2 ? MonoFlowTestData.Target() : Dynamics.Distributions.GaussianMixture.Isotropic([1.0], new double[dimension], [1.0]);
        var x = MonoFlowTestData.Sample(law, count, 4);
        using var kde = new KernelDensityLogRatio(law, leaveOneOut: false, workers: 1);
        const double h = 0.4;
        var s0 = new double[count];
        var s1 = new double[dimension * count];
        kde.PairSums(x, count, h, s0, s1);
        for (int i = 0; i < count; i++)
        {
            double e0 = 0;
            var e1 = new double[dimension];
            for (int j = 0; j < count; j++)
            {
                double r2 = 0;
                for (int a = 0; a < dimension; a++) r2 += (x[a * count + j] - x[a * count + i]) * (x[a * count + j] - x[a * count + i]);
                double k = Math.Exp(-r2 / (2 * h * h));
                e0 += k;
                for (int a = 0; a < dimension; a++) e1[a] += k * (x[a * count + j] - x[a * count + i]);
            }

            Assert.Equal(e0, s0[i], 1e-12 * count);
            for (int a = 0; a < dimension; a++) Assert.Equal(e1[a], s1[a * count + i], 1e-12 * count);
        }
    }

    [Fact]
    public void Kde_kernel_is_the_Gaussian_to_a_few_ulps_and_the_self_term_is_exactly_one()
    {
        // Two particles at distance Δ: S₀(0) = 1 + K and S₁(0) = KΔ, so S₁/Δ isolates K = exp(−Δ²/(2h²)) to its last bit.
        const double h = 0.3;
        using var kde = new KernelDensityLogRatio(Dynamics.Distributions.GaussianMixture.Isotropic([1.0], [0.0], [1.0]), workers: 1);
        var s0 = new double[2];
        var s1 = new double[2];
        var random = new Random(5);
        for (int k = 0; k < 2000; k++)
        {
            // Exponents from 0 down to −700 (log-uniform in the distance, so small and large arguments both appear).
            double delta = h * Math.Sqrt(1400) * Math.Pow(10, -4 * random.NextDouble());
            kde.PairSums([0, delta], 2, h, s0, s1);
            double exponent = -delta * delta / (2 * h * h);
            double expected = Math.Exp(exponent);
            // A few ulps (polynomial, scaled coordinate, product, unscaling: 1e-15 ≈ 4.5 ulps), plus the rounding of the
            // argument itself (~4 ulps of |exponent|), which any evaluation of the kernel has.
            double tolerance = 1e-15 + 4 * 2.2e-16 * Math.Abs(exponent);
            Assert.True(Math.Abs(s1[0] / delta - expected) <= tolerance * expected, $"Δ = {delta}: {s1[0] / delta} vs {expected}");
        }

        kde.PairSums([0.25, 0.25], 2, h, s0, s1);
        Assert.Equal(2.0, s0[0]);
        Assert.Equal(0.0, s1[0]);
    }

    [Fact]
    public void Kde_log_ratio_is_the_same_with_one_or_two_threads_and_leave_one_out_removes_the_self_term()
    {
        const int n = 203;
        var target = MonoFlowTestData.Mixture();
        var x = MonoFlowTestData.Sample(MonoFlowTestData.Target(), n, 8);
        using var serial = new KernelDensityLogRatio(target, workers: 1);
        using var parallel = new KernelDensityLogRatio(target, workers: 2);
        using var withSelf = new KernelDensityLogRatio(target, leaveOneOut: false, workers: 2);
        double[] r1 = new double[n], g1 = new double[2 * n], r2 = new double[n], g2 = new double[2 * n], r3 = new double[n], g3 = new double[2 * n];
        serial.Evaluate(x, n, r1, g1);
        parallel.Evaluate(x, n, r2, g2);
        withSelf.Evaluate(x, n, r3, g3);
        Assert.Equal(r1, r2);
        Assert.Equal(g1, g2);
        // Scott's rule: h = σ̂ n^{−1/6} with σ̂² the mean of the coordinates' sample variances.
        double var0 = Variance(x.AsSpan(0, n)), var1 = Variance(x.AsSpan(n, n));
        Assert.Equal(Math.Sqrt((var0 + var1) / 2) * Math.Pow(n, -1.0 / 6), serial.Bandwidth, 1e-14);
        // log q̂_with self = log((S + 1)/N) and log q̂_LOO = log(S/(N − 1)) with the same S = Σ_{j≠i} K_ij.
        double h = serial.Bandwidth, norm = 2 * Math.PI * h * h;
        for (int i = 0; i < n; i++)
        {
            double logQLoo = target.LogDensity([x[i], x[n + i]]) - r1[i], logQSelf = target.LogDensity([x[i], x[n + i]]) - r3[i];
            double others = Math.Exp(logQLoo) * (n - 1) * norm;
            Assert.Equal(Math.Log((others + 1) / (n * norm)), logQSelf, 1e-10);
        }
    }

    [Fact]
    public void Kde_flow_evaluation_allocates_nothing_after_the_first_call()
    {
        const int n = 256;
        var x = MonoFlowTestData.Sample(MonoFlowTestData.Target(), n, 8);
        using var kde = new KernelDensityLogRatio(MonoFlowTestData.Mixture(), workers: 2);
        var field = new MonoFlowField(kde, new MonoFlowWeight(GeneratorLoss.NonSaturating), n);
        var dydt = new double[2 * n];
        field.Evaluate(0, x, dydt);
        long bytes = Allocations.LeastOfThree(() => Allocations.During(() =>
        {
            for (int k = 0; k < 20; k++) field.Evaluate(0, x, dydt);
        }));
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Bad_arguments_are_rejected_with_the_parameter_named()
    {
        var target = MonoFlowTestData.Target();
        Assert.Throws<ArgumentOutOfRangeException>(() => new KernelDensityLogRatio(target, fixedBandwidth: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => new KernelDensityLogRatio(target, workers: 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new DiscriminatorLogRatio(target, new DiscriminatorOptions { RefitInterval = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MonoFlowField(new GaussianFitLogRatio(target), new MonoFlowWeight(GeneratorLoss.Minimax, double.PositiveInfinity), 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MonoFlowField(new GaussianFitLogRatio(target), new MonoFlowWeight((GeneratorLoss)99), 10));
        var ex = Assert.Throws<ArgumentException>(() => new GaussianFitLogRatio(target).Evaluate(new double[9], 5, new double[5], new double[10]));
        Assert.Contains("particles", ex.Message);
        Assert.Throws<ArgumentException>(() => new GaussianKlFlowMoments([0, 0], [1, 2, 2, 1]));
        Assert.Throws<ArgumentOutOfRangeException>(() => new GaussianKlFlowMoments([0, 0], [1, 0, 0, 1], kdeParticles: 1));
    }

    private static double Variance(ReadOnlySpan<double> v)
    {
        double mean = 0;
        foreach (var x in v) mean += x;
        mean /= v.Length;
        double sum = 0;
        foreach (var x in v) sum += (x - mean) * (x - mean);
        return sum / (v.Length - 1);
    }

    private static double[] Inverse2(double[] m)
    {
        double det = m[0] * m[3] - m[1] * m[2];
        return [m[3] / det, -m[1] / det, -m[2] / det, m[0] / det];
    }
}
