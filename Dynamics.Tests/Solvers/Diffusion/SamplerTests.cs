using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Diffusion;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.Stochastic;

namespace Dynamics.Tests.Solvers.Diffusion;

public class SamplerTests
{
    // The end-to-end mixture of docs/diffusion.md, "Oracles and measured errors": w = (0.3, 0.7), μ = (−1, +1), s = 0.
    private static readonly GaussianMixture TwoDiracs = GaussianMixture.Isotropic([0.3, 0.7], [-1, 1], [0, 0]);

    private static void AssertMixtureRecovered(DiffusionSamples samples, double clusterTolerance)
    {
        int n = samples.Count;
        var x = samples.Samples;
        int positive = 0;
        double sumPositive = 0, sumNegative = 0;
        for (int m = 0; m < n; m++)
        {
            if (x[m] > 0) { positive++; sumPositive += x[m]; }
            else sumNegative += x[m];
        }

        // The true fraction is 0.7; five binomial standard errors √(0.21/n).
        double fraction = positive / (double)n, tolerance = 5 * Math.Sqrt(0.21 / n);
        Assert.True(Math.Abs(fraction - 0.7) < tolerance, $"{samples.Sampler}: fraction {fraction} vs 0.7 ± {tolerance}");
        Assert.Equal(1, sumPositive / positive, clusterTolerance);
        Assert.Equal(-1, sumNegative / (n - positive), clusterTolerance);
    }

    [Theory]
    [InlineData(AncestralVariance.Small)]
    [InlineData(AncestralVariance.Large)]
    public void Ancestral_sampling_recovers_the_true_weights(AncestralVariance variance)
    {
        // T = 1000 steps per sample make this the slowest test in Debug; 1500 samples still resolve 0.7 to ±0.059.
        var samples = DiffusionSampler.Ancestral(TwoDiracs, DiscreteSchedule.SuLinear(), variance, new DiffusionSamplerOptions { Count = 1500, Seed = 1 });
        // The large variance adds β_1 ≈ 1.4e-4 of noise in the last step; cluster means are ±1 well within 0.01.
        AssertMixtureRecovered(samples, 0.01);
        Assert.Equal(1000, samples.ScoreEvaluations);
    }

    [Fact]
    public void Deterministic_DDIM_recovers_the_true_weights()
    {
        // 100 DDIM steps on the T = 1000 Su schedule.
        var samples = DiffusionSampler.Ddim(TwoDiracs, DiscreteSchedule.SuLinear(), 100, 0, new DiffusionSamplerOptions { Count = 8000, Seed = 2 });
        AssertMixtureRecovered(samples, 1e-6);
    }

    [Fact]
    public void The_probability_flow_ODE_recovers_the_true_weights()
    {
        // VP linear to t_min = 1e-3, where σ ≈ 0.0100 and a ≈ 0.99995: clusters at ±a within 0.01.
        var samples = DiffusionSampler.ProbabilityFlow(TwoDiracs, new VariancePreservingLinear(), new DormandPrince5(),
            SolverOptions.WithTolerance(1e-6), 1e-3, new DiffusionSamplerOptions { Count = 2000, Seed = 3 });
        AssertMixtureRecovered(samples, 0.01);
    }

    [Fact]
    public void Edm_Heun_and_DPM_solvers_recover_the_true_weights()
    {
        var grid = EdmSchedule.KarrasGrid(18);
        var options = new DiffusionSamplerOptions { Count = 2000, Seed = 4 };
        AssertMixtureRecovered(DiffusionSampler.Heun(TwoDiracs, grid, options), 1e-3);
        AssertMixtureRecovered(DiffusionSampler.DpmSolver2(TwoDiracs, grid, options), 1e-3);
        AssertMixtureRecovered(DiffusionSampler.DpmSolver3(TwoDiracs, grid, options), 1e-3);
        AssertMixtureRecovered(DiffusionSampler.DpmSolverPlusPlus2M(TwoDiracs, grid, options), 1e-3);
        AssertMixtureRecovered(DiffusionSampler.Heun(TwoDiracs, grid, options, new EdmChurn(10, 0.05, 50)), 1e-3);
    }

    [Fact]
    public void Reverse_SDE_and_predictor_corrector_recover_the_true_weights()
    {
        var options = new DiffusionSamplerOptions { Count = 2000, Seed = 5 };
        AssertMixtureRecovered(DiffusionSampler.ReverseSde(TwoDiracs, new VariancePreservingLinear(), 200, 1e-3, options), 0.01);
        AssertMixtureRecovered(DiffusionSampler.ReverseSde(TwoDiracs, new VariancePreservingLinear(), 100, 1e-3, options, correctorSteps: 1, signalToNoise: 0.1), 0.01);
        AssertMixtureRecovered(DiffusionSampler.ReverseSde(TwoDiracs, new VariancePreservingLinear(), 100, 1e-3, options, method: new RosslerSra1()), 0.01);
    }

    [Fact]
    public void Samples_do_not_depend_on_block_size_or_thread_count()
    {
        var data = GaussianMixture.Isotropic([0.5, 0.5], [-1, 0, 1, 1], [0.3, 0.2]);
        var grid = EdmSchedule.KarrasGrid(8);
        var serial = DiffusionSampler.Heun(data, grid, new DiffusionSamplerOptions { Count = 300, Seed = 9, BlockSize = 300, MaxDegreeOfParallelism = 1 }, new EdmChurn(5));
        var parallel = DiffusionSampler.Heun(data, grid, new DiffusionSamplerOptions { Count = 300, Seed = 9, BlockSize = 7 }, new EdmChurn(5));
        Assert.Equal(serial.Samples.ToArray(), parallel.Samples.ToArray());
        var ancestral1 = DiffusionSampler.Ancestral(data, DiscreteSchedule.SuLinear(50), AncestralVariance.Large, new DiffusionSamplerOptions { Count = 100, Seed = 3, BlockSize = 100, MaxDegreeOfParallelism = 1 });
        var ancestral2 = DiffusionSampler.Ancestral(data, DiscreteSchedule.SuLinear(50), AncestralVariance.Large, new DiffusionSamplerOptions { Count = 100, Seed = 3, BlockSize = 16 });
        Assert.Equal(ancestral1.Samples.ToArray(), ancestral2.Samples.ToArray());
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Standardised_coordinate_is_invariant_along_the_probability_flow_for_Gaussian_data(bool varianceExploding)
    {
        // docs/diffusion.md, "Oracles and measured errors" (PF-ODE Gaussian invariant): VE (x_t − μ)/√(s² + σ_t²) and
        // VP (x_t − a_tμ)/√(a_t²s² + σ_t²) are constant along trajectories.
        const double mu = 0.7, s = 0.4;
        IContinuousSchedule schedule = varianceExploding ? new VarianceExplodingGeometric(0.01, 20) : new VariancePreservingLinear();
        using var flow = new ProbabilityFlow(GaussianMixture.Isotropic([1.0], [mu], [s]), schedule);
        var solution = Ode.Solve(new OdeProblem<ProbabilityFlow>(flow, [1.3], schedule.EndTime, 0), new Verner8(),
            SolverOptions.WithTolerance(1e-11) with { SaveAt = SaveAt.EveryStep });
        double Invariant(double t, double x)
        {
            double a = schedule.Scale(t), sigma = schedule.NoiseStandardDeviation(t);
            return (x - a * mu) / Math.Sqrt(a * a * s * s + sigma * sigma);
        }

        double start = Invariant(schedule.EndTime, 1.3);
        Assert.True(solution.Count > 5);
        for (int k = 0; k < solution.Count; k++) Assert.Equal(start, Invariant(solution.Times[k], solution.State(k)[0]), 1e-8);
    }

    [Fact]
    public void Bad_sampler_input_is_rejected()
    {
        var options = new DiffusionSamplerOptions { Count = 10 };
        Assert.Contains("levels[1]", Assert.Throws<ArgumentException>(() => DiffusionSampler.Heun(TwoDiracs, [1.0, 2.0], options)).Message);
        Assert.Contains("levels[0]", Assert.Throws<ArgumentException>(() => DiffusionSampler.Euler(TwoDiracs, [0.0, 0.0], options)).Message);
        Assert.Equal("eta", Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionSampler.Ddim(TwoDiracs, DiscreteSchedule.SuLinear(10), 5, 1.5, options)).ParamName);
        Assert.Equal("steps", Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionSampler.Ddim(TwoDiracs, DiscreteSchedule.SuLinear(10), 11, 0, options)).ParamName);
        Assert.Equal("Count", Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionSampler.Euler(TwoDiracs, [1.0, 0.0], options with { Count = 0 })).ParamName);
        Assert.Equal("endTime", Assert.Throws<ArgumentOutOfRangeException>(() => DiffusionSampler.ReverseSde(TwoDiracs, new VariancePreservingLinear(), 10, 1.5, options)).ParamName);
    }
}
