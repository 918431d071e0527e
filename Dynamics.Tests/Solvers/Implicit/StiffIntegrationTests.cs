using Dynamics.Models.Classical;
using Dynamics.Models.Stiff;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.Implicit;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Implicit;

/// <summary>
/// The stiff methods through the shared contracts: dense output, events, statistics, zero allocation per step, the
/// learning-rate story of gradient descent versus the stiff gradient flow, and bad input.
/// </summary>
public class StiffIntegrationTests
{
    public static TheoryData<string> Methods => new() { "Rosenbrock23", "Rodas4", "Radau5" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Dense_output_is_exact_at_step_ends_and_accurate_inside(string name)
    {
        var decay = new ExponentialDecay(2.0);
        var problem = OdeProblem.Create(decay, [1.0], 0.0, 3.0);
        var solution = Ode.Solve(problem, StiffReferenceTests.Method(name), new SolverOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-10, SaveAt = SaveAt.Dense });
        Assert.True(solution.IsSuccess, solution.Message);
        double worst = 0;
        for (int k = 0; k <= 300; k++)
        {
            double t = 3.0 * k / 300;
            worst = Math.Max(worst, Math.Abs(solution.Evaluate(t)[0] - Math.Exp(-2 * t)));
        }

        // The interpolants have degree 2–3, so inside a step they are less accurate than the step ends; 1e-5 is ~1000 ×
        // the tolerance yet far below the O(1) error of a wrong interpolant coefficient.
        Assert.True(worst < (name == "Rosenbrock23" ? 1e-4 : 1e-6), $"{name}: dense error {worst:E2}");
        Assert.Equal(solution.FinalState[0], solution.Evaluate(3.0)[0], 14);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void An_event_is_located_on_the_interpolant(string name)
    {
        // y' = −2y from 1 crosses 1/2 at t = ln 2 / 2.
        var problem = OdeProblem.Create(new ExponentialDecay(2.0), [1.0], 0.0, 3.0);
        var half = new OdeEvent("half", (t, y) => y[0] - 0.5, EventAction.Stop);
        var solution = Ode.Solve(problem, StiffReferenceTests.Method(name), new SolverOptions { RelativeTolerance = 1e-9, AbsoluteTolerance = 1e-12, Events = [half] });
        Assert.Equal(SolveStatus.StoppedByEvent, solution.Status);
        Assert.Equal(Math.Log(2) / 2, solution.Events[0].Time, name == "Rosenbrock23" ? 1e-5 : 1e-7);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Statistics_count_jacobians_and_factorisations(string name)
    {
        var problem = OdeProblem.Create(new Robertson(), [.. Robertson.InitialState], 0.0, 1e5);
        var stats = Ode.Solve(problem, StiffReferenceTests.Method(name), new SolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-10, SaveAt = SaveAt.End }).Statistics;
        Assert.InRange(stats.JacobianEvaluations, 1, stats.AcceptedSteps + stats.RejectedSteps);
        Assert.True(stats.LuFactorizations >= stats.JacobianEvaluations, stats.ToString());
        var explicitStats = Ode.Solve(OdeProblem.Create(new ExponentialDecay(1.0), [1.0], 0.0, 1.0), new DormandPrince5()).Statistics;
        Assert.Equal(0, explicitStats.JacobianEvaluations + explicitStats.LuFactorizations + explicitStats.NewtonFailures);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Steps_allocate_nothing(string name)
    {
        var problem = OdeProblem.Create(new Pollution(), [.. Pollution.InitialState], 0.0, 1e12);
        var integrator = Ode.CreateIntegrator(problem, StiffReferenceTests.Method(name), new SolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-10, MaxSteps = 1_000_000 });
        var state = new double[20];
        for (int i = 0; i < 50; i++) integrator.Step();
        Assert.Equal(0, Allocations.OfSteppingAndInterpolating(integrator, state));
    }

    [Fact]
    public void A_finite_difference_solve_allocates_nothing_either()
    {
        var problem = OdeProblem.Create(new Robertson(), [.. Robertson.InitialState], 0.0, 1e12);
        var method = new Rodas4 { Jacobian = new JacobianOptions { ForceFiniteDifferences = true } };
        var integrator = Ode.CreateIntegrator(problem, method, new SolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-10, MaxSteps = 1_000_000 });
        var state = new double[3];
        for (int i = 0; i < 50; i++) integrator.Step();
        Assert.Equal(0, Allocations.OfSteppingAndInterpolating(integrator, state));
    }

    [Fact]
    public void Gradient_descent_is_stable_below_two_over_L_and_the_stiff_flow_is_exact()
    {
        var flow = new IllConditionedQuadraticFlow(6, 1e6);
        double[] start = [1, 1, 1, 1, 1, 1];
        // Explicit Euler (GD) multiplies mode i by (1 − γλᵢ) per step: |1 − γL| < 1 ⇔ γ < 2/L.
        double Gd(double rate, int steps)
        {
            var theta = (double[])start.Clone();
            var gradient = new double[6];
            for (int k = 0; k < steps; k++)
            {
                flow.Evaluate(0, theta, gradient);
                for (int i = 0; i < 6; i++) theta[i] += rate * gradient[i];
            }

            return flow.Loss(theta);
        }

        double limit = flow.LargestStableLearningRate;
        Assert.True(Gd(0.99 * limit, 2000) < flow.Loss(start), "GD below 2/L must decrease the loss");
        Assert.True(Gd(1.01 * limit, 2000) > 1e6 * flow.Loss(start), "GD above 2/L must blow up");

        var problem = OdeProblem.Create(flow, start, 0.0, 5.0);
        var solution = Ode.Solve(problem, new Rodas4(), new SolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-9, SaveAt = SaveAt.End });
        var exact = new double[6];
        flow.Exact(start, 5.0, exact);
        Assert.True(Norms.MaxDifference(solution.FinalState, exact) < 1e-6, $"error {Norms.MaxDifference(solution.FinalState, exact):E2}");
        // GD at its largest stable rate needs 5/(2/L) = 2.5·10⁶ steps to reach t = 5; the stiff method needs a few hundred.
        Assert.True(solution.Statistics.AcceptedSteps < 1000, solution.Statistics.ToString());
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_parameter_named()
    {
        var flow = Assert.Throws<ArgumentOutOfRangeException>(() => new IllConditionedQuadraticFlow(4, 0.5));
        Assert.Contains("conditionNumber", flow.Message);
        Assert.Throws<ArgumentOutOfRangeException>(() => new IllConditionedQuadraticFlow(1, 10));
        Assert.ThrowsAny<ArgumentException>(() => new IllConditionedQuadraticFlow(3, double.NaN));
        var newton = Assert.Throws<ArgumentOutOfRangeException>(() => new Radau5 { MaxNewtonIterations = 0 }.CreateStepper(new Robertson()));
        Assert.Contains("MaxNewtonIterations", newton.Message);
    }
}
