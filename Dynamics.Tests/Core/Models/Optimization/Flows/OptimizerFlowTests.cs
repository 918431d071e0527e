using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Optimization;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core.Models.Optimization.Flows;

public class OptimizerFlowTests
{
    private static readonly QuadraticLoss Valley = new(new[,] { { 3.0, 1.0 }, { 1.0, 1.0 } }, [0.5, -0.5]);
    private static readonly double[] Start = [-1.0, 1.0];

    [Fact]
    public void Gradient_descent_converges_to_the_gradient_flow_at_first_order()
    {
        var scaling = MapFlowComparison.Scaling([0.02, 0.01, 0.005], g =>
            MapFlowComparison.Compare(OptimizerRun.Iterate(new GradientDescent(g), Valley, Start, (long)Math.Round(2 / g)),
                new GradientFlow<QuadraticLoss>(Valley), Start, 2));
        // Euler's global error is O(γ); the ratio of constants at these γ is within 3% of 2.
        Assert.InRange(scaling.Order, 0.95, 1.05);
    }

    [Fact]
    public void Nesterov_momentum_converges_to_the_heavy_ball()
    {
        var flow = new HeavyBallFlow<QuadraticLoss>(Valley, 1.0);
        double[] flowStart = [Start[0], Start[1], 0, 0];
        var scaling = MapFlowComparison.Scaling([0.02, 0.01, 0.005], g =>
            MapFlowComparison.Compare(OptimizerRun.Iterate(new NesterovMomentum(g, 1.0), Valley, Start, (long)Math.Round(3 / g)), flow, flowStart, 2));
        // β = 1 − λγ approximates e^{−λγ} to O(γ²) per step: a first-order scheme.
        Assert.InRange(scaling.Order, 0.9, 1.1);
    }

    [Fact]
    public void Adam_converges_to_its_ODE_at_first_order()
    {
        var loss = new RosenbrockLoss(1.0, 5.0);
        double[] theta0 = [-0.8, 1.2];
        double[] rates = [0.004, 0.002, 0.001];
        var scaling = MapFlowComparison.Scaling(rates, g =>
        {
            var adam = new Adam(g, beta1: Math.Pow(0.9, g / 0.004), beta2: Math.Pow(0.99, g / 0.004), epsilon: 1e-8);
            var flow = new AdamFlow<RosenbrockLoss>(loss, adam);
            var run = OptimizerRun.Iterate(adam, loss, theta0, (long)Math.Round(0.4 / g));
            return MapFlowComparison.Compare(run, flow, flow.InitialState(theta0), 2);
        });
        // β scaled as β^{γ/γ₀} keeps the moment rates a, b fixed, so the maps converge to one ODE; Euler-like, O(γ).
        Assert.InRange(scaling.Order, 0.85, 1.15);
    }

    [Fact]
    public void Adam_flow_starts_with_unit_speed_per_coordinate()
    {
        var flow = new AdamFlow<RosenbrockLoss>(new RosenbrockLoss(), new Adam(0.01));
        var f = new double[6];
        flow.Evaluate(0, flow.InitialState([-1.0, 2.0]), f);
        // m̂ → g and v̂ → g² at t = 0, so θ̇ = −g/(|g| + ε) = −sign g up to ε/|g| ≈ 1e-10.
        Assert.Equal(1, Math.Abs(f[0]), 1e-9);
        Assert.Equal(1, Math.Abs(f[1]), 1e-9);
    }

    [Theory]
    [InlineData(3.0)]
    [InlineData(5.0)]
    public void Nesterov_ODE_on_a_quadratic_follows_the_Bessel_closed_form(double r)
    {
        var loss = QuadraticLoss.Diagonal(2.0);
        var flow = new NesterovFlow<QuadraticLoss>(loss, r);
        var solution = Ode.Solve(OdeProblem.Create(flow, [1.0, 0.0], 0, 12), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Times(1, 4, 12) });
        // θ(t) = θ₀Γ(ν+1)(2/s)^ν J_ν(s), s = √a t (2J₁(s)/s for r = 3); the ODE's 1/t singularity is handled by the
        // t = 0 limit, after which Verner 8 at 1e-12 is accurate to ~1e-10.
        for (int i = 0; i < solution.Count; i++)
            Assert.Equal(flow.QuadraticSolution(2.0, 1.0, solution.Times[i]), solution.State(i)[0], 1e-8);
    }

    [Fact]
    public void Declared_invariants_hold_along_the_flows()
    {
        var loss = new HimmelblauLoss();
        double[] start = [-1.0, 0.5];
        AssertInvariants(new GradientFlow<HimmelblauLoss>(loss), start);
        AssertInvariants(new SignGradientFlow<HimmelblauLoss>(loss, 1e-2), start);
        AssertInvariants(new HeavyBallFlow<HimmelblauLoss>(loss, 0.7), [.. start, 0, 0]);
        AssertInvariants(new HeavyBallFlow<HimmelblauLoss>(loss, 0.0), [.. start, 0, 0]);
        AssertInvariants(new ModifiedGradientFlow<HimmelblauLoss>(loss, 0.01), start);
        AssertInvariants(new NesterovFlow<HimmelblauLoss>(loss), [.. start, 0, 0]);
    }

    private static void AssertInvariants<TField>(TField field, double[] start) where TField : Dynamics.Fields.IModel, Dynamics.Fields.IHasInvariants
    {
        var solution = Ode.Solve(OdeProblem.Create(field, start, 0, 3), new Verner8(), SolverOptions.WithTolerance(1e-11));
        foreach (var invariant in field.Invariants)
        {
            var drift = invariant.Measure(solution.Times, solution.States, field.Dimension);
            // Tolerance 1e-11 local error on states of size ≲ 5 and losses ≲ 200: violations ≲ 1e-8.
            Assert.True(drift.Violation < 1e-8, $"{field.Name}: {invariant.Name} violated by {drift.Violation}");
        }
    }
}
