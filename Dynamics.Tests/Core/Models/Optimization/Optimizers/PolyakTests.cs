using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core.Models.Optimization.Optimizers;

public class PolyakTests
{
    private static readonly PolyakQuarticLoss Quartic = new();

    [Theory]
    [InlineData(4.0, 20_000)]
    [InlineData(4.0, 40_000)]
    [InlineData(3.98, 20_000)]
    [InlineData(4.02, 25_000)]
    public void Clipped_Polyak_iteration_from_near_4_ends_at_the_global_minimum(double x0, int steps)
    {
        var run = OptimizerRun.Iterate(new PolyakStep(0.01, 1000), Quartic, [x0], steps, recordEvery: 0);
        // docs/learning.md, "Polyak step": after ≥ 20,000 steps every start near 4 sits within 3e-6 of (9 − √33)/8
        // (the iteration keeps hopping by h·M·L ≤ 0.01·1000·5.5e-7 = 5.5e-6 around it, since L* = 0 is slightly below
        // min L).
        Assert.Equal(PolyakQuarticLoss.GlobalMinimizer, run.FinalState[0], 3e-6);
    }

    [Fact]
    public void Gradient_descent_from_4_stops_at_the_local_minimum_3()
    {
        var run = OptimizerRun.Iterate(new GradientDescent(0.01), Quartic, [4.0], 20_000, recordEvery: 0);
        // L″(3) = 12, so GD contracts by (1 − 0.12) per step: after 20,000 steps it sits at 3 to rounding.
        Assert.Equal(3.0, run.FinalState[0], 1e-12);
    }

    [Fact]
    public void Unclipped_Polyak_flow_on_a_quadratic_halves_the_rate_exactly()
    {
        var loss = QuadraticLoss.Isotropic(2, 1.0);
        var flow = new PolyakFlow<QuadraticLoss>(loss);
        var solution = Ode.Solve(OdeProblem.Create(flow, [1.0, -2.0], 0, 6), new Verner8(), SolverOptions.WithTolerance(1e-12));
        // θ(t) = θ₀e^{−t/2}, L(t) = L₀e^{−t} (docs/learning.md, "Polyak step"); the conserved (L − L*)e^t drifts only
        // by the solver's error.
        Assert.Equal(Math.Exp(-3), solution.FinalState[0], 1e-10);
        Assert.Equal(-2 * Math.Exp(-3), solution.FinalState[1], 1e-10);
        foreach (var invariant in flow.Invariants)
            Assert.True(invariant.Measure(solution.Times, solution.States, 2).Violation < 1e-9, invariant.Name);
    }

    [Fact]
    public void Polyak_step_is_explicit_Euler_on_the_Polyak_flow()
    {
        var flow = new PolyakFlow<PolyakQuarticLoss>(Quartic, 1000);
        var run = OptimizerRun.Iterate(new PolyakStep(0.01, 1000), Quartic, [2.5], 50);
        var euler = Ode.Solve(OdeProblem.Create(flow, [2.5], 0, 0.5), new ExplicitEuler(), SolverOptions.WithFixedStep(0.01));
        // The same update in a different order of operations: near x = 3, where 1/|L′| is large, the clipped map
        // stretches rounding differences, so 50 steps agree to ~1e-13 rather than to the last bit; 1e-11 leaves room.
        for (int k = 0; k < run.Count; k++) Assert.Equal(euler.State(k)[0], run.State(k)[0], 1e-11);
    }
}
