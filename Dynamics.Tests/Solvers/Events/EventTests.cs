using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Events;

public class EventTests
{
    private const double Gravity = 8, Height = 10;

    [Fact]
    public void Bouncing_ball_first_impact_is_at_the_free_fall_time()
    {
        // Free fall from 10 with g = 8 lands at √(2·10/8). The solution is a quadratic, which DP5's quartic dense
        // output reproduces exactly, so the located time is limited only by the root finder (≈ machine precision).
        var problem = OdeProblem.Create(new FreeFall(Gravity), [Height, 0.0], 0.0, 3.0);
        var options = new SolverOptions { Events = [OdeEvent.Stop("impact", (t, y) => y[0], EventDirection.Falling)] };
        var solution = Ode.Solve(problem, new DormandPrince5(), options);
        double expected = Math.Sqrt(2 * Height / Gravity);
        Assert.Equal(SolveStatus.StoppedByEvent, solution.Status);
        Assert.Single(solution.Events);
        Assert.Equal(expected, solution.Events[0].Time, 1e-14);
        Assert.Equal(expected, solution.FinalTime, 1e-14);
        Assert.Equal(0.0, solution.FinalState[0], 1e-12);
        Assert.Equal(-Gravity * expected, solution.FinalState[1], 1e-12);
        Assert.Equal(expected, solution.Times[^1], 1e-14);
    }

    [Fact]
    public void Bouncing_ball_with_restitution_bounces_at_the_predicted_times()
    {
        // Each bounce multiplies the speed by e, so the flight times form a geometric series:
        // t₁ = √(2H/g), tₖ₊₁ = tₖ + 2e^k·v₁/g with v₁ = g·t₁.
        const double restitution = 0.8;
        var problem = OdeProblem.Create(new FreeFall(Gravity), [Height, 0.0], 0.0, 10.0);
        var bounce = OdeEvent.Change("bounce", (t, y) => y[0], (t, y) => y[1] = -restitution * y[1], EventDirection.Falling);
        var solution = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { Events = [bounce] });
        Assert.Equal(SolveStatus.Success, solution.Status);
        double t1 = Math.Sqrt(2 * Height / Gravity), v1 = Gravity * t1, expected = t1;
        Assert.True(solution.Events.Count >= 5, $"only {solution.Events.Count} bounces");
        for (int k = 0; k < 5; k++)
        {
            Assert.Equal(expected, solution.Events[k].Time, 1e-11);
            Assert.Equal(EventAction.ChangeState, solution.Events[k].Action);
            Assert.Equal(-restitution * solution.Events[k].State[1], solution.Events[k].StateAfter[1], 1e-12);
            expected += 2 * Math.Pow(restitution, k + 1) * v1 / Gravity;
        }

        // The ball never goes below the floor by more than rounding.
        for (int i = 0; i < solution.Count; i++) Assert.True(solution.State(i)[0] > -1e-9);
    }

    [Theory]
    [InlineData(EventDirection.Rising, new[] { 1.5, 3.5, 5.5 })]
    [InlineData(EventDirection.Falling, new[] { 0.5, 2.5, 4.5 })]
    [InlineData(EventDirection.Either, new[] { 0.5, 1.5, 2.5, 3.5, 4.5, 5.5 })]
    public void Direction_filters_which_zeros_of_cosine_are_reported(EventDirection direction, double[] halfPiMultiples)
    {
        // x = cos t: falling zeros at π/2, 5π/2, …, rising at 3π/2, 7π/2, …
        var problem = OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0.0, 6 * Math.PI);
        var options = SolverOptions.WithTolerance(1e-10) with { Events = [OdeEvent.Record("x = 0", (t, y) => y[0], direction)] };
        var solution = Ode.Solve(problem, new DormandPrince5(), options);
        Assert.Equal(SolveStatus.Success, solution.Status);
        Assert.Equal(halfPiMultiples.Length, solution.Events.Count);
        for (int i = 0; i < halfPiMultiples.Length; i++)
        {
            Assert.Equal(halfPiMultiples[i] * Math.PI, solution.Events[i].Time, 1e-8);
            Assert.NotEqual(EventDirection.Either, solution.Events[i].Direction);
        }
    }

    [Fact]
    public void Continue_events_are_recorded_and_the_solve_reaches_the_end()
    {
        var problem = OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0.0, 10.0);
        var stop = Ode.Solve(problem, new Tsitouras5(), new SolverOptions { Events = [OdeEvent.Stop("x = 0", (t, y) => y[0])] });
        var record = Ode.Solve(problem, new Tsitouras5(), new SolverOptions { Events = [OdeEvent.Record("x = 0", (t, y) => y[0])] });
        Assert.Equal(SolveStatus.StoppedByEvent, stop.Status);
        Assert.Equal(Math.PI / 2, stop.FinalTime, 1e-6);
        Assert.Equal(SolveStatus.Success, record.Status);
        Assert.Equal(10.0, record.FinalTime);
        Assert.Equal(3, record.Events.Count); // π/2, 3π/2, 5π/2 < 10
    }

    [Fact]
    public void The_earliest_of_several_events_in_a_step_acts_first()
    {
        var field = Dynamics.Fields.VectorField.Create(1, (t, y, dy) => dy[0] = 1.0);
        var problem = OdeProblem.Create(field, [0.0], 0.0, 1.0);
        var options = new SolverOptions
        {
            StepSize = 1.0,
            Events = [OdeEvent.Stop("late", (t, y) => y[0] - 0.7), OdeEvent.Record("early", (t, y) => y[0] - 0.2), OdeEvent.Record("after stop", (t, y) => y[0] - 0.9)],
        };
        var solution = Ode.Solve(problem, new RungeKutta4(), options);
        Assert.Equal(["early", "late"], solution.Events.Select(e => e.Name));
        Assert.Equal(0.7, solution.FinalTime, 1e-14);
        Assert.Equal(0.7, solution.FinalState[0], 1e-14);
    }

    [Fact]
    public void Events_work_when_integrating_backwards()
    {
        var problem = OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0.0, -5.0);
        var solution = Ode.Solve(problem, new DormandPrince5(), SolverOptions.WithTolerance(1e-10) with { Events = [OdeEvent.Record("x = 0", (t, y) => y[0])] });
        Assert.Equal(2, solution.Events.Count);
        Assert.Equal(-Math.PI / 2, solution.Events[0].Time, 1e-8);
        Assert.Equal(-3 * Math.PI / 2, solution.Events[1].Time, 1e-8);
    }

    [Fact]
    public void A_state_change_restarts_the_first_stage()
    {
        // After the change the derivative must be evaluated at the new state: with FSAL reused wrongly, the ball
        // would keep falling after the bounce.
        var problem = OdeProblem.Create(new FreeFall(Gravity), [Height, 0.0], 0.0, 2.5);
        var bounce = OdeEvent.Change("bounce", (t, y) => y[0], (t, y) => { y[1] = -y[1]; y[0] = 0; }, EventDirection.Falling);
        var solution = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { Events = [bounce] });
        double t1 = Math.Sqrt(2 * Height / Gravity), v1 = Gravity * t1, dt = 2.5 - t1;
        Assert.Equal(v1 * dt - Gravity * dt * dt / 2, solution.FinalState[0], 1e-9);
    }

    [Fact]
    public void A_state_change_event_records_the_state_before_and_after_the_jump()
    {
        var problem = OdeProblem.Create(new FreeFall(Gravity), [Height, 0.0], 0.0, 2.0);
        var bounce = OdeEvent.Change("bounce", (t, y) => y[0], (t, y) => y[1] = -y[1], EventDirection.Falling);
        var solution = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { Events = [bounce] });
        double t1 = Math.Sqrt(2 * Height / Gravity);
        int before = Enumerable.Range(0, solution.Count).Single(i => solution.Times[i] == solution.Events[0].Time && solution.State(i)[1] < 0);
        Assert.Equal(t1, solution.Times[before], 1e-12);
        Assert.Equal(solution.Times[before], solution.Times[before + 1]);
        Assert.True(solution.State(before + 1)[1] > 0);
    }

    [Fact]
    public void A_change_event_needs_a_state_change()
    {
        var ex = Assert.Throws<ArgumentException>(() => new OdeEvent("broken", (t, y) => y[0], EventAction.ChangeState));
        Assert.Contains("broken", ex.Message);
        Assert.Equal("stateChange", ex.ParamName);
    }
}
