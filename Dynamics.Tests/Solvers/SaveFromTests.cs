using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Solvers;

public class SaveFromTests
{
    private static readonly OdeProblem<HarmonicOscillator> Oscillator = OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0.0, 20.0);
    private static readonly OdeEvent ZeroCrossing = OdeEvent.Record("x = 0", (t, y) => y[0]);

    [Fact]
    public void EveryStep_from_a_time_starts_there_and_keeps_the_same_steps()
    {
        var options = SolverOptions.WithTolerance(1e-9);
        var full = Ode.Solve(Oscillator, new DormandPrince5(), options);
        var late = Ode.Solve(Oscillator, new DormandPrince5(), options with { SaveAt = SaveAt.EveryStep.From(12.5) });
        // The first state is y(12.5), interpolated: x = cos 12.5 to the solver's accuracy.
        Assert.Equal(12.5, late.Times[0]);
        Assert.Equal(Math.Cos(12.5), late.State(0)[0], 1e-7);
        // Then exactly the full solve's steps after 12.5 (saving never changes the step sequence).
        var after = Enumerable.Range(0, full.Count).Where(k => full.Times[k] > 12.5).ToArray();
        Assert.Equal(after.Length + 1, late.Count);
        for (int i = 0; i < after.Length; i++)
        {
            Assert.Equal(full.Times[after[i]], late.Times[i + 1]);
            Assert.Equal(full.State(after[i]).ToArray(), late.State(i + 1).ToArray());
        }

        Assert.Equal(full.FinalState.ToArray(), late.FinalState.ToArray());
        Assert.Equal(full.Statistics, late.Statistics);
    }

    [Fact]
    public void Events_before_the_start_time_are_not_kept_but_later_ones_are_identical()
    {
        var options = SolverOptions.WithTolerance(1e-10) with { Events = [ZeroCrossing] };
        var full = Ode.Solve(Oscillator, new DormandPrince5(), options with { SaveAt = SaveAt.End });
        var late = Ode.Solve(Oscillator, new DormandPrince5(), options with { SaveAt = SaveAt.End.From(10) });
        // x = cos t vanishes at t = π/2 + kπ: 6 crossings in [0, 20], 3 of them (at 11.0, 14.1, 17.3) after t = 10.
        Assert.Equal(6, full.Events.Count);
        Assert.Equal(full.Events.Where(e => e.Time >= 10).Select(e => e.Time), late.Events.Select(e => e.Time));
        Assert.Equal(3, late.Events.Count);
        Assert.Equal(3.5 * Math.PI, late.Events[0].Time, 1e-8);
        // End still keeps the final state.
        Assert.Equal(20.0, Assert.Single(late.Times));
    }

    [Fact]
    public void Dense_from_a_time_evaluates_there_and_after()
    {
        var late = Ode.Solve(Oscillator, new DormandPrince5(), SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Dense.From(15) });
        Assert.Equal(15.0, late.Times[0]);
        foreach (double t in new[] { 15.0, 16.25, 19.9, 20.0 }) Assert.Equal(Math.Cos(t), late.Evaluate(t)[0], 1e-8);
        Assert.Throws<ArgumentOutOfRangeException>(() => late.Evaluate(1.0));
    }

    [Fact]
    public void Backwards_solves_save_from_the_start_time_on_in_their_direction()
    {
        var backwards = OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0.0, -10.0);
        var late = Ode.Solve(backwards, new DormandPrince5(), SolverOptions.WithTolerance(1e-9) with { SaveAt = SaveAt.EveryStep.From(-4) });
        Assert.Equal(-4.0, late.Times[0]);
        Assert.All(late.Times, t => Assert.True(t <= -4));
        Assert.Equal(Math.Cos(-4.0), late.State(0)[0], 1e-7);
    }

    [Fact]
    public void A_start_time_outside_the_span_or_after_requested_times_is_rejected()
    {
        var outside = Assert.ThrowsAny<ArgumentException>(() =>
            Ode.Solve(Oscillator, new DormandPrince5(), SolverOptions.Default with { SaveAt = SaveAt.EveryStep.From(25) }));
        Assert.Contains("From(25)", outside.Message);
        var before = Assert.ThrowsAny<ArgumentException>(() =>
            Ode.Solve(Oscillator, new DormandPrince5(), SolverOptions.Default with { SaveAt = SaveAt.Times(1, 5, 9).From(4) }));
        Assert.Contains("[0] = 1", before.Message);
        Assert.Equal("time", Assert.ThrowsAny<ArgumentException>(() => SaveAt.EveryStep.From(double.NaN)).ParamName);
        Assert.Null(SaveAt.EveryStep.StartTime);
        Assert.Equal(3.0, SaveAt.Dense.From(3).StartTime);
    }
}
