using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Solvers;

/// <summary>An exception in the user's field or event code ends the solve with a status, keeping what was computed.</summary>
public class UserCodeFailureTests
{
    // y' = −y, which throws once asked about t > 1.
    private static OdeProblem<DelegateVectorField> Failing(double failAfter = 1.0, double end = 2.0) =>
        OdeProblem.Create(VectorField.Create(1, (t, y, dy) =>
        {
            if (t > failAfter) throw new InvalidOperationException($"no data after t = {failAfter}");
            dy[0] = -y[0];
        }), [1.0], 0.0, end);

    [Fact]
    public void A_throwing_field_returns_the_partial_solution_with_the_exception()
    {
        var solution = Ode.Solve(Failing(), new DormandPrince5(), SolverOptions.WithTolerance(1e-8));
        Assert.Equal(SolveStatus.UserCodeFailed, solution.Status);
        Assert.False(solution.IsSuccess);
        Assert.IsType<InvalidOperationException>(solution.Exception);
        Assert.Contains("The vector field threw InvalidOperationException", solution.Message);
        Assert.Contains("no data after t = 1", solution.Message);
        Assert.Contains($"t = {Validation.Require.Format(solution.FinalTime)}", solution.Message);
        // Everything up to the last accepted step before t = 1 is kept and correct.
        Assert.InRange(solution.FinalTime, 0.5, 1.0);
        Assert.Equal(solution.FinalTime, solution.Times[^1]);
        Assert.Equal(Math.Exp(-solution.FinalTime), solution.FinalState[0], 1e-7);
    }

    [Fact]
    public void With_ThrowOnFailure_the_exception_is_the_inner_exception_of_an_OdeSolveException()
    {
        var options = SolverOptions.WithTolerance(1e-8) with { ThrowOnFailure = true };
        var ex = Assert.Throws<OdeSolveException>(() => Ode.Solve(Failing(), new Tsitouras5(), options));
        Assert.Equal(SolveStatus.UserCodeFailed, ex.Status);
        Assert.IsType<InvalidOperationException>(ex.InnerException);
        Assert.NotNull(ex.Solution);
        Assert.Same(ex.InnerException, ex.Solution!.Exception);
        Assert.True(ex.Solution.Count > 1);

        // Manual stepping throws from Step, also with the cause inside.
        var integrator = Ode.CreateIntegrator(Failing(), new Tsitouras5(), options);
        var manual = Assert.Throws<OdeSolveException>(() => { while (integrator.Step()) { } });
        Assert.IsType<InvalidOperationException>(manual.InnerException);
        Assert.Same(manual.InnerException, integrator.Exception);
    }

    [Fact]
    public void A_field_that_throws_at_the_initial_point_fails_before_any_step()
    {
        var solution = Ode.Solve(Failing(failAfter: -1), new Verner8());
        Assert.Equal(SolveStatus.UserCodeFailed, solution.Status);
        Assert.Equal(0.0, solution.FinalTime);
        Assert.Equal(1.0, solution.FinalState[0]);
    }

    [Fact]
    public void Throwing_event_code_is_named_in_the_message()
    {
        var problem = OdeProblem.Create(VectorField.Create(1, (t, y, dy) => dy[0] = 1.0), [0.0], 0.0, 2.0);
        var condition = OdeEvent.Record("picky", (t, y) => t > 1 ? throw new ArithmeticException("bad g") : y[0] - 5);
        var solution = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { Events = [condition] });
        Assert.Equal(SolveStatus.UserCodeFailed, solution.Status);
        Assert.IsType<ArithmeticException>(solution.Exception);
        Assert.StartsWith("An event condition threw ArithmeticException", solution.Message);

        // A failing state change stops the solve at the event, with the state before the change.
        var change = OdeEvent.Change("kick", (t, y) => y[0] - 0.5, (t, y) => throw new NotSupportedException("no kick"));
        var stopped = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { Events = [change] });
        Assert.Equal(SolveStatus.UserCodeFailed, stopped.Status);
        Assert.StartsWith("The state change of event 'kick' threw NotSupportedException", stopped.Message);
        Assert.Equal(0.5, stopped.FinalTime, 1e-14);
        Assert.Equal(0.5, stopped.FinalState[0], 1e-14);
    }

    [Fact]
    public void Each_ensemble_member_gets_its_own_user_code_failure()
    {
        // Member 2 fails after t = 0.5; the others finish.
        var problem = new EnsembleProblem<DelegateVectorField>(4, m => Failing(failAfter: m == 2 ? 0.5 : 10, end: 1.0));
        var solution = Ensemble.Solve(problem, new DormandPrince5(), new EnsembleOptions { BlockSize = 1 });
        Assert.Equal(3, solution.SucceededCount);
        Assert.Equal(SolveStatus.UserCodeFailed, solution.Status(2));
        Assert.Contains("InvalidOperationException", solution.Message(2));
        Assert.InRange(solution.FinalTime(2), 0.1, 0.5);
        for (int m = 0; m < 4; m++)
        {
            if (m != 2) Assert.Equal(Math.Exp(-1), solution.FinalState(m)[0], 1e-6);
        }
    }
}
