using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Solvers;
using Dynamics.Solvers.Stochastic;

namespace Dynamics.Tests.Solvers.Stochastic;

public class StochasticTests
{
    [Fact]
    public void Gaussian_source_is_reproducible_and_standard_normal()
    {
        var a = new GaussianSource(42, 7);
        var b = new GaussianSource(42, 7);
        var c = new GaussianSource(42, 8);
        const int n = 200_000;
        double sum = 0, sum2 = 0, sum4 = 0;
        bool differs = false;
        for (int i = 0; i < n; i++)
        {
            double x = a.NextGaussian();
            Assert.Equal(x, b.NextGaussian());
            differs |= x != c.NextGaussian();
            sum += x;
            sum2 += x * x;
            sum4 += x * x * x * x;
        }

        Assert.True(differs);
        // Standard errors for n = 2e5: mean 1/√n = 0.0022, variance √(2/n) = 0.0032, fourth moment √(96/n) = 0.022; 5 SE bounds.
        Assert.Equal(0, sum / n, 0.011);
        Assert.Equal(1, sum2 / n, 0.016);
        Assert.Equal(3, sum4 / n, 0.11);
    }

    [Fact]
    public void Ensembles_are_the_same_in_parallel_serially_and_one_path_at_a_time()
    {
        var field = new LangevinDynamics<QuadraticLoss>(QuadraticLoss.Isotropic(2, 1.0), 0.5);
        var problem = SdeProblem.Create(field, [1.0, -1.0], 0, 2);
        var options = new SdeOptions(0.01, seed: 123);
        var parallel = Sde.FinalStates(problem, new EulerMaruyama(), options, 64, parallel: true);
        var serial = Sde.FinalStates(problem, new EulerMaruyama(), options, 64, parallel: false);
        Assert.True(parallel.FinalStates.SequenceEqual(serial.FinalStates));
        foreach (int m in new[] { 0, 17, 63 })
        {
            var path = Sde.Solve(problem, new EulerMaruyama(), options, m);
            Assert.Equal(SolveStatus.Success, path.Status);
            Assert.True(path.FinalState.SequenceEqual(parallel.FinalStates.Slice(2 * m, 2)));
            Assert.Equal(201, path.Count);
        }

        var otherSeed = Sde.FinalStates(problem, new EulerMaruyama(), options with { Seed = 124 }, 64);
        Assert.False(otherSeed.FinalStates.SequenceEqual(parallel.FinalStates));
    }

    [Fact]
    public void Euler_Maruyama_Langevin_has_the_discrete_stationary_variance_in_the_exp_minus_2L_over_sigma2_convention()
    {
        // L = ½aθ², σ = 1, γ = 0.4: continuous law N(0, σ²/(2a)) = N(0, 0.5); EM's own law has variance σ²/(a(2 − γa)) = 0.625.
        const double a = 1.0, sigma = 1.0, gamma = 0.4;
        const int members = 20_000;
        var field = new LangevinDynamics<QuadraticLoss>(QuadraticLoss.Diagonal(a), sigma);
        // 60 steps from 0 leave a relative transient (1 − γa)^{120} ≈ 4e-27.
        var ensemble = Sde.FinalStates(SdeProblem.Create(field, [0.0], 0, 60 * gamma), new EulerMaruyama(), new SdeOptions(gamma, seed: 2024), members);
        var x = ensemble.Component(0);
        double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / (members - 1);
        double expected = LangevinStationaryLaw.EulerMaruyamaVariance(a, sigma, gamma);
        Assert.Equal(0.625, expected, 1e-15);
        // The sample variance of n independent N(0, V) draws has standard error V√(2/(n − 1)) = 0.00625; 4 SE.
        double standardError = expected * Math.Sqrt(2.0 / (members - 1));
        Assert.Equal(expected, variance, 4 * standardError);
        // The same data reject the continuous variance 0.5 (20 SE away) and the article's exp(−L/σ²) convention (variance σ²/a = 1).
        Assert.True(Math.Abs(variance - LangevinStationaryLaw.ContinuousVariance(a, sigma)) > 10 * standardError);
        Assert.True(Math.Abs(variance - sigma * sigma / a) > 10 * standardError);
        // The discrete-Langevin form of docs/diffusion.md ("Samplers", ULA): target N(0, S²) with S² = σ²/(2a) and
        // ε = γσ² gives S²/(1 − ε/(4S²)), the same number.
        Assert.Equal(expected, LangevinStationaryLaw.DiscreteLangevinVariance(sigma * sigma / (2 * a), gamma * sigma * sigma), 1e-15);
    }

    [Fact]
    public void A_diverging_path_stops_with_a_status_and_keeps_its_history()
    {
        // γa = 2.5 > 2: the iteration is unstable and overflows.
        var field = new LangevinDynamics<QuadraticLoss>(QuadraticLoss.Diagonal(250.0), 0.1);
        var path = Sde.Solve(SdeProblem.Create(field, [1.0], 0, 100), new EulerMaruyama(), new SdeOptions(0.01));
        Assert.Equal(SolveStatus.NonFiniteState, path.Status);
        Assert.True(path.Steps < 10_000);
        Assert.True(path.Count > 100);
        Assert.Contains("became", path.Message);
    }
}
