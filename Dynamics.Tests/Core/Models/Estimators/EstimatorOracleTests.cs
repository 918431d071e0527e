using Dynamics.Models.Estimators;
using Dynamics.Numerics;

namespace Dynamics.Tests.Core.Models.Estimators;

/// <summary>The oracles of the reparameterization article (kexue 6705): Gumbel facts, variance pairs, the discrete score-function gradient.</summary>
public class EstimatorOracleTests
{
    private const ulong Seed = 20190610;

    [Fact]
    public void Counter_uniforms_fill_matches_scalar_at_every_length_and_stride()
    {
        for (int length = 0; length <= 64; length++)
        {
            foreach (ulong stride in new ulong[] { 1, 10 })
            {
                var values = new double[length];
                CounterRandom.FillUniform(Seed, 123, stride, values);
                for (int i = 0; i < length; i++) Assert.Equal(CounterRandom.Uniform(Seed, 123 + (ulong)i * stride), values[i]);
            }
        }

        Assert.NotEqual(CounterRandom.Uniform(Seed, 5), CounterRandom.Uniform(Seed + 1, 5));
    }

    [Fact]
    public void Counter_uniforms_and_normals_have_the_right_moments()
    {
        const int n = 200_000;
        double su = 0, su2 = 0, sn = 0, sn2 = 0;
        for (int i = 0; i < n; i++)
        {
            double u = CounterRandom.Uniform(Seed, (ulong)i), z = CounterRandom.Normal(Seed, (ulong)i);
            Assert.InRange(u, 0, 1);
            Assert.NotEqual(0, u);
            su += u;
            su2 += u * u;
            sn += z;
            sn2 += z * z;
        }

        // 5 standard errors: uniform mean √(1/12/n) = 6.5e-4, variance ~ 2e-4; normal mean 2.2e-3, variance √(2/n) = 3.2e-3.
        Assert.Equal(0.5, su / n, 3.3e-3);
        Assert.Equal(1.0 / 12, su2 / n - (su / n) * (su / n), 1e-3);
        Assert.Equal(0, sn / n, 0.011);
        Assert.Equal(1, sn2 / n - (sn / n) * (sn / n), 0.016);
    }

    [Fact]
    public void Gumbel_max_frequencies_equal_the_softmax_probabilities()
    {
        double[] p = [0.5, 0.3, 0.2];
        double[] logits = [.. p.Select(v => Math.Log(v))];
        const int n = 200_000;
        var counts = new int[3];
        for (int s = 0; s < n; s++) counts[Categorical.GumbelMax(logits, Seed, s).Category]++;
        double chiSquare = 0;
        for (int k = 0; k < 3; k++)
        {
            double frequency = counts[k] / (double)n, se = Math.Sqrt(p[k] * (1 - p[k]) / n);
            Assert.True(Math.Abs(frequency - p[k]) <= 4.5 * se, $"category {k}: {frequency} vs {p[k]} (SE {se})");
            chiSquare += (counts[k] - n * p[k]) * (counts[k] - n * p[k]) / (n * p[k]);
        }

        // χ² with 2 degrees of freedom: P(χ² > 13.82) = 0.001.
        Assert.True(chiSquare < 13.82, $"χ² = {chiSquare}");
    }

    [Fact]
    public void Gumbel_numbers_have_mean_gamma_and_variance_pi_squared_over_six()
    {
        const int n = 200_000;
        double sum = 0, sum2 = 0;
        for (int i = 0; i < n; i++)
        {
            double g = CounterRandom.Gumbel(Seed, (ulong)i);
            sum += g;
            sum2 += g * g;
        }

        double mean = sum / n, variance = (sum2 - n * mean * mean) / (n - 1);
        // SE of the mean √(π²/6/n) = 2.9e-3; of the variance σ²√((κ − 1)/n) with kurtosis κ = 5.4: 7.7e-3. 5 SE each.
        Assert.Equal(Categorical.EulerGamma, mean, 5 * Math.Sqrt(Categorical.GumbelVariance / n));
        Assert.Equal(Categorical.GumbelVariance, variance, 5 * Categorical.GumbelVariance * Math.Sqrt(4.4 / n));
    }

    [Fact]
    public void The_maximum_of_perturbed_logits_has_mean_logsumexp_plus_gamma()
    {
        double[] logits = [1, -0.5, 2, 0.3];
        const int n = 200_000;
        double sum = 0;
        for (int s = 0; s < n; s++) sum += Categorical.GumbelMax(logits, Seed, s).Maximum;
        Assert.Equal(Categorical.LogSumExp(logits) + Categorical.EulerGamma, sum / n, 5 * Math.Sqrt(Categorical.GumbelVariance / n));
    }

    [Theory]
    [InlineData(1.0, 1.0, 0.0)]
    [InlineData(-0.5, 2.0, 0.3)]
    [InlineData(2.0, 0.5, 0.0)]
    public void One_sample_variances_match_the_closed_forms(double mu, double sigma, double target)
    {
        var f = new SquareObjective { Target = target };
        var family = new NormalFamily(mu, sigma);
        const int r = 200_000;
        var rp = GradientMonteCarlo.Run(new NormalReparameterizedEstimator(f), [mu, sigma], Seed, r);
        var sf = GradientMonteCarlo.Run(new NormalScoreEstimator(f, ScoreBaseline.None), [mu, sigma], Seed, r);
        var exact = f.Gradient(family);
        Assert.Equal(SquareObjective.ReparameterizedMeanVariance(family), rp.Variance[0], 5 * rp.VarianceStandardError(0));
        Assert.Equal(f.ScoreMeanVariance(family), sf.Variance[0], 5 * sf.VarianceStandardError(0));
        Assert.Equal(exact.Mean, rp.Mean[0], 5 * rp.StandardError(0));
        Assert.Equal(exact.StandardDeviation, rp.Mean[1], 5 * rp.StandardError(1));
        Assert.Equal(exact.Mean, sf.Mean[0], 5 * sf.StandardError(0));
        Assert.Equal(exact.StandardDeviation, sf.Mean[1], 5 * sf.StandardError(1));
    }

    [Fact]
    public void The_variance_pair_is_30_versus_4_at_mu_sigma_one()
    {
        var family = new NormalFamily(1, 1);
        var f = new SquareObjective();
        Assert.Equal(30, f.ScoreMeanVariance(family), 1e-12);
        Assert.Equal(4, SquareObjective.ReparameterizedMeanVariance(family), 1e-12);
    }

    [Fact]
    public void Discrete_score_function_is_unbiased_for_p_times_centred_cost_with_every_baseline()
    {
        double[] logits = [0.2, -1, 0.5, 1.3];
        var objective = new SimplexObjective([11, 8, 10.5, 13]);
        var exact = new double[4];
        objective.ExactGradient(logits, exact);
        var p = new double[4];
        Categorical.Softmax(logits, p);
        double meanCost = 0;
        for (int i = 0; i < 4; i++) meanCost += p[i] * objective.Costs[i];
        for (int j = 0; j < 4; j++) Assert.Equal(p[j] * (objective.Costs[j] - meanCost), exact[j], 1e-15);

        const int r = 10_000;
        var variances = new Dictionary<ScoreBaselineKind, double>();
        foreach (var baseline in new[] { ScoreBaseline.None, ScoreBaseline.Constant(11.5), ScoreBaseline.RunningMean(0.9, initial: 10), ScoreBaseline.LeaveOneOut })
        {
            var stats = GradientMonteCarlo.Run(new CategoricalScoreEstimator(objective, baseline, samples: 4), logits, Seed, r);
            for (int j = 0; j < 4; j++)
                Assert.True(Math.Abs(stats.Bias(j, exact[j])) <= 5 * stats.StandardError(j), $"{baseline.Label}, component {j}: bias {stats.Bias(j, exact[j])}, SE {stats.StandardError(j)}");
            variances[baseline.Kind] = stats.Variance.Sum();
        }

        // A baseline near E f removes most of the variance (costs offset by ~10 from 0), a real effect many SE wide.
        Assert.True(variances[ScoreBaselineKind.LeaveOneOut] < 0.5 * variances[ScoreBaselineKind.None], string.Join(", ", variances));
        Assert.True(variances[ScoreBaselineKind.RunningMean] < 0.5 * variances[ScoreBaselineKind.None], string.Join(", ", variances));
    }

    [Fact]
    public void Gumbel_softmax_tends_to_one_hot_as_tau_to_zero_and_to_uniform_as_tau_to_infinity()
    {
        double[] logits = [0.4, -0.3, 1.1, 0, 0.7];
        var y = new double[5];
        int oneHot = 0;
        const int n = 10_000;
        for (int s = 0; s < n; s++)
        {
            int hard = Categorical.GumbelSoftmax(logits, 1e-4, Seed, s, y);
            Assert.Equal(1, y.Sum(), 1e-12);
            Assert.Equal(hard, Array.IndexOf(y, y.Max()));
            if (Math.Abs(y[hard] - 1) < 1e-6) oneHot++;
        }

        // ỹ misses one-hot by > 1e-6 only if the top two perturbed logits lie within τ ln 10⁶ = 1.4e-3: probability ~1e-3.
        Assert.True(oneHot >= 0.99 * n, $"{oneHot} of {n} one-hot");
        for (int s = 0; s < 1000; s++)
        {
            Categorical.GumbelSoftmax(logits, 1e6, Seed, s, y);
            // |ỹₖ − 1/K| ≤ spread/(Kτ)·(1 + o(1)); the spread of o + g is below 50.
            foreach (double v in y) Assert.Equal(0.2, v, 1e-5);
        }
    }

    [Fact]
    public void Gumbel_softmax_gradient_is_the_pathwise_derivative_of_the_relaxed_objective()
    {
        double[] logits = [0.4, -0.3, 1.1, 0];
        var objective = new SimplexObjective([1, -1, 0.5, 2], weight: 2, target: [0.1, 0.2, 0.3, 0.4]);
        const double tau = 0.7, h = 1e-5;
        const int n = 2000;
        var estimator = new GumbelSoftmaxEstimator(objective, TemperatureSchedule.Constant(tau), samples: n);
        var gradient = new double[4];
        estimator.Estimate(logits, Seed, 0, gradient);
        var y = new double[4];
        for (int j = 0; j < 4; j++)
        {
            double[] up = [.. logits], down = [.. logits];
            up[j] += h;
            down[j] -= h;
            double fUp = 0, fDown = 0;
            for (int s = 0; s < n; s++)
            {
                Categorical.GumbelSoftmax(up, tau, Seed, s, y);
                fUp += objective.Value(y);
                Categorical.GumbelSoftmax(down, tau, Seed, s, y);
                fDown += objective.Value(y);
            }

            // Common random numbers: the central difference differs from the pathwise derivative by O(h²) + rounding ~1e-10.
            Assert.Equal((fUp - fDown) / (2 * h * n), gradient[j], 1e-8);
        }
    }

    [Fact]
    public void Relaxation_bias_shrinks_with_tau_and_straight_through_keeps_an_offset()
    {
        double[] logits = [0.4, -0.3, 1.1, 0, 0.7, -1, 0.2, 0.5, -0.6, 0.9];
        var objective = new SimplexObjective([.. Enumerable.Range(0, 10).Select(i => Math.Cos(i))]);
        var exact = new double[10];
        objective.ExactGradient(logits, exact);
        var mean = new double[10];
        var variance = new double[10];
        const long n = 50_000;
        double Bias(double tau, bool st, SimplexObjective f, out double se)
        {
            var mc = new GumbelSoftmaxMonteCarlo(logits, f, tau, st);
            mc.Run(Seed, n, mean, variance);
            var reference = new double[10];
            f.ExactGradient(logits, reference);
            double norm = 0, var = 0;
            for (int j = 0; j < 10; j++)
            {
                norm += (mean[j] - reference[j]) * (mean[j] - reference[j]);
                var += variance[j] / n;
            }

            se = Math.Sqrt(var);
            return Math.Sqrt(norm);
        }

        double large = Bias(1, false, objective, out double seLarge);
        double small = Bias(0.1, false, objective, out _);
        Assert.True(large > 5 * seLarge, $"bias at τ = 1 {large} vs SE {seLarge}");
        Assert.True(small < 0.5 * large, $"bias at τ = 0.1 {small} vs τ = 1 {large}");

        var quadratic = new SimplexObjective(new double[10], weight: 2, target: [0.3, 0, 0.1, 0, 0.2, 0, 0, 0.4, 0, 0]);
        double st = Bias(0.5, true, quadratic, out double seSt);
        Assert.True(st > 5 * seSt, $"straight-through bias {st} vs SE {seSt}");
    }

    [Fact]
    public void Binary_relaxation_bias_matches_the_logistic_integral_and_vanishes_like_tau_squared()
    {
        double[] logits = [0.3, -0.4];
        var f = new SimplexObjective([1.0, -0.5]);
        var mean = new double[2];
        var variance = new double[2];
        const long n = 400_000;
        foreach (double tau in new[] { 0.25, 1.0 })
        {
            new GumbelSoftmaxMonteCarlo(logits, f, tau).Run(Seed, n, mean, variance);
            // The Monte Carlo mean against the quadrature of E ∂f(ỹ)/∂o₁: 5 SE.
            Assert.Equal(Categorical.BinaryRelaxedMeanGradient(0.7, 1.5, tau), mean[0], 5 * Math.Sqrt(variance[0] / n));
        }

        // The relaxation smooths the step of argmax by the odd kernel σ(u) − 1{u > 0}, so the O(τ) term cancels and the bias
        // is B τ² + O(τ⁴): halving τ divides it by 4 up to a relative O(τ²) ≈ 1% at τ = 0.1.
        double exact = 1.5 * Categorical.LogisticDensity(0.7);
        double bias = Categorical.BinaryRelaxedMeanGradient(0.7, 1.5, 0.1) - exact, half = Categorical.BinaryRelaxedMeanGradient(0.7, 1.5, 0.05) - exact;
        Assert.Equal(4, bias / half, 0.1);
        Assert.Equal(exact, Categorical.BinaryRelaxedMeanGradient(0.7, 1.5, 0.01), 1e-4);
    }
}
