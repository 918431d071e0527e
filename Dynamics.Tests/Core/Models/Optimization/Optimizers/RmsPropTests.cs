using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Solvers.Optimization;

namespace Dynamics.Tests.Core.Models.Optimization.Optimizers;

public class RmsPropTests
{
    [Theory]
    [InlineData(1.0, 0.3, 0.1)]
    [InlineData(2.05, 0.5, 0.05)]
    [InlineData(-0.7, 0.25, 0.05)]
    public void Without_averaging_the_iterates_settle_into_a_two_cycle_that_never_stops(double theta0, double gamma, double thetaStar)
    {
        // docs/learning.md, "RMSprop": θ ← θ − γ̃ sign θ; θ* = θ₀ mod γ̃ ∈ (0, γ̃), cycle {θ*, θ* − γ̃}.
        var loss = QuadraticLoss.Diagonal(2.0);
        var run = OptimizerRun.Iterate(new RmsProp(gamma, decay: 0, epsilon: 0), loss, [theta0], 1000);
        var last = new[] { run.State(run.Count - 2)[0], run.State(run.Count - 1)[0] }.Order().ToArray();
        // Each step subtracts γ̃ exactly up to rounding of θ (≈ 1e-16 per step over ≤ 10 steps to reach the cycle).
        Assert.Equal(thetaStar - gamma, last[0], 1e-12);
        Assert.Equal(thetaStar, last[1], 1e-12);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(0.01)]
    [InlineData(0.001)]
    public void With_averaging_the_iterates_converge_to_the_symmetric_cycle(double decay)
    {
        var loss = QuadraticLoss.Diagonal(1.0);
        const double gamma = 0.3;
        var run = OptimizerRun.Iterate(new RmsProp(gamma, decay, epsilon: 0), loss, [1.0], 20_000);
        var last = new[] { run.State(run.Count - 2)[0], run.State(run.Count - 1)[0] }.Order().ToArray();
        // The cycle {γ̃/2, −γ̃/2} attracts geometrically (factor ≈ 1 − 2ρ(1 − ρ)... per pair of steps), so after
        // 20,000 steps even ρ = 0.001 is converged to rounding.
        Assert.Equal(-gamma / 2, last[0], 1e-10);
        Assert.Equal(gamma / 2, last[1], 1e-10);
    }

    [Fact]
    public void Scalar_RMSprop_is_adaptive_step_Euler_on_the_gradient_flow()
    {
        var loss = new RosenbrockLoss(1.0, 5.0);
        double[] theta0 = [-0.8, 1.2];
        double[] rates = [0.004, 0.002, 0.001];
        var scaling = MapFlowComparison.Scaling(rates, rate =>
        {
            // Run to flow time 0.5 (the adaptive steps sum to it, overshooting by less than one step); the gap is
            // measured at the map's own final time.
            var optimizer = new RmsProp(rate, decay: 0.9, epsilon: 0, perCoordinate: false);
            var run = OptimizerRun.IterateFor(optimizer, loss, theta0, 0.5, recordEvery: 0);
            return MapFlowComparison.Compare(run, new Dynamics.Models.Optimization.Flows.GradientFlow<RosenbrockLoss>(loss), theta0, 2);
        });
        // Euler with steps γₙ ∝ γ̃: global error O(γ̃).
        Assert.InRange(scaling.Order, 0.85, 1.15);
    }

    [Fact]
    public void Per_coordinate_RMSprop_without_averaging_is_Euler_on_the_sign_flow()
    {
        var loss = new BealeLoss();
        var run = OptimizerRun.Iterate(new RmsProp(0.01, decay: 0, epsilon: 0), loss, [1.0, 1.5], 100);
        var sign = new SignGradientFlow<BealeLoss>(loss);
        var theta = new[] { 1.0, 1.5 };
        var f = new double[2];
        for (int k = 1; k < run.Count; k++)
        {
            sign.Evaluate(0, theta, f);
            for (int i = 0; i < 2; i++) theta[i] += 0.01 * f[i];
            Assert.Equal(theta[0], run.State(k)[0], 1e-13);
            Assert.Equal(theta[1], run.State(k)[1], 1e-13);
        }
    }
}
