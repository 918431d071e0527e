using Dynamics.Maps;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Optimization;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core.Models.Optimization.Flows;

public class ModifiedEquationTests
{
    [Theory]
    [InlineData(0.1, 0.34868, 0.34994, 0.36788)]
    [InlineData(0.05, 0.35849, 0.35880, 0.36788)]
    public void GD_modified_and_plain_flow_decays_at_t_1_reproduce_the_tabulated_values(double gamma, double gd, double modified, double plain)
    {
        var loss = QuadraticLoss.Diagonal(1.0);
        var run = OptimizerRun.Iterate(new GradientDescent(gamma), loss, [1.0], (long)Math.Round(1 / gamma), recordEvery: 0);
        var modifiedFlow = Solve(new ModifiedGradientFlow<QuadraticLoss>(loss, gamma), run.FinalTime);
        var plainFlow = Solve(new GradientFlow<QuadraticLoss>(loss), run.FinalTime);
        // The table has five decimals: ±5e-6 is its rounding.
        Assert.Equal(gd, run.FinalState[0], 5e-6);
        Assert.Equal(modified, modifiedFlow, 5e-6);
        Assert.Equal(plain, plainFlow, 5e-6);
        // And the rates: GD's −ln(1 − γ)/γ against the modified a + γa²/2.
        Assert.Equal(Math.Exp(Math.Log(1 - gamma) / gamma), run.FinalState[0], 1e-14);
        Assert.Equal(Math.Exp(-(1 + gamma / 2)), modifiedFlow, 1e-11);
    }

    [Fact]
    public void Gradient_descent_tracks_the_modified_flow_to_second_order_and_the_plain_flow_to_first()
    {
        // A non-quadratic valley, so ∇²L∇L is not parallel to ∇L.
        var loss = new RosenbrockLoss(1.0, 5.0);
        double[] theta0 = [-0.5, 1.0];
        double[] gammas = [0.004, 0.002, 0.001];
        var modified = MapFlowComparison.Scaling(gammas, g => Compare(loss, theta0, g, new ModifiedGradientFlow<RosenbrockLoss>(loss, g)));
        var plain = MapFlowComparison.Scaling(gammas, g => Compare(loss, theta0, g, new GradientFlow<RosenbrockLoss>(loss)));
        // Observed orders within ±0.15 of 2 and 1 (the next terms are O(γ) relative, γ ≤ 0.004 times curvatures ≲ 30).
        Assert.InRange(modified.Order, 1.85, 2.15);
        Assert.InRange(plain.Order, 0.9, 1.1);
        Assert.True(modified.Gaps[^1] < plain.Gaps[^1] / 20);
    }

    private static MapFlowGap Compare<TField>(RosenbrockLoss loss, double[] theta0, double gamma, TField flow) where TField : Dynamics.Fields.IVectorField
    {
        var run = OptimizerRun.Iterate(new GradientDescent(gamma), loss, theta0, (long)Math.Round(1.0 / gamma), recordEvery: 0);
        return MapFlowComparison.Compare(run, flow, theta0, 2);
    }

    private static double Solve<TField>(TField flow, double end) where TField : Dynamics.Fields.IVectorField =>
        Ode.Solve(OdeProblem.Create(flow, [1.0], 0, end), new Verner8(), SolverOptions.WithTolerance(1e-13) with { SaveAt = SaveAt.End }).FinalState[0];
}
