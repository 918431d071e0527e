using Dynamics.Distributions;
using Dynamics.Numerics;
using Dynamics.Tests.Support;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Tests.Core.Distributions;

public class GaussianMixtureTests
{
    // A 3-D mixture with full, unequal covariances, used by the derivative tests.
    private static GaussianMixture ThreeDimensional() => new(
        [0.2, 0.5, 0.3],
        [0, 0, 0, 1.5, -0.5, 1, -1, 2, 0.5],
        [
            1.0, 0.3, 0.1, 0.3, 0.8, -0.2, 0.1, -0.2, 0.6,
            0.5, 0.0, 0.0, 0.0, 0.5, 0.0, 0.0, 0.0, 0.5,
            2.0, -0.4, 0.3, -0.4, 1.2, 0.1, 0.3, 0.1, 0.9,
        ]);

    // A 3-D isotropic mixture with unequal standard deviations: the batch kernel's isotropic path.
    private static GaussianMixture ThreeDimensionalIsotropic() => GaussianMixture.Isotropic(
        [0.2, 0.5, 0.3], [0, 0, 0, 1.5, -0.5, 1, -1, 2, 0.5], [0.4, 1.1, 0.7]);

    private static double GaussianLogDensity(double[] x, double[] mean, double[,] covariance)
    {
        var sigma = Matrix<double>.Build.DenseOfArray(covariance);
        var diff = Vector<double>.Build.DenseOfArray(x) - Vector<double>.Build.DenseOfArray(mean);
        double quadratic = diff * sigma.Inverse() * diff;
        return -0.5 * (x.Length * Math.Log(2 * Math.PI) + Math.Log(sigma.Determinant()) + quadratic);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Log_density_matches_the_direct_formula_summed_over_components(bool isotropic)
    {
        var mixture = isotropic ? ThreeDimensionalIsotropic() : ThreeDimensional();
        Assert.Equal(isotropic, mixture.IsIsotropic);
        double[] x = [0.4, -0.3, 1.1];
        double direct = 0;
        for (int k = 0; k < 3; k++)
        {
            var cov = new double[3, 3];
            for (int i = 0; i < 3; i++)
                for (int j = 0; j < 3; j++) cov[i, j] = mixture.Covariance(k)[i * 3 + j];
            direct += mixture.Weights[k] * Math.Exp(GaussianLogDensity(x, mixture.Mean(k).ToArray(), cov));
        }

        Assert.Equal(Math.Log(direct), mixture.LogDensity(x), 1e-12);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Score_and_divergence_match_central_differences(bool isotropic)
    {
        var mixture = isotropic ? ThreeDimensionalIsotropic() : ThreeDimensional();
        double[] x = [0.7, 0.2, -0.4];
        var score = new double[3];
        mixture.Score(x, score);
        const double h = 1e-5;
        double laplacian = 0;
        for (int j = 0; j < 3; j++)
        {
            var plus = (double[])x.Clone();
            var minus = (double[])x.Clone();
            plus[j] += h;
            minus[j] -= h;
            // Central differences: truncation error h²|f'''|/6 ≈ 1e-10, rounding ε|f|/h ≈ 1e-11.
            Assert.Equal((mixture.LogDensity(plus) - mixture.LogDensity(minus)) / (2 * h), score[j], 1e-8);
            var sp = new double[3];
            var sm = new double[3];
            mixture.Score(plus, sp);
            mixture.Score(minus, sm);
            laplacian += (sp[j] - sm[j]) / (2 * h);
        }

        Assert.Equal(laplacian, mixture.ScoreDivergence(x), 1e-7);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Batch_evaluation_equals_one_point_at_a_time_bit_for_bit_at_every_length(bool isotropic)
    {
        var mixture = isotropic ? ThreeDimensionalIsotropic() : ThreeDimensional();
        for (int count = 0; count <= 40; count++)
        {
            var points = new double[3 * count];
            mixture.Sample(7, 0, count, points, default);
            var log = new double[count];
            var score = new double[3 * count];
            var div = new double[count];
            mixture.Evaluate(points, count, log, score, div);
            for (int m = 0; m < count; m++)
            {
                double[] x = [points[m], points[count + m], points[2 * count + m]];
                var s = new double[3];
                Assert.Equal(mixture.Score(x, s), log[m]);
                for (int j = 0; j < 3; j++) Assert.Equal(s[j], score[j * count + m]);
                Assert.Equal(mixture.ScoreDivergence(x), div[m]);
            }
        }
    }

    [Fact]
    public void A_64_dimensional_component_matches_MathNet()
    {
        const int d = 64;
        var a = Matrix<double>.Build.Dense(d, d, (i, j) => Math.Sin(1 + i * 7 + j * 3) * 0.3);
        var sigma = a * a.Transpose() + Matrix<double>.Build.DenseIdentity(d) * 0.5;
        var mean = Enumerable.Range(0, d).Select(i => Math.Cos(i)).ToArray();
        var mixture = new GaussianMixture([1.0], mean, sigma.ToRowMajorArray());
        var x = Enumerable.Range(0, d).Select(i => 0.5 * Math.Sin(3 * i)).ToArray();
        var score = new double[d];
        double log = mixture.Score(x, score);
        Assert.Equal(GaussianLogDensity(x, mean, sigma.ToArray()), log, 1e-9);
        var exact = -(sigma.Inverse() * (Vector<double>.Build.DenseOfArray(x) - Vector<double>.Build.DenseOfArray(mean)));
        for (int j = 0; j < d; j++) Assert.Equal(exact[j], score[j], 1e-9);
        Assert.Equal(-sigma.Inverse().Trace(), mixture.ScoreDivergence(x), 1e-9);
    }

    [Fact]
    public void Log_sum_exp_stays_finite_far_from_the_data()
    {
        var mixture = GaussianMixture.Isotropic([0.4, 0.6], [-1, 1], [1, 1]);
        double x = 1e3;
        var score = new double[1];
        double log = mixture.Score([x], score);
        // log p = log 0.6 − ½log 2π − (x−1)²/2 + log(1 + (0.4/0.6)e^{−2x}); the last term underflows to 0.
        Assert.Equal(Math.Log(0.6) - 0.5 * Math.Log(2 * Math.PI) - 0.5 * (x - 1) * (x - 1), log, 1e-9 * Math.Abs(log));
        Assert.Equal(-(x - 1), score[0], 1e-9);
    }

    [Fact]
    public void Sampling_reproduces_weights_means_and_covariance_within_five_standard_errors()
    {
        const int n = 20_000;
        var mixture = new GaussianMixture([0.3, 0.7], [-2, 0, 2, 1], [0.5, 0.2, 0.2, 0.4, 1.0, -0.3, -0.3, 0.6]);
        var points = new double[2 * n];
        var components = new int[n];
        mixture.Sample(11, 0, n, points, components);
        double fraction = components.Count(k => k == 1) / (double)n;
        Assert.InRange(fraction, 0.7 - 5 * Math.Sqrt(0.21 / n), 0.7 + 5 * Math.Sqrt(0.21 / n));

        // Within component 1: mean (2, 1), covariance [[1, −0.3], [−0.3, 0.6]].
        var xs = Enumerable.Range(0, n).Where(i => components[i] == 1).Select(i => points[i]).ToArray();
        var ys = Enumerable.Range(0, n).Where(i => components[i] == 1).Select(i => points[n + i]).ToArray();
        int c = xs.Length;
        double mx = xs.Average(), my = ys.Average();
        Assert.InRange(mx, 2 - 5 * Math.Sqrt(1.0 / c), 2 + 5 * Math.Sqrt(1.0 / c));
        Assert.InRange(my, 1 - 5 * Math.Sqrt(0.6 / c), 1 + 5 * Math.Sqrt(0.6 / c));
        double cxy = xs.Zip(ys, (a, b) => (a - mx) * (b - my)).Sum() / (c - 1);
        double vx = xs.Sum(a => (a - mx) * (a - mx)) / (c - 1);
        // Var of a sample covariance ≈ (σ_xσ_y² + σ_xy²)/c; of a sample variance 2σ⁴/c.
        Assert.InRange(cxy, -0.3 - 5 * Math.Sqrt((0.6 + 0.09) / c), -0.3 + 5 * Math.Sqrt((0.6 + 0.09) / c));
        Assert.InRange(vx, 1 - 5 * Math.Sqrt(2.0 / c), 1 + 5 * Math.Sqrt(2.0 / c));
    }

    [Fact]
    public void A_sample_depends_only_on_seed_and_index()
    {
        var mixture = ThreeDimensional();
        var batch = new double[3 * 50];
        mixture.Sample(5, 100, 50, batch, default);
        var single = new double[3];
        for (int m = 0; m < 50; m++)
        {
            mixture.Sample(5, 100 + m, single);
            for (int j = 0; j < 3; j++) Assert.Equal(single[j], batch[j * 50 + m]);
        }

        mixture.Sample(6, 100, single);
        Assert.NotEqual(single[0], batch[0]);
    }

    [Fact]
    public void Batch_evaluation_allocates_nothing()
    {
        var mixture = ThreeDimensional().CreateMarginal(0.8, 0.6);
        const int count = 1000;
        var points = new double[3 * count];
        mixture.Mixture.Sample(3, 0, count, points, default);
        var log = new double[count];
        var score = new double[3 * count];
        var div = new double[count];
        mixture.Evaluate(points, count, log, score, div);
        long bytes = Allocations.LeastOfThree(() => Allocations.During(() =>
        {
            for (int r = 0; r < 10; r++)
            {
                mixture.Update(0.5 + 0.01 * r, 0.7);
                mixture.Evaluate(points, count, log, score, div);
                mixture.PredictNoise(points, count, score);
            }
        }));
        Assert.Equal(0, bytes);
    }

    [Fact]
    public void Push_forward_is_the_law_of_the_scaled_noised_variable()
    {
        // Exact formula: means aμ_k, covariances a²Σ_k + σ²I; and the marginal evaluator agrees with the new mixture.
        var mixture = ThreeDimensional();
        var pushed = mixture.PushForward(0.6, 0.8);
        for (int k = 0; k < 3; k++)
        {
            for (int i = 0; i < 3; i++) Assert.Equal(0.6 * mixture.Mean(k)[i], pushed.Mean(k)[i], 1e-15);
            for (int i = 0; i < 9; i++)
                Assert.Equal(0.36 * mixture.Covariance(k)[i] + (i % 4 == 0 ? 0.64 : 0), pushed.Covariance(k)[i], 1e-15);
        }

        var marginal = mixture.CreateMarginal(0.6, 0.8);
        double[] x = [0.3, -0.2, 0.9];
        Assert.Equal(pushed.LogDensity(x), marginal.LogDensity(x), 1e-12);

        // Monte Carlo: the variance of a·x₀ + σε in coordinate 0 against the pushed-forward mixture's variance.
        const int n = 40_000;
        var samples = new double[3 * n];
        mixture.Sample(9, 0, n, samples, default);
        var y = new double[n];
        for (int m = 0; m < n; m++) y[m] = 0.6 * samples[m] + 0.8 * CounterRandom.Normal(99, (ulong)m, 0);
        double mean = 0, second = 0;
        for (int k = 0; k < 3; k++)
        {
            double mu = pushed.Mean(k)[0];
            mean += pushed.Weights[k] * mu;
            second += pushed.Weights[k] * (pushed.Covariance(k)[0] + mu * mu);
        }

        double variance = second - mean * mean;
        Assert.InRange(y.Average(), mean - 5 * Math.Sqrt(variance / n), mean + 5 * Math.Sqrt(variance / n));
    }

    [Theory]
    [InlineData(0.3, 0.8, 0.5)]
    [InlineData(0.9, 0.4, 2.0)]
    public void Gaussian_data_noise_predictor_and_denoiser_have_their_closed_forms(double alphaBar, double mu, double s)
    {
        // docs/diffusion.md, "Oracles and measured errors" (Denoisers): for N(μ, s²) data, V = ᾱ²s² + β̄²,
        // ε* = β̄(x − ᾱμ)/V, x̂₀ = μ + (ᾱs²/V)(x − ᾱμ).
        double betaBar = Math.Sqrt(1 - alphaBar * alphaBar);
        var marginal = GaussianMixture.Isotropic([1.0], [mu], [s]).CreateMarginal(alphaBar, betaBar);
        double v = alphaBar * alphaBar * s * s + betaBar * betaBar;
        var eps = new double[1];
        var x0 = new double[1];
        foreach (double x in new[] { -2.0, 0.1, 1.7 })
        {
            marginal.PredictNoise([x], 1, eps);
            marginal.Denoise([x], 1, x0);
            Assert.Equal(betaBar * (x - alphaBar * mu) / v, eps[0], 1e-14);
            Assert.Equal(mu + alphaBar * s * s / v * (x - alphaBar * mu), x0[0], 1e-13);
        }
    }

    [Fact]
    public void Noise_predictor_attains_the_minimal_loss_one_minus_betabar_squared_over_V()
    {
        // E‖ε − ε*(ᾱx₀ + β̄ε)‖² per dimension = 1 − β̄²/V (docs/diffusion.md, "Oracles and measured errors"), estimated
        // from 40,000 pairs.
        const double alphaBar = 0.6, mu = 0.5, s = 0.7;
        double betaBar = Math.Sqrt(1 - alphaBar * alphaBar);
        double v = alphaBar * alphaBar * s * s + betaBar * betaBar;
        var marginal = GaussianMixture.Isotropic([1.0], [mu], [s]).CreateMarginal(alphaBar, betaBar);
        const int n = 40_000;
        var x = new double[n];
        var eps = new double[n];
        for (int m = 0; m < n; m++)
        {
            eps[m] = CounterRandom.Normal(1, (ulong)m, 0);
            x[m] = alphaBar * (mu + s * CounterRandom.Normal(1, (ulong)m, 1)) + betaBar * eps[m];
        }

        var prediction = new double[n];
        marginal.PredictNoise(x, n, prediction);
        var losses = eps.Zip(prediction, (e, p) => (e - p) * (e - p)).ToArray();
        double loss = losses.Average();
        double se = Math.Sqrt(losses.Select(l => (l - loss) * (l - loss)).Sum() / (n - 1) / n);
        Assert.InRange(loss, 1 - betaBar * betaBar / v - 5 * se, 1 - betaBar * betaBar / v + 5 * se);
    }

    [Fact]
    public void Denoising_autoencoder_optimum_for_Gaussian_and_Dirac_data()
    {
        // The optimal denoiser is the posterior mean (Tweedie; docs/diffusion.md, "Oracles and measured errors"):
        // p = N(μ, s²I) gives r*(y) = (s²y + σ²μ)/(s² + σ²).
        const double sigma = 0.5;
        var gaussian = GaussianMixture.Isotropic([1.0], [1.0, -2.0], [0.8]).CreateMarginal(1, sigma);
        var r = new double[2];
        gaussian.Denoise([0.3, 0.4], 1, r);
        Assert.Equal((0.64 * 0.3 + 0.25 * 1.0) / 0.89, r[0], 1e-14);
        Assert.Equal((0.64 * 0.4 - 0.25 * 2.0) / 0.89, r[1], 1e-14);

        // Diracs Σ w_k δ_{μ_k} give r*(y) = Σ π_k μ_k with π_k ∝ w_k N(y; μ_k, σ²I).
        double[] w = [0.2, 0.5, 0.3];
        double[] means = [-1, 0, 1, 1, 0.5, -1];
        var dirac = GaussianMixture.Isotropic(w, means, [0, 0, 0]).CreateMarginal(1, sigma);
        double[] y = [0.2, 0.3];
        var pi = new double[3];
        for (int k = 0; k < 3; k++)
            pi[k] = w[k] * Math.Exp(-((y[0] - means[2 * k]) * (y[0] - means[2 * k]) + (y[1] - means[2 * k + 1]) * (y[1] - means[2 * k + 1])) / (2 * sigma * sigma));
        double total = pi.Sum();
        dirac.Denoise(y, 1, r);
        for (int j = 0; j < 2; j++)
            Assert.Equal((pi[0] * means[j] + pi[1] * means[2 + j] + pi[2] * means[4 + j]) / total, r[j], 1e-14);
        var gamma = new double[3];
        dirac.Responsibilities(y, gamma);
        for (int k = 0; k < 3; k++) Assert.Equal(pi[k] / total, gamma[k], 1e-14);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_parameter_named()
    {
        Assert.Contains("weights[0]", Assert.Throws<ArgumentException>(() => new GaussianMixture([double.NaN], [0], [1])).Message);
        Assert.Contains("weights[1]", Assert.Throws<ArgumentException>(() => new GaussianMixture([1.5, -0.5], [0, 1], [1, 1])).Message);
        Assert.Contains("sum to 1", Assert.Throws<ArgumentException>(() => new GaussianMixture([0.5, 0.4], [0, 1], [1, 1])).Message);
        Assert.Equal("means", Assert.Throws<ArgumentException>(() => new GaussianMixture([0.5, 0.5], [0, 1, 2], [1, 1])).ParamName);
        Assert.Equal("covariances", Assert.Throws<ArgumentException>(() => new GaussianMixture([1.0], [0, 0], [1, 0.5, 0.4, 1])).ParamName);
        Assert.Contains("positive definite", Assert.Throws<ArgumentException>(() => new GaussianMixture([1.0], [0, 0], [1, 2, 2, 1])).Message);
        var dirac = GaussianMixture.Isotropic([0.3, 0.7], [-1, 1], [0, 0]);
        Assert.True(dirac.IsDirac(0));
        Assert.Throws<InvalidOperationException>(() => dirac.LogDensity([0.0]));
        Assert.Equal("noiseStandardDeviation", Assert.Throws<ArgumentException>(() => dirac.CreateMarginal(1, 0)).ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => dirac.CreateMarginal(double.NaN, 1));
        var marginal = dirac.CreateMarginal(1, 0.5);
        Assert.Equal("points", Assert.Throws<ArgumentException>(() => marginal.Evaluate(new double[3], 2, default, default, default)).ParamName);
        Assert.Equal("score", Assert.Throws<ArgumentException>(() => marginal.Evaluate(new double[2], 2, default, new double[3], default)).ParamName);
    }
}
