using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;

namespace Dynamics.Tests.Core.Models.Diffusion;

public class ScheduleTests
{
    [Fact]
    public void Su_and_paper_schedules_reproduce_the_tabulated_terminal_values()
    {
        // docs/diffusion.md, "Schedules" (the table's check column; five significant digits there, so half a unit of
        // the last digit is the tolerance).
        var su = DiscreteSchedule.SuLinear(1000);
        Assert.Equal(-5.03872, Math.Log(su.AlphaBar(1000)), 5e-6);
        Assert.Equal(0.0064820, su.AlphaBar(1000), 5e-8);
        Assert.True(Math.Log(su.AlphaBar(1000)) < -0.005 * 1001, "Su's bound log ᾱ_T < −0.005(T + 1)");
        var paper = DiscreteSchedule.PaperLinear(1000, 1e-4, 0.02);
        Assert.Equal(0.0063528, paper.AlphaBar(1000), 5e-8);
        Assert.Equal(4.0358e-5, paper.PaperAlphaBar(1000), 5e-10);
        Assert.Equal(1e-4, paper.PaperBeta(1), 1e-15);
        Assert.Equal(0.02, paper.PaperBeta(1000), 1e-15);
    }

    [Fact]
    public void The_one_step_chain_reproduces_the_marginal_and_the_sum_of_squares_identity()
    {
        // docs/diffusion.md, "Oracles and measured errors": m_t = α_t m_{t−1}, v_t = α_t² v_{t−1} + β_t² from (x₀, 0)
        // gives ᾱ_t x₀ and β̄_t² to round-off.
        foreach (var schedule in new[] { DiscreteSchedule.SuLinear(), DiscreteSchedule.PaperLinear(), DiscreteSchedule.Cosine() })
        {
            double mean = 1, variance = 0;
            for (int t = 1; t <= schedule.Steps; t++)
            {
                mean *= schedule.Alpha(t);
                variance = schedule.Alpha(t) * schedule.Alpha(t) * variance + schedule.Beta(t) * schedule.Beta(t);
                Assert.Equal(schedule.AlphaBar(t), mean, 1e-13);
                Assert.Equal(schedule.BetaBar(t) * schedule.BetaBar(t), variance, 1e-13);
                Assert.Equal(1, schedule.AlphaBar(t) * schedule.AlphaBar(t) + variance, 1e-13);
            }
        }
    }

    [Fact]
    public void The_variance_reduction_pair_is_uncorrelated_with_unit_variances()
    {
        // The (ε, ω) pair of docs/diffusion.md, "Oracles and measured errors": β̄_t ε = α_t β̄_{t−1} ε̄ + β_t ε_t and
        // β̄_t ω = β_t ε̄ − α_t β̄_{t−1} ε_t, with the inverse ε_t = (β_t ε − α_t β̄_{t−1} ω)/β̄_t.
        // Coefficients: Var ε = Var ω = 1 and Cov = 0 exactly; plus the inversion.
        // β̄_t² is formed as 1 − ᾱ_t² (to round-off ε), so near t = 1, where β̄_t² ≈ 4e-5, the ratio carries ε/β̄_t² ≈ 1e-11.
        var schedule = DiscreteSchedule.SuLinear();
        foreach (int t in new[] { 2, 10, 500, 1000 })
        {
            double a = schedule.Alpha(t), b = schedule.Beta(t), bp = schedule.BetaBar(t - 1), bt = schedule.BetaBar(t);
            Assert.Equal(1, (a * a * bp * bp + b * b) / (bt * bt), 1e-11);
            Assert.Equal(1, (b * b + a * a * bp * bp) / (bt * bt), 1e-11);
            Assert.Equal(0, (a * bp * b - b * a * bp) / (bt * bt), 1e-16);
            double epsBar = CounterRandom.Normal(3, (ulong)t, 0), epsT = CounterRandom.Normal(3, (ulong)t, 1);
            double eps = (a * bp * epsBar + b * epsT) / bt, omega = (b * epsBar - a * bp * epsT) / bt;
            Assert.Equal(epsT, (b * eps - a * bp * omega) / bt, 1e-11);
        }
    }

    [Fact]
    public void The_posterior_matches_a_numerical_Bayes_computation()
    {
        // docs/diffusion.md, "Oracles and measured errors" (the posterior):
        // p(x_{t−1} | x_t, x₀) ∝ N(x_t; α_t x_{t−1}, β_t²) N(x_{t−1}; ᾱ_{t−1}x₀, β̄_{t−1}²), integrated on a grid.
        var betas = new double[12];
        for (int i = 0; i < betas.Length; i++) betas[i] = 0.02 + 0.3 * CounterRandom.Uniform(17, (ulong)i, 0);
        var schedule = DiscreteSchedule.FromPaperBetas("random", betas);
        const double xt = 0.4, x0 = -0.8;
        for (int t = 2; t <= schedule.Steps; t++)
        {
            double a = schedule.Alpha(t), b = schedule.Beta(t), ab = schedule.AlphaBar(t - 1), bb = schedule.BetaBar(t - 1);
            double z0 = 0, z1 = 0, z2 = 0;
            const double lo = -6, hi = 6;
            const int cells = 40_000;
            double dx = (hi - lo) / cells;
            for (int i = 0; i <= cells; i++)
            {
                double x = lo + i * dx;
                double w = Math.Exp(-0.5 * Math.Pow((xt - a * x) / b, 2) - 0.5 * Math.Pow((x - ab * x0) / bb, 2)) * (i == 0 || i == cells ? 0.5 : 1);
                z0 += w;
                z1 += w * x;
                z2 += w * x * x;
            }

            double mean = z1 / z0, variance = z2 / z0 - mean * mean;
            var (ct, c0, v) = schedule.Posterior(t);
            // The trapezoid rule is spectrally accurate for these Gaussian integrands.
            Assert.Equal(mean, ct * xt + c0 * x0, 1e-10);
            Assert.Equal(variance, v, 1e-10);
        }
    }

    [Fact]
    public void With_standard_normal_data_the_exact_reverse_mean_is_alpha_t_x_t()
    {
        // docs/diffusion.md, "Oracles and measured errors": ε* = β̄_t x_t for N(0, I) data, so
        // (x_t − (β_t²/β̄_t)ε*)/α_t = α_t x_t; at t = 500, x_t = 0.7: 0.6964912.
        var schedule = DiscreteSchedule.SuLinear();
        const int t = 500;
        var marginal = GaussianMixture.Isotropic([1.0], [0.0], [1.0]).CreateMarginal(schedule.AlphaBar(t), schedule.BetaBar(t));
        var eps = new double[1];
        marginal.PredictNoise([0.7], 1, eps);
        double mean = (0.7 - schedule.Beta(t) * schedule.Beta(t) / schedule.BetaBar(t) * eps[0]) / schedule.Alpha(t);
        Assert.Equal(schedule.Alpha(t) * 0.7, mean, 1e-14);
        Assert.Equal(0.6964912, mean, 5e-8);
    }

    [Fact]
    public void Continuous_schedules_satisfy_their_definitions()
    {
        // f = ȧ/a and g² = 2(σσ̇ − σ²ȧ/a), checked by central differences; VP keeps a² + σ² = 1.
        IContinuousSchedule[] schedules = [new VariancePreservingLinear(), new VariancePreservingCosine(), new VarianceExplodingGeometric(), new EdmSchedule()];
        foreach (var s in schedules)
        {
            foreach (double u in new[] { 0.1, 0.4, 0.8 })
            {
                double t = u * s.EndTime, h = 1e-6 * s.EndTime;
                double a = s.Scale(t), sigma = s.NoiseStandardDeviation(t);
                double aDot = (s.Scale(t + h) - s.Scale(t - h)) / (2 * h);
                double sigmaDot = (s.NoiseStandardDeviation(t + h) - s.NoiseStandardDeviation(t - h)) / (2 * h);
                Assert.Equal(aDot / a, s.Drift(t), 1e-6 * Math.Max(1, Math.Abs(s.Drift(t))));
                double g2 = 2 * (sigma * sigmaDot - sigma * sigma * aDot / a);
                Assert.Equal(g2, s.DiffusionSquared(t), 1e-6 * Math.Max(1, g2));
            }
        }

        var vp = new VariancePreservingLinear();
        Assert.Equal(1, vp.Scale(0.3) * vp.Scale(0.3) + vp.NoiseStandardDeviation(0.3) * vp.NoiseStandardDeviation(0.3), 1e-15);
    }

    [Fact]
    public void The_prior_variance_is_one_for_variance_preserving_and_one_plus_the_largest_noise_squared_for_exploding_schedules()
    {
        // VP: a² + σ² = 1 at every t, so the prior is N(0, I) up to rounding of a few ulps. VE and EDM keep a = 1 and end at
        // σ(T) = σ_max (50 and 80), so the prior variance is 1 + σ_max², again to a few ulps (the geometric σ(1) is a pow).
        static double Prior(IContinuousSchedule schedule) => schedule.PriorVariance;
        Assert.Equal(1, Prior(new VariancePreservingLinear()), 1e-15);
        Assert.Equal(1, Prior(new VariancePreservingCosine()), 1e-15);
        Assert.Equal(1 + 50.0 * 50.0, Prior(new VarianceExplodingGeometric()), 1e-12 * 2501);
        Assert.Equal(1 + 80.0 * 80.0, Prior(new EdmSchedule()), 1e-12 * 6401);
    }

    [Fact]
    public void Karras_grid_has_its_end_points_and_rho_spacing()
    {
        var grid = EdmSchedule.KarrasGrid(18);
        Assert.Equal(19, grid.Length);
        Assert.Equal(80, grid[0]);
        Assert.Equal(0.002, grid[17]);
        Assert.Equal(0, grid[18]);
        // σ_i^{1/7} is linear in i.
        double step = Math.Pow(grid[1], 1 / 7.0) - Math.Pow(grid[0], 1 / 7.0);
        for (int i = 1; i < 17; i++) Assert.Equal(step, Math.Pow(grid[i + 1], 1 / 7.0) - Math.Pow(grid[i], 1 / 7.0), 1e-12);
    }

    [Fact]
    public void Bad_schedule_input_is_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscreteSchedule.SuLinear(0));
        Assert.Contains("β_2", Assert.Throws<ArgumentException>(() => DiscreteSchedule.FromPaperBetas("x", [0.1, 1.5])).Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => DiscreteSchedule.SuLinear(10).AlphaBar(11));
        Assert.Throws<ArgumentException>(() => EdmSchedule.KarrasGrid(10, 1, 0.5));
    }
}
