using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Solvers.Ensembles;

/// <summary>
/// Solving into an earlier solution (<c>reuse</c>): the same object comes back with the bits a fresh solve gives —
/// states, times, statuses, messages, exceptions, statistics, saved states, events — whatever the earlier solve left in it.
/// </summary>
public class EnsembleReuseTests
{
    private const int Count = 61;  // Batches of 16 leave a 13-member remainder, and 61 is not a multiple of any lane width.

    private static readonly EnsembleOptions Fixed = new() { Solver = SolverOptions.WithFixedStep(0.01) with { SaveAt = SaveAt.End }, BatchSize = 16 };
    private static readonly EnsembleOptions Adaptive = new() { Solver = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End }, BatchSize = 16 };

    public static TheoryData<string> Paths() =>
        ["lanes DP5", "lockstep RK4 registers", "lockstep RK4 lanes", "lockstep Euler", "lockstep DP5 adaptive", "independent DP5"];

    // Solves the ensemble of the given seed (its initial states, and for the per-member strategies its ρ) on one path.
    private static EnsembleSolution Solve(string path, int seed, EnsembleSolution? reuse = null, EnsembleOptions? options = null)
    {
        var starts = EnsembleTestData.LorenzStarts(Count, seed);
        return path switch
        {
            "lanes DP5" => Ensemble.Solve(Sweep(starts, seed), new DormandPrince5(), EnsembleStrategy.SimdLanes, options ?? Adaptive, reuse),
            "independent DP5" => Ensemble.Solve(Sweep(starts, seed), new DormandPrince5(), EnsembleStrategy.IndependentMembers, options ?? Adaptive, reuse),
            "lockstep RK4 registers" => Lockstep(new Lorenz(), EnsembleTestData.MemberMajor(starts), new RungeKutta4(), options ?? Fixed, reuse),
            // Van der Pol has two components, so it takes the group-wise lane workspace instead of the register one.
            "lockstep RK4 lanes" => Lockstep(new VanDerPol(1.5), [.. EnsembleTestData.MemberMajor(starts).Take(2 * Count).Select(v => v / 10)], new RungeKutta4(),
                options ?? Fixed, reuse),
            "lockstep Euler" => Lockstep(new Lorenz(), EnsembleTestData.MemberMajor(starts), new ExplicitEuler(), options ?? Fixed, reuse),
            _ => Lockstep(new Lorenz(), EnsembleTestData.MemberMajor(starts), new DormandPrince5(), options ?? Adaptive, reuse),
        };
    }

    private static EnsembleSolution Lockstep<TField>(TField field, double[] states, IOdeMethod method, EnsembleOptions options, EnsembleSolution? reuse)
        where TField : struct, ILaneField => Ensemble.Solve(new EnsembleProblem<TField>(field, states, 0, 1), method, EnsembleStrategy.Lockstep, options, reuse);

    private static EnsembleProblem<Lorenz> Sweep(double[][] starts, int seed) =>
        new(Count, m => OdeProblem.Create(new Lorenz(10, 20 + seed + m * 0.1, 8.0 / 3), starts[m], 0.0, 1.0));

    [Theory]
    [MemberData(nameof(Paths))]
    public void A_reused_solve_gives_the_bits_of_a_fresh_solve(string path)
    {
        var first = Solve(path, seed: 1);
        var second = Solve(path, seed: 2);
        var storage = Solve(path, seed: 1);
        Assert.Same(storage, Solve(path, seed: 2, reuse: storage));
        AssertIdentical(second, storage);
        Assert.Same(storage, Solve(path, seed: 1, reuse: storage));
        AssertIdentical(first, storage);
        Assert.Equal(Count, storage.SucceededCount);
    }

    [Fact]
    public void A_solution_of_another_strategy_or_batch_size_is_reused_too()
    {
        // Per-batch records of another batch size, or per-member ones, are replaced; the member-sized arrays are kept.
        var storage = Solve("lockstep RK4 registers", seed: 3);
        foreach (var (path, options) in new[] { ("lanes DP5", Adaptive), ("lockstep DP5 adaptive", Adaptive with { BatchSize = 7 }), ("lockstep RK4 registers", Fixed) })
        {
            Assert.Same(storage, Solve(path, seed: 4, storage, options));
            AssertIdentical(Solve(path, seed: 4, options: options), storage);
        }
    }

    [Fact]
    public void A_reused_lane_solve_after_a_failing_one_keeps_nothing_of_it_and_the_reverse()
    {
        // Every seventh member's field throws once y < 0.6 (before t = 1.02 < 2), so those fail with an exception.
        EnsembleProblem<FragileDecay> Decays(bool fragile) => new(100, m => OdeProblem.Create(
            new FragileDecay(0.5 + m / 50.0, fragile && m % 7 == 3 ? 0.6 : double.NegativeInfinity, 3), [1.0, 1, 1], 0.0, 2.0));
        EnsembleSolution Lanes(bool fragile, EnsembleSolution? reuse = null) => Ensemble.Solve(Decays(fragile), new DormandPrince5(), EnsembleStrategy.SimdLanes, Adaptive, reuse);

        var storage = Lanes(fragile: true);
        Assert.Equal(14, storage.FailedCount);
        AssertIdentical(Lanes(fragile: false), Lanes(fragile: false, storage));
        Assert.Null(storage.Exception(3));
        Assert.Equal(0, storage.FailedCount);
        AssertIdentical(Lanes(fragile: true), Lanes(fragile: true, storage));
    }

    [Fact]
    public void A_reused_lockstep_solve_after_failing_batches_keeps_nothing_of_them()
    {
        // Member 10 falls below ½ at t = ln 1.04 ≈ 0.039, so its batch (members 8 … 15) fails with the exception; with
        // MaxSteps = 5 every batch fails (10 steps are needed). Dormand–Prince with a fixed step: the batch passes, as the
        // lane workspaces would probe this test field's parameters at y = 0, below its limit.
        double[] sound = [.. Enumerable.Repeat(1.0, 32)], bad = [.. sound];
        bad[10] = 0.52;
        var options = new EnsembleOptions { Solver = SolverOptions.WithFixedStep(0.01) with { SaveAt = SaveAt.End }, BatchSize = 8 };
        EnsembleSolution Decays(double[] starts, EnsembleOptions options, EnsembleSolution? reuse = null) =>
            Ensemble.Solve(new EnsembleProblem<FragileDecay>(new FragileDecay(1, 0.5), starts, 0, 0.1), new DormandPrince5(), EnsembleStrategy.Lockstep, options, reuse);

        var storage = Decays(bad, options);
        Assert.IsType<InvalidOperationException>(storage.Exception(9));
        AssertIdentical(Decays(sound, options), Decays(sound, options, storage));
        Assert.Null(storage.Exception(9));
        var tooFewSteps = options with { Solver = options.Solver with { MaxSteps = 5 } };
        AssertIdentical(Decays(sound, tooFewSteps), Decays(sound, tooFewSteps, storage));
        Assert.Equal(SolveStatus.MaxStepsReached, storage.Status(0));
        AssertIdentical(Decays(bad, options), Decays(bad, options, storage));
    }

    [Theory]
    [InlineData("lanes DP5")]
    [InlineData("lockstep RK4 registers")]
    [InlineData("independent DP5")]
    public void A_cancelled_solve_into_a_finished_solution_leaves_none_of_its_values(string path)
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        var options = (path.StartsWith("lockstep", StringComparison.Ordinal) ? Fixed : Adaptive) with { CancellationToken = cancelled.Token };
        var storage = Solve(path, seed: 5);
        AssertIdentical(Solve(path, seed: 5, options: options), Solve(path, seed: 5, storage, options));
        Assert.Equal(Count, storage.CancelledCount);
        Assert.Equal(default, storage.TotalStatistics);
    }

    [Fact]
    public void Saved_states_events_and_whole_solutions_of_independent_members_are_overwritten()
    {
        var crossing = OdeEvent.Record("x = 0", (t, y) => y[0]);
        EnsembleProblem<HarmonicOscillator> Oscillators(double shift) =>
            new(12, m => OdeProblem.Create(new HarmonicOscillator(1 + m / 10.0 + shift), [1.0, 0.0], 0.0, 10.0));
        var times = new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-9) with { SaveAt = SaveAt.Times(2, 5, 9), Events = [crossing] }, BlockSize = 5 };
        var dense = times with { Solver = times.Solver with { SaveAt = SaveAt.Dense } };
        var storage = Ensemble.Solve(Oscillators(0), new DormandPrince5(), times);
        foreach (var (shift, options) in new[] { (0.3, times), (0.7, dense), (0.2, times) })
        {
            Assert.Same(storage, Ensemble.Solve(Oscillators(shift), new DormandPrince5(), options, storage));
            AssertIdentical(Ensemble.Solve(Oscillators(shift), new DormandPrince5(), options), storage);
        }
    }

    [Fact]
    public void A_solution_of_another_shape_is_rejected_naming_both_shapes()
    {
        var storage = Solve("lockstep RK4 registers", seed: 1);
        var fewer = new EnsembleProblem<Lorenz>(new Lorenz(), EnsembleTestData.MemberMajor(EnsembleTestData.LorenzStarts(60)), 0, 1);
        var error = Assert.Throws<ArgumentException>(() => Ensemble.Solve(fewer, new RungeKutta4(), EnsembleStrategy.Lockstep, Fixed, storage));
        Assert.Equal("reuse", error.ParamName);
        Assert.Contains("61 members of dimension 3", error.Message);
        Assert.Contains("60 members of dimension 3", error.Message);

        var planar = new EnsembleProblem<VanDerPol>(new VanDerPol(1), [.. Enumerable.Repeat(0.5, 2 * Count)], 0, 1);
        error = Assert.Throws<ArgumentException>(() => Ensemble.Solve(planar, new DormandPrince5(), EnsembleStrategy.SimdLanes, Adaptive, storage));
        Assert.Equal("reuse", error.ParamName);
        Assert.Contains("61 members of dimension 2", error.Message);
        // The rejected solve left the solution as it was.
        AssertIdentical(Solve("lockstep RK4 registers", seed: 1), storage);
    }

    /// <summary>Everything a solution reports, compared bit for bit (exceptions by type and message: each solve throws its own).</summary>
    internal static void AssertIdentical(EnsembleSolution expected, EnsembleSolution actual)
    {
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Dimension, actual.Dimension);
        Assert.Equal(expected.TotalStatistics, actual.TotalStatistics);
        Assert.Equal((expected.SucceededCount, expected.FailedCount, expected.CancelledCount), (actual.SucceededCount, actual.FailedCount, actual.CancelledCount));
        Assert.Equal(Bits(expected.SavedTimes), Bits(actual.SavedTimes));
        for (int m = 0; m < expected.Count; m++)
        {
            Assert.Equal(expected.Status(m), actual.Status(m));
            Assert.Equal(expected.Message(m), actual.Message(m));
            Assert.Equal(expected.Exception(m)?.GetType(), actual.Exception(m)?.GetType());
            Assert.Equal(expected.Exception(m)?.Message, actual.Exception(m)?.Message);
            Assert.Equal(expected.Statistics(m), actual.Statistics(m));
            Assert.Equal(BitConverter.DoubleToInt64Bits(expected.FinalTime(m)), BitConverter.DoubleToInt64Bits(actual.FinalTime(m)));
            Assert.Equal(Bits(expected.FinalState(m)), Bits(actual.FinalState(m)));
            for (int k = 0; k < expected.SavedTimes.Length; k++) Assert.Equal(Bits(expected.SavedState(m, k)), Bits(actual.SavedState(m, k)));
            Assert.Equal(expected.Events(m).Select(e => (e.Time, e.EventIndex, string.Join(',', Bits(e.State)))), actual.Events(m).Select(e => (e.Time, e.EventIndex, string.Join(',', Bits(e.State)))));
            Assert.Equal(Solution(expected, m), Solution(actual, m));
        }
    }

    private static long[] Bits(ReadOnlySpan<double> values)
    {
        var bits = new long[values.Length];
        for (int i = 0; i < values.Length; i++) bits[i] = BitConverter.DoubleToInt64Bits(values[i]);
        return bits;
    }

    // A whole solution's times and states as bits, or nothing when the save mode keeps none.
    private static long[] Solution(EnsembleSolution ensemble, int member)
    {
        Solution? solution;
        try
        {
            solution = ensemble.Solution(member);
        }
        catch (InvalidOperationException)
        {
            return [];
        }

        return solution is null ? [-1] : [.. Bits([.. solution.Times]), .. Bits(solution.States)];
    }
}
