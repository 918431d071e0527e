using Dynamics.Models.Stiff;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Tests.Support;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers.Implicit;

/// <summary>
/// Observed orders of the stiff methods with fixed steps: the least-squares slope of log error against log h over
/// runs whose error lies in [1e-11, 1e-3], on the non-autonomous rotation y' = tJy (exact solution (cos t²/2, sin t²/2);
/// its ∂f/∂t is differenced, so this also checks the γᵢh∂f/∂t terms) and on the stiff linear flow θ' = −Λθ with
/// κ = 10³ over [0, 1] (exact e^{−Λt}θ₀), where the steps stay far larger than 1/κ so explicit methods would be
/// unstable. The slope must lie within ±0.35 of the stated order. The Newton tolerance of Radau5 is tightened through
/// rtol so iteration error stays below the discretisation error.
/// </summary>
public class StiffConvergenceTests(ITestOutputHelper output)
{
    public static TheoryData<string, int> Methods => new() { { "Rosenbrock23", 2 }, { "Rodas4", 4 }, { "Radau5", 5 } };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Nonautonomous_rotation_converges_at_the_stated_order(string name, int order)
    {
        var problem = OdeProblem.Create(new AcceleratingRotation(), [1.0, 0.0], 0.0, 3.0);
        var exact = AcceleratingRotation.Exact(3.0);
        AssertOrder(name, order, n => Norms.MaxDifference(Solve(problem, name, 3.0 / n).FinalState, exact), 3.0);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Stiff_linear_flow_converges_at_the_stated_order(string name, int order)
    {
        var flow = new IllConditionedQuadraticFlow(4, 1e3);
        double[] start = [1.0, 1.0, 1.0, 1.0];
        var problem = OdeProblem.Create(flow, start, 0.0, 1.0);
        var exact = new double[4];
        flow.Exact(start, 1.0, exact);
        // The fast modes decay to e^{-1000} ≈ 0 and the method's damping of them is exact to rounding for these L-stable
        // methods; the error is the slow modes', which converge at the classical order.
        AssertOrder(name, order, n => Norms.MaxDifference(Solve(problem, name, 1.0 / n).FinalState, exact), 1.0);
    }

    private static Solution Solve<TField>(OdeProblem<TField> problem, string name, double h) where TField : Dynamics.Fields.IVectorField =>
        Ode.Solve(problem, StiffReferenceTests.Method(name), new SolverOptions { StepSize = h, SaveAt = SaveAt.End, RelativeTolerance = 1e-13, AbsoluteTolerance = 1e-13 });

    private void AssertOrder(string name, int order, Func<int, double> errorWithSteps, double span)
    {
        var steps = new List<double>();
        var errors = new List<double>();
        for (int n = 4; n < 20_000 && (errors.Count == 0 || errors[^1] >= 1e-11); n = (int)Math.Ceiling(n * 1.3))
        {
            double error = errorWithSteps(n);
            if (error > 1e-3 || error < 1e-11) continue;
            steps.Add(span / n);
            errors.Add(error);
        }

        Assert.True(errors.Count >= 4, $"{name}: only {errors.Count} errors in range.");
        double slope = Norms.FittedSlope(steps.TakeLast(4).ToList(), errors.TakeLast(4).ToList());
        output.WriteLine($"{name}: errors {string.Join(", ", errors.TakeLast(4).Select(e => e.ToString("E2", System.Globalization.CultureInfo.InvariantCulture)))} → observed order {slope:F2} (stated {order})");
        Assert.InRange(slope, order - 0.35, order + 0.35);
    }
}
