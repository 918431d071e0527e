using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers;

/// <summary>A numerical failure ends the solve with a distinct status and keeps everything computed up to it.</summary>
public class FailureTests
{
    [Fact]
    public void Blow_up_ends_with_step_size_underflow_near_the_singularity_and_keeps_the_trajectory()
    {
        // y' = y², y(0) = 1 has y = 1/(1 − t), singular at t = 1.
        var problem = OdeProblem.Create(new BlowUp(), [1.0], 0.0, 2.0);
        var solution = Ode.Solve(problem, new DormandPrince5(), SolverOptions.WithTolerance(1e-8));
        Assert.Equal(SolveStatus.StepSizeTooSmall, solution.Status);
        Assert.Contains("Step size underflow", solution.Message);
        // The numerical singularity sits within about the tolerance of the true one.
        Assert.InRange(solution.FinalTime, 0.999, 1.001);
        Assert.True(solution.Count > 50);
        Assert.Equal(solution.FinalTime, solution.Times[^1]);
        // Everything recorded is still accurate: compare with the exact solution where it is not huge.
        for (int i = 0; i < solution.Count && solution.Times[i] < 0.9; i++)
            Assert.Equal(1 / (1 - solution.Times[i]), solution.State(i)[0], 1e-6 / (1 - solution.Times[i]));
        Assert.False(solution.IsSuccess);
    }

    [Fact]
    public void Max_steps_ends_the_solve_with_its_own_status_and_the_steps_taken()
    {
        var problem = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 100.0);
        var solution = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { MaxSteps = 50 });
        Assert.Equal(SolveStatus.MaxStepsReached, solution.Status);
        Assert.Contains("MaxSteps = 50", solution.Message);
        Assert.Equal(50, solution.Statistics.AcceptedSteps + solution.Statistics.RejectedSteps);
        Assert.Equal(solution.Statistics.AcceptedSteps + 1, solution.Count);
        Assert.True(solution.FinalTime > 0 && solution.FinalTime < 100);
        Assert.Equal(solution.State(solution.Count - 1).ToArray(), solution.FinalState.ToArray());
    }

    [Fact]
    public void A_fixed_step_that_overflows_the_state_ends_with_non_finite_state_and_the_last_finite_state()
    {
        // f = 1e308 is finite, but one step of size 10 pushes the state past the largest double.
        var field = VectorField.Create(1, (t, y, dy) => dy[0] = 1e308);
        var solution = Ode.Solve(OdeProblem.Create(field, [0.0], 0.0, 100.0), new ExplicitEuler(), SolverOptions.WithFixedStep(10.0));
        Assert.Equal(SolveStatus.NonFiniteState, solution.Status);
        Assert.Contains("component 0 is +∞", solution.Message);
        Assert.Equal(0.0, solution.FinalTime);
        Assert.Equal(0.0, solution.FinalState[0]);
    }

    [Fact]
    public void Euler_blow_up_ends_when_the_derivative_overflows_with_the_last_finite_state()
    {
        // Euler with h = 0.5 on y' = y² squares its way up (yₙ₊₁ = yₙ + yₙ²/2): y² overflows before y does.
        var problem = OdeProblem.Create(new BlowUp(), [1.0], 0.0, 10.0);
        var solution = Ode.Solve(problem, new ExplicitEuler(), SolverOptions.WithFixedStep(0.5));
        Assert.Equal(SolveStatus.NonFiniteDerivative, solution.Status);
        Assert.Contains("component 0 is +∞", solution.Message);
        Assert.True(double.IsFinite(solution.FinalState[0]) && solution.FinalState[0] > 1e154);
        Assert.True(solution.FinalTime < 10.0);
        Assert.Equal(solution.FinalTime, solution.Times[^1]);
    }

    [Fact]
    public void Adaptive_solve_into_a_region_where_f_is_NaN_ends_with_non_finite_state()
    {
        // f = √(1 − t) is NaN for t > 1: every step across t = 1 produces NaN and is rejected until h underflows.
        var field = VectorField.Create(1, (t, y, dy) => dy[0] = Math.Sqrt(1 - t));
        var solution = Ode.Solve(OdeProblem.Create(field, [0.0], 0.0, 2.0), new DormandPrince5());
        Assert.Equal(SolveStatus.NonFiniteState, solution.Status);
        Assert.InRange(solution.FinalTime, 0.99, 1.0);
        Assert.Equal(2.0 / 3, solution.FinalState[0], 1e-3);
    }

    [Fact]
    public void A_non_finite_derivative_at_the_start_is_reported_with_the_component()
    {
        var field = VectorField.Create(2, (t, y, dy) => { dy[0] = 1; dy[1] = Math.Log(y[1]); });
        var solution = Ode.Solve(OdeProblem.Create(field, [0.0, -1.0], 0.0, 1.0), new DormandPrince5());
        Assert.Equal(SolveStatus.NonFiniteDerivative, solution.Status);
        Assert.Contains("component 1 is NaN", solution.Message);
        Assert.Equal(0.0, solution.FinalTime);
        Assert.Equal(1, solution.Count);
    }

    [Fact]
    public void ThrowOnFailure_throws_with_the_partial_solution_attached()
    {
        var problem = OdeProblem.Create(new BlowUp(), [1.0], 0.0, 2.0);
        var ex = Assert.Throws<OdeSolveException>(() => Ode.Solve(problem, new DormandPrince5(), new SolverOptions { ThrowOnFailure = true }));
        Assert.Equal(SolveStatus.StepSizeTooSmall, ex.Status);
        Assert.NotNull(ex.Solution);
        Assert.Equal(SolveStatus.StepSizeTooSmall, ex.Solution!.Status);
        Assert.InRange(ex.Solution.FinalTime, 0.999, 1.001);
        Assert.Contains("Step size underflow", ex.Message);
    }

    [Fact]
    public void Manual_stepping_returns_false_after_a_failure_and_keeps_the_last_good_state()
    {
        var integrator = Ode.CreateIntegrator(OdeProblem.Create(new BlowUp(), [1.0], 0.0, 2.0), new DormandPrince5());
        int steps = 0;
        while (integrator.Step()) steps++;
        Assert.Equal(SolveStatus.StepSizeTooSmall, integrator.Status);
        Assert.True(integrator.IsFinished);
        Assert.False(integrator.Step());
        Assert.Equal(steps, integrator.Statistics.AcceptedSteps);
        Assert.True(double.IsFinite(integrator.State[0]));
    }
}
