using System.Collections.Concurrent;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Solvers.Ensembles;

public class EnsembleEventsAndFailuresTests
{
    private static readonly OdeEvent ZeroCrossing = OdeEvent.Record("x = 0", (t, y) => y[0]);

    // Member m oscillates with ω = 1 + m/10 from (1, 0): x = cos ωt crosses 0 at t = (k + ½)π/ω.
    private static EnsembleProblem<HarmonicOscillator> Oscillators(int count) =>
        new(count, m => OdeProblem.Create(new HarmonicOscillator(1 + m / 10.0), [1.0, 0.0], 0.0, 10.0));

    [Fact]
    public void Each_members_events_are_kept_without_storing_paths()
    {
        var options = new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.End, Events = [ZeroCrossing] }, BlockSize = 3 };
        var problem = Oscillators(12);
        var ensemble = Ensemble.Solve(problem, new DormandPrince5(), options);
        for (int m = 0; m < 12; m++)
        {
            double omega = 1 + m / 10.0;
            var events = ensemble.Events(m);
            // Crossings in [0, 10]: k = 0 … ⌊10ω/π − ½⌋.
            Assert.Equal((int)Math.Floor(10 * omega / Math.PI - 0.5) + 1, events.Count);
            for (int k = 0; k < events.Count; k++) Assert.Equal((k + 0.5) * Math.PI / omega, events[k].Time, 1e-8);
            // Exactly what a lone solve locates.
            var alone = Ode.Solve(problem.MemberProblem(m), new DormandPrince5(), options.Solver);
            Assert.Equal(alone.Events.Select(e => e.Time), events.Select(e => e.Time));
        }

        Assert.Throws<InvalidOperationException>(() => ensemble.Solution(0));
    }

    [Fact]
    public void Saving_from_a_time_skips_the_transient_for_every_member()
    {
        var problem = Oscillators(6);
        var options = new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.EveryStep.From(6), Events = [ZeroCrossing] } };
        var ensemble = Ensemble.Solve(problem, new DormandPrince5(), options);
        for (int m = 0; m < 6; m++)
        {
            var solution = ensemble.Solution(m)!;
            Assert.Equal(6.0, solution.Times[0]);
            Assert.Equal(Math.Cos((1 + m / 10.0) * 6), solution.State(0)[0], 1e-8);
            Assert.All(ensemble.Events(m), e => Assert.True(e.Time >= 6));
            Assert.Equal(solution.Events.Select(e => e.Time), ensemble.Events(m).Select(e => e.Time));
            var alone = Ode.Solve(problem.MemberProblem(m), new DormandPrince5(), options.Solver);
            Assert.Equal(alone.Times, solution.Times);
        }
    }

    [Fact]
    public void Reduce_sees_each_members_events()
    {
        var problem = Oscillators(40);
        var solver = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.End.From(2), Events = [ZeroCrossing] };
        var serial = Ensemble.Reduce(problem, new DormandPrince5(), new CrossingReducer(), new EnsembleOptions { Solver = solver, BlockSize = 4, MaxDegreeOfParallelism = 1 });
        var parallel = Ensemble.Reduce(problem, new DormandPrince5(), new CrossingReducer(), new EnsembleOptions { Solver = solver, BlockSize = 4 });
        var kept = Ensemble.Solve(problem, new DormandPrince5(), new EnsembleOptions { Solver = solver });
        int expectedCount = 0;
        double expectedFirst = 0;
        for (int m = 0; m < 40; m++)
        {
            expectedCount += kept.Events(m).Count;
            // Summed per block of 4, then the blocks in order, as Reduce combines them.
            if (m % 4 == 0)
                expectedFirst += kept.Events(m)[0].Time + kept.Events(m + 1)[0].Time + kept.Events(m + 2)[0].Time + kept.Events(m + 3)[0].Time;
            // The first crossing at or after t = 2: the smallest (k + ½)π/ω ≥ 2.
            double omega = 1 + m / 10.0;
            Assert.Equal((Math.Ceiling(2 * omega / Math.PI - 0.5) + 0.5) * Math.PI / omega, kept.Events(m)[0].Time, 1e-8);
        }

        Assert.Equal((expectedCount, expectedFirst), serial.Value);
        Assert.Equal(serial.Value, parallel.Value);
    }

    [Fact]
    public void A_member_whose_field_throws_fails_alone_with_its_exception()
    {
        // Members 3 and 11 throw once y = e^(−rate·t) falls below ½, at t = ln 2 / rate < 2; member 0 throws at once
        // (a new integrator) and member 7 too (a reused one). The others finish exactly as alone.
        double[] limits = new double[16];
        Array.Fill(limits, double.NegativeInfinity);
        limits[3] = limits[11] = 0.5;
        limits[0] = limits[7] = 2;
        var problem = new EnsembleProblem<FragileDecay>(16, m => OdeProblem.Create(new FragileDecay(1 + m / 16.0, limits[m]), [1.0], 0.0, 2.0));
        foreach (var saveAt in new[] { SaveAt.End, SaveAt.Dense })
        {
            var options = new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-9) with { SaveAt = saveAt }, MaxDegreeOfParallelism = 1, BlockSize = 16 };
            var ensemble = Ensemble.Solve(problem, new DormandPrince5(), options);
            Assert.Equal(4, ensemble.FailedCount);
            foreach (int m in new[] { 3, 11 })
            {
                Assert.Equal(SolveStatus.UserCodeFailed, ensemble.Status(m));
                Assert.IsType<InvalidOperationException>(ensemble.Exception(m));
                Assert.Contains("InvalidOperationException", ensemble.Message(m));
                Assert.InRange(ensemble.FinalTime(m), 0.1, Math.Log(2) / (1 + m / 16.0));
                Assert.True(ensemble.FinalState(m)[0] >= 0.5);
            }

            foreach (int m in new[] { 0, 7 })
            {
                Assert.Equal(SolveStatus.UserCodeFailed, ensemble.Status(m));
                Assert.Equal(0.0, ensemble.FinalTime(m));
                Assert.Equal(1.0, ensemble.FinalState(m)[0]);
                Assert.NotNull(ensemble.Exception(m));
            }

            if (saveAt == SaveAt.Dense)
            {
                Assert.Equal(SolveStatus.UserCodeFailed, ensemble.Solution(3)!.Status);
                Assert.Equal(ensemble.FinalTime(3), ensemble.Solution(3)!.FinalTime);
                // The integrator catches a throw at the start itself, so even member 0 keeps its (one-point) solution.
                Assert.Equal(SolveStatus.UserCodeFailed, ensemble.Solution(0)!.Status);
                Assert.Equal(0.0, ensemble.Solution(0)!.FinalTime);
            }

            for (int m = 0; m < 16; m++)
            {
                if (limits[m] > 0) continue;
                var alone = Ode.Solve(problem.MemberProblem(m), new DormandPrince5(), options.Solver);
                Assert.Equal(SolveStatus.Success, ensemble.Status(m));
                Assert.Null(ensemble.Exception(m));
                Assert.Equal(alone.FinalState.ToArray(), ensemble.FinalState(m).ToArray());
            }
        }
    }

    [Fact]
    public void A_throwing_event_function_fails_its_member()
    {
        // The event throws once x < 0.3: members with rate > ln(1/0.3)/2 ≈ 0.602 reach it before t = 2.
        var guard = OdeEvent.Record("guard", (t, y) => y[0] < 0.3 ? throw new ArithmeticException("x below 0.3") : y[0] - 0.9);
        var problem = new EnsembleProblem<FragileDecay>(10, m => OdeProblem.Create(new FragileDecay(0.2 + 0.1 * m, double.NegativeInfinity), [1.0], 0.0, 2.0));
        var ensemble = Ensemble.Solve(problem, new DormandPrince5(), new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-9) with { SaveAt = SaveAt.End, Events = [guard] } });
        for (int m = 0; m < 10; m++)
        {
            bool reaches = 0.2 + 0.1 * m > Math.Log(1 / 0.3) / 2;
            Assert.Equal(reaches ? SolveStatus.UserCodeFailed : SolveStatus.Success, ensemble.Status(m));
            Assert.Equal(reaches, ensemble.Exception(m) is ArithmeticException);
            // y = 0.9 is crossed (falling) at ln(1/0.9)/rate, before the failure, and is kept.
            Assert.Equal(Math.Log(1 / 0.9) / (0.2 + 0.1 * m), Assert.Single(ensemble.Events(m)).Time, 1e-8);
        }
    }

    [Fact]
    public void Reduce_sees_a_members_exception()
    {
        var problem = new EnsembleProblem<FragileDecay>(20, m => OdeProblem.Create(new FragileDecay(1, m % 5 == 0 ? 0.5 : double.NegativeInfinity), [1.0], 0.0, 2.0));
        var reduction = Ensemble.Reduce(problem, new DormandPrince5(), new FailureReducer());
        Assert.Equal(4, reduction.Value);
        Assert.Equal(4, reduction.FailedCount);
    }

    // One component runs the lanes' stage loops, three their register kernel (whose throw is traced by the stage loops).
    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    public void A_lane_whose_field_throws_fails_alone_and_the_others_keep_their_bits(int components)
    {
        const int count = 100;
        var rates = Enumerable.Range(0, count).Select(m => 0.5 + m / 50.0).ToArray();
        double[] start = [.. Enumerable.Repeat(1.0, components)];
        // Every seventh member throws once y < 0.6 (at ln(1/0.6)/rate ≤ 1.02 < 2), member 50 at its start.
        double Limit(int m) => m == 50 ? 2 : m % 7 == 3 ? 0.6 : double.NegativeInfinity;
        var fragile = new EnsembleProblem<FragileDecay>(count, m => OdeProblem.Create(new FragileDecay(rates[m], Limit(m), components), start, 0.0, 2.0));
        var sound = new EnsembleProblem<FragileDecay>(count, m => OdeProblem.Create(new FragileDecay(rates[m], double.NegativeInfinity, components), start, 0.0, 2.0));
        var options = new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-9) with { SaveAt = SaveAt.End } };
        var failed = Ensemble.Solve(fragile, new DormandPrince5(), EnsembleStrategy.SimdLanes, options);
        var reference = Ensemble.Solve(sound, new DormandPrince5(), EnsembleStrategy.SimdLanes, options);
        for (int m = 0; m < count; m++)
        {
            if (Limit(m) > 0)
            {
                Assert.Equal(SolveStatus.UserCodeFailed, failed.Status(m));
                Assert.IsType<InvalidOperationException>(failed.Exception(m));
                Assert.True(failed.FinalState(m)[0] >= Limit(m) || m == 50);
                Assert.InRange(failed.FinalTime(m), 0, Math.Log(1 / 0.6) / rates[m]);
            }
            else
            {
                // Lanes are independent: a neighbour's failure does not change a bit.
                Assert.Equal(SolveStatus.Success, failed.Status(m));
                Assert.Null(failed.Exception(m));
                Assert.Equal(reference.FinalState(m).ToArray(), failed.FinalState(m).ToArray());
                Assert.Equal(reference.Statistics(m), failed.Statistics(m));
                Assert.Equal(Math.Exp(-2 * rates[m]), failed.FinalState(m)[0], 1e-7);
            }
        }

        Assert.Equal(Enumerable.Range(0, count).Count(m => Limit(m) > 0), failed.FailedCount);
    }

    [Fact]
    public void A_failed_lane_left_idle_does_not_fail_the_member_still_running()
    {
        // Member 0 throws at t = ln 2 ≈ 0.69 and the queue is then empty, so its lane idles beside member 1 (which runs
        // to t = 20). Left with member 0's state, the idle lane would make every later kernel call throw.
        var problem = new EnsembleProblem<FragileDecay>(2, m => OdeProblem.Create(new FragileDecay(1, m == 0 ? 0.5 : double.NegativeInfinity), [1.0], 0.0, m == 0 ? 2.0 : 20.0));
        var options = new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-9) with { SaveAt = SaveAt.End }, MaxDegreeOfParallelism = 1 };
        var solution = Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes, options);
        var alone = Ensemble.Solve(new EnsembleProblem<FragileDecay>(1, _ => problem.MemberProblem(1)), new DormandPrince5(), EnsembleStrategy.SimdLanes, options);
        Assert.Equal(SolveStatus.UserCodeFailed, solution.Status(0));
        Assert.Equal(SolveStatus.Success, solution.Status(1));
        Assert.Equal(alone.FinalState(0).ToArray(), solution.FinalState(1).ToArray());
        // e^(−20) to the absolute tolerance 1e-9.
        Assert.Equal(Math.Exp(-20), solution.FinalState(1)[0], 1e-9);
    }

    [Fact]
    public void A_lockstep_batch_whose_field_throws_fails_and_the_other_batches_finish()
    {
        const int count = 32;
        var starts = Enumerable.Repeat(1.0, count).ToArray();
        var startsWithBadMember = (double[])starts.Clone();
        // Member 10 (batch 1 of 8 members) starts at 0.52 and falls below ½ at t = ln 1.04 ≈ 0.039.
        startsWithBadMember[10] = 0.52;
        var options = new EnsembleOptions
        {
            Solver = SolverOptions.WithTolerance(1e-9) with { AbsoluteTolerance = 1e-12, SaveAt = SaveAt.End },
            BatchSize = 8,
        };
        var failed = Ensemble.Solve(new EnsembleProblem<FragileDecay>(new FragileDecay(1, 0.5), startsWithBadMember, 0, 0.1), new DormandPrince5(), EnsembleStrategy.Lockstep, options);
        var reference = Ensemble.Solve(new EnsembleProblem<FragileDecay>(new FragileDecay(1, 0.5), starts, 0, 0.1), new DormandPrince5(), EnsembleStrategy.Lockstep, options);
        Assert.IsType<InvalidOperationException>(failed.Exception(8));
        Assert.Contains("InvalidOperationException", failed.Message(8));
        for (int m = 0; m < count; m++)
        {
            if (m / 8 == 1)
            {
                Assert.Equal(SolveStatus.UserCodeFailed, failed.Status(m));
                Assert.Same(failed.Exception(8), failed.Exception(m));
                Assert.True(double.IsNaN(failed.FinalState(m)[0]));
            }
            else
            {
                Assert.Equal(SolveStatus.Success, failed.Status(m));
                Assert.Null(failed.Exception(m));
                Assert.Equal(reference.FinalState(m)[0], failed.FinalState(m)[0]);
                Assert.Equal(Math.Exp(-0.1), failed.FinalState(m)[0], 1e-9);
            }
        }

        Assert.Equal(count - 8, failed.SucceededCount);
    }

    private sealed class CrossingReducer : IEnsembleReducer<(int Count, double FirstTimes)>
    {
        public (int Count, double FirstTimes) CreateAccumulator() => (0, 0);

        public (int Count, double FirstTimes) Add((int Count, double FirstTimes) accumulator, int member, in EnsembleMemberOutcome outcome) =>
            (accumulator.Count + outcome.Events.Length, accumulator.FirstTimes + outcome.Events[0].Time);

        public (int Count, double FirstTimes) Combine((int Count, double FirstTimes) left, (int Count, double FirstTimes) right) =>
            (left.Count + right.Count, left.FirstTimes + right.FirstTimes);
    }

    private sealed class FailureReducer : IEnsembleReducer<int>
    {
        public int CreateAccumulator() => 0;

        public int Add(int accumulator, int member, in EnsembleMemberOutcome outcome) =>
            accumulator + (outcome.Exception is InvalidOperationException && outcome.Status == SolveStatus.UserCodeFailed ? 1 : 0);

        public int Combine(int left, int right) => left + right;
    }
}

public class EnsembleProgressTests
{
    private static EnsembleProblem<HarmonicOscillator> Problem(int count) =>
        new(count, m => OdeProblem.Create(new HarmonicOscillator(1 + m / 100.0), [1.0, 0.0], 0.0, 1.0));

    [Fact]
    public void Without_an_interval_every_block_is_reported_in_order()
    {
        var progress = new Recorder();
        Ensemble.Solve(Problem(100), new DormandPrince5(), new EnsembleOptions { BlockSize = 10, MaxDegreeOfParallelism = 1, Progress = progress, ProgressInterval = TimeSpan.Zero });
        Assert.Equal(Enumerable.Range(1, 10).Select(b => 10 * b), progress.Values.Select(p => p.Completed));
        Assert.All(progress.Values, p => Assert.Equal(100, p.Total));
    }

    [Fact]
    public void A_long_interval_reports_only_the_first_and_the_last()
    {
        // Throttling by time, tested without timing: an infinite interval leaves exactly the two reports always made.
        var independent = new Recorder();
        Ensemble.Solve(Problem(100), new DormandPrince5(), new EnsembleOptions { BlockSize = 10, MaxDegreeOfParallelism = 1, Progress = independent, ProgressInterval = TimeSpan.MaxValue });
        Assert.Equal([10, 100], independent.Values.Select(p => p.Completed));

        var lanes = new Recorder();
        Ensemble.Solve(
            new EnsembleProblem<FragileDecay>(100, m => OdeProblem.Create(new FragileDecay(1 + m / 100.0, double.NegativeInfinity), [1.0], 0.0, 1.0)),
            new DormandPrince5(), EnsembleStrategy.SimdLanes, new EnsembleOptions { MaxDegreeOfParallelism = 1, Progress = lanes, ProgressInterval = TimeSpan.MaxValue });
        Assert.Equal([1, 100], lanes.Values.Select(p => p.Completed));

        var lockstep = new Recorder();
        Ensemble.Solve(new EnsembleProblem<FragileDecay>(new FragileDecay(1, double.NegativeInfinity), Enumerable.Repeat(1.0, 64).ToArray(), 0, 1), new DormandPrince5(),
            EnsembleStrategy.Lockstep, new EnsembleOptions { BatchSize = 8, MaxDegreeOfParallelism = 1, Progress = lockstep, ProgressInterval = TimeSpan.MaxValue });
        Assert.Equal([8, 64], lockstep.Values.Select(p => p.Completed));
    }

    [Fact]
    public void Reports_from_parallel_workers_never_step_back()
    {
        var progress = new Recorder();
        Ensemble.Solve(Problem(400), new DormandPrince5(), new EnsembleOptions { BlockSize = 1, MaxDegreeOfParallelism = 4, Progress = progress, ProgressInterval = TimeSpan.Zero });
        var counts = progress.Values.Select(p => p.Completed).ToArray();
        for (int i = 1; i < counts.Length; i++) Assert.True(counts[i] > counts[i - 1], $"report {i} = {counts[i]} after {counts[i - 1]}");
        Assert.Equal(400, counts[^1]);
    }

    [Fact]
    public void A_negative_interval_is_rejected()
    {
        Assert.Equal("ProgressInterval", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ensemble.Solve(Problem(2), new DormandPrince5(), new EnsembleOptions { ProgressInterval = TimeSpan.FromSeconds(-1) })).ParamName);
        Assert.Equal("ProgressInterval", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ensemble.Solve(new EnsembleProblem<FragileDecay>(new FragileDecay(1, 0), [1.0], 0, 1), new DormandPrince5(), EnsembleStrategy.Lockstep,
                new EnsembleOptions { ProgressInterval = TimeSpan.FromSeconds(-1) })).ParamName);
    }

    /// <summary>Keeps every report in call order (synchronously, unlike <see cref="Progress{T}"/>).</summary>
    private sealed class Recorder : IProgress<EnsembleProgress>
    {
        private readonly ConcurrentQueue<EnsembleProgress> _values = new();

        public IReadOnlyCollection<EnsembleProgress> Values => _values;

        public void Report(EnsembleProgress value) => _values.Enqueue(value);
    }
}
