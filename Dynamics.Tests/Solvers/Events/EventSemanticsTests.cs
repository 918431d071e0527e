using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Events;

/// <summary>Event semantics for every adaptive method: several roots in one step, the root at a step's start, chattering.</summary>
public class EventSemanticsTests
{
    private const double G = 9.81;

    [Theory]
    [MemberData(nameof(Tableaus.AdaptiveMethodNames), MemberType = typeof(Tableaus))]
    public void Two_roots_inside_one_adaptive_step_are_both_reported_in_order(string name) =>
        // y = t is integrated exactly, so the controller accepts the whole span [0, 1] as one step.
        AssertTwoRootsInOneStep(Tableaus.Method(name), new SolverOptions { InitialStep = 1.0 });

    [Fact]
    public void Two_roots_inside_one_fixed_step_are_both_reported_in_order() =>
        AssertTwoRootsInOneStep(new RungeKutta4(), new SolverOptions { StepSize = 1.0 });

    // y = t over the single step [0, 1]: the band g = (y − 0.3)(y − 0.6) is crossed falling at 0.3 and rising at 0.6
    // inside it, and both crossings must be reported, in order.
    private static void AssertTwoRootsInOneStep(IOdeMethod method, SolverOptions options)
    {
        var field = VectorField.Create(1, (t, y, dy) => dy[0] = 1.0);
        var problem = OdeProblem.Create(field, [0.0], 0.0, 1.0);
        var solution = Ode.Solve(problem, method, options with { Events = [OdeEvent.Record("band", (t, y) => (y[0] - 0.3) * (y[0] - 0.6))] });
        Assert.Equal(1, solution.Statistics.AcceptedSteps);
        Assert.Equal(2, solution.Events.Count);
        Assert.Equal(0.3, solution.Events[0].Time, 1e-14);
        Assert.Equal(EventDirection.Falling, solution.Events[0].Direction);
        Assert.Equal(0.6, solution.Events[1].Time, 1e-14);
        Assert.Equal(EventDirection.Rising, solution.Events[1].Direction);
    }

    [Theory]
    [MemberData(nameof(Tableaus.AdaptiveMethodNames), MemberType = typeof(Tableaus))]
    public void Direction_filters_and_the_three_actions_on_one_condition(string name)
    {
        // A ball dropped from y = 5 with v = 0 (impact at √(2·5/g)): stop ends there, record lets it fall through the
        // floor, change bounces it elastically, so it lands again at three times the impact time (3.03 < 3.5). A
        // rising filter sees nothing.
        var method = Tableaus.Method(name);
        var problem = OdeProblem.Create(new FreeFall(G), [5.0, 0.0], 0.0, 3.5);
        double impact = Math.Sqrt(2 * 5 / G);
        EventCondition floor = (t, y) => y[0];
        var options = SolverOptions.WithTolerance(1e-10);

        var stop = Ode.Solve(problem, method, options with { Events = [OdeEvent.Stop("floor", floor, EventDirection.Falling)] });
        Assert.Equal(SolveStatus.StoppedByEvent, stop.Status);
        Assert.Equal(impact, stop.FinalTime, 1e-12);

        var record = Ode.Solve(problem, method, options with { Events = [OdeEvent.Record("floor", floor, EventDirection.Falling)] });
        Assert.Equal(SolveStatus.Success, record.Status);
        Assert.Single(record.Events);
        Assert.Equal(impact, record.Events[0].Time, 1e-12);
        Assert.Equal(5 - G * 3.5 * 3.5 / 2, record.FinalState[0], 1e-9);

        var change = Ode.Solve(problem, method, options with { Events = [OdeEvent.Change("floor", floor, (t, y) => y[1] = -y[1], EventDirection.Falling)] });
        Assert.Equal(SolveStatus.Success, change.Status);
        Assert.Equal(2, change.Events.Count);
        Assert.Equal(impact, change.Events[0].Time, 1e-12);
        Assert.Equal(3 * impact, change.Events[1].Time, 1e-11);

        var rising = Ode.Solve(problem, method, options with { Events = [OdeEvent.Change("floor", floor, (t, y) => y[1] = -y[1], EventDirection.Rising)] });
        Assert.Empty(rising.Events);
        Assert.Equal(5 - G * 3.5 * 3.5 / 2, rising.FinalState[0], 1e-9);
    }

    [Theory]
    [MemberData(nameof(Tableaus.AdaptiveMethodNames), MemberType = typeof(Tableaus))]
    public void A_change_that_leaves_the_state_on_the_surface_chatters_and_is_reported_as_Zeno(string name)
    {
        // A perfectly plastic impact (e = 0) stops the ball on the floor, but gravity pulls it straight back through:
        // the event holds again at once, every time. The solver must neither let the ball fall through the floor
        // nor loop forever: it reports Zeno behaviour at the impact time, with the ball on the floor. (A located impact
        // may leave the ball up to ~1e-15 above the floor; it then falls onto it in √(2·1e-15/g) ≈ 1.4e-8 s, hence 1e-7.)
        var problem = OdeProblem.Create(new FreeFall(G), [5.0, 0.0], 0.0, 3.0);
        var stick = OdeEvent.Change("floor", (t, y) => y[0], (t, y) => y[1] = 0, EventDirection.Falling);
        var solution = Ode.Solve(problem, Tableaus.Method(name), SolverOptions.WithTolerance(1e-9) with { Events = [stick] });
        Assert.Equal(SolveStatus.ZenoBehaviour, solution.Status);
        Assert.Contains("'floor'", solution.Message);
        Assert.Equal(Math.Sqrt(2 * 5 / G), solution.FinalTime, 1e-7);
        Assert.Equal(0.0, solution.FinalState[0], 1e-12);
        Assert.Equal(0.0, solution.FinalState[1]);
        Assert.True(solution.Events.Count >= 8);
    }

    [Theory]
    [MemberData(nameof(Tableaus.AdaptiveMethodNames), MemberType = typeof(Tableaus))]
    public void A_solve_that_starts_on_the_surface_finds_the_next_crossing_in_the_first_sample_interval(string name)
    {
        // y(0) = 0 with v = 1: g starts at exactly 0, and the falling crossing at 2/g lies in the first of the
        // step's sample intervals [0, 0.25] of the first step (InitialStep = 2). Verner 8's rounding on a 2 s step is
        // ~2e-11 (its coefficients reach 10²), hence 1e-10.
        var problem = OdeProblem.Create(new FreeFall(G), [0.0, 1.0], 0.0, 10.0);
        var options = SolverOptions.WithTolerance(1e-9) with { InitialStep = 2.0, Events = [OdeEvent.Stop("floor", (t, y) => y[0], EventDirection.Falling)] };
        var solution = Ode.Solve(problem, Tableaus.Method(name), options);
        Assert.Equal(SolveStatus.StoppedByEvent, solution.Status);
        Assert.Equal(2 / G, solution.FinalTime, 1e-10);
    }
}
