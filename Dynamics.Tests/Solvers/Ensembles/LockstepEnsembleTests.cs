using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Ensembles;

/// <summary><see cref="EnsembleStrategy.Lockstep"/> through the one entry point, and its kernels against each other.</summary>
public class LockstepEnsembleTests
{
    private const int Count = 61;  // 7 batches of 8 plus a 5-member remainder: every lane path runs.

    private static EnsembleSolution Lockstep<TField>(TField field, double[][] starts, double startTime, double endTime, IOdeMethod method,
        EnsembleOptions? options = null) where TField : struct, ILaneField =>
        Ensemble.Solve(new EnsembleProblem<TField>(field, [.. starts.SelectMany(s => s)], startTime, endTime), method, EnsembleStrategy.Lockstep, options);

    private static EnsembleOptions Fixed(double step) => new() { Solver = SolverOptions.WithFixedStep(step) with { SaveAt = SaveAt.End } };

    private static EnsembleOptions Tolerance(double tolerance) => new() { Solver = SolverOptions.WithTolerance(tolerance) with { SaveAt = SaveAt.End } };

    private static double[] States(EnsembleSolution solution) => [.. Enumerable.Range(0, solution.Count).SelectMany(m => solution.FinalState(m).ToArray())];

    private static double[][] Starts(int count) => EnsembleTestData.LorenzStarts(count);

    [Theory]
    [InlineData("Euler")]
    [InlineData("RK4")]
    [InlineData("DP5")]
    public void Fixed_step_batch_matches_each_member_solved_alone(string name)
    {
        IOdeMethod method = name switch { "Euler" => new ExplicitEuler(), "RK4" => new RungeKutta4(), _ => new DormandPrince5() };
        var starts = Starts(Count);
        var batch = Lockstep(new Lorenz(), starts, 0, 0.5, method, Fixed(0.001) with { BatchSize = 16 });
        Assert.Equal(Count, batch.SucceededCount);
        Assert.Equal(500L * Count, batch.TotalStatistics.AcceptedSteps);
        for (int m = 0; m < Count; m++)
        {
            var alone = Ode.Solve(OdeProblem.Create(new Lorenz(), starts[m], 0.0, 0.5), method, SolverOptions.WithFixedStep(0.001) with { SaveAt = SaveAt.End });
            // Fused multiply-adds change each of the 500 steps by about one ulp; Lorenz's largest Lyapunov exponent (0.9)
            // barely amplifies that over t = 0.5, so the states (|y| ≲ 50) agree to ~1e-12.
            Assert.True(Norms.MaxDifference(alone.FinalState, batch.FinalState(m)) < 1e-11, $"member {m}: {Norms.MaxDifference(alone.FinalState, batch.FinalState(m))}");
        }
    }

    public static TheoryData<int> Counts() => [.. Enumerable.Range(1, 64)];

    [Theory]
    [MemberData(nameof(Counts))]
    public void Lane_kernel_path_gives_the_bits_of_the_batch_field_path_at_every_count(int count)
    {
        // Every count 1…64 exercises full and partly padded groups; the arithmetic is the same, so the bits are too
        // (Lorenz through the register kernel, Van der Pol through the group-wise memory kernel).
        var starts = EnsembleTestData.MemberMajor(EnsembleTestData.LorenzStarts(count, seed: count));
        var lorenz = new Lorenz(10, 20 + count * 0.1, 8.0 / 3);
        var options = Fixed(0.01) with { BatchSize = 24 };
        foreach (var method in new[] { LockstepMethod.ExplicitEuler, LockstepMethod.RungeKutta4 })
        {
            var lanes = LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(lorenz), (double[])starts.Clone(), count, 0, 0.3, method, options);
            var passes = LockstepEnsemble.SolvePasses(new LaneBatchField<Lorenz>(lorenz), (double[])starts.Clone(), count, 0, 0.3, method, options);
            Assert.Equal(States(passes), States(lanes));
            for (int m = 0; m < count; m++) Assert.Equal(passes.Statistics(m), lanes.Statistics(m));
            // Van der Pol has no register kernel, so it takes the group-by-group memory path.
            var oscillators = starts[..(2 * count)];
            var vdpLanes = LockstepEnsemble.Solve(new LaneBatchField<VanDerPol>(new VanDerPol(0.1)), (double[])oscillators.Clone(), count, 0, 0.3, method, options);
            var vdpPasses = LockstepEnsemble.SolvePasses(new LaneBatchField<VanDerPol>(new VanDerPol(0.1)), (double[])oscillators.Clone(), count, 0, 0.3, method, options);
            Assert.Equal(States(vdpPasses), States(vdpLanes));
        }
    }

    [Fact]
    public void Adaptive_batch_of_one_takes_the_steps_of_the_scalar_solver()
    {
        // One step-control core: a batch of one member makes every decision the integrator makes.
        foreach (var start in EnsembleTestData.LorenzStarts(5))
        {
            var batch = Lockstep(new Lorenz(), [start], 0, 2, new DormandPrince5(), Tolerance(1e-8));
            var alone = Ode.Solve(OdeProblem.Create(new Lorenz(), start, 0.0, 2.0), new DormandPrince5(), SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End });
            Assert.Equal(alone.Statistics, batch.Statistics(0));
            // Same steps; the fused operations differ by ulps per step, amplified at most e^(0.9·2) ≈ 6 times by the chaos.
            Assert.True(Norms.MaxDifference(alone.FinalState, batch.FinalState(0)) < 1e-10);
        }
    }

    [Fact]
    public void Adaptive_batch_shares_one_step_sequence_and_meets_the_tolerance()
    {
        var starts = Starts(Count);
        var batch = Lockstep(new Lorenz(), starts, 0, 1, new DormandPrince5(), Tolerance(1e-8) with { BatchSize = 32 });
        // Two batches: members 0…31 share one step sequence, 32…60 another.
        Assert.Equal(batch.Statistics(0), batch.Statistics(31));
        Assert.Equal(batch.Statistics(32), batch.Statistics(60));
        for (int m = 0; m < Count; m++)
        {
            var reference = Ode.Solve(OdeProblem.Create(new Lorenz(), starts[m], 0.0, 1.0), new Verner8(), SolverOptions.WithTolerance(1e-13) with { SaveAt = SaveAt.End });
            // The shared step is at least as small as each member needs, so every member is at least as accurate as alone
            // at 1e-8: its global error over t = 1 stays within a few hundred tolerances.
            Assert.True(Norms.MaxDifference(reference.FinalState, batch.FinalState(m)) < 1e-5, $"member {m}");
        }
    }

    [Fact]
    public void Step_limits_of_the_solver_options_bound_the_shared_step()
    {
        // The core applies MaxStep to lockstep too: steps of at most 0.005 need at least 1/0.005 = 200 of them over t = 1,
        // where the tolerance alone asks for fewer, longer steps.
        var starts = Starts(4);
        var free = Lockstep(new Lorenz(), starts, 0, 1, new DormandPrince5(), Tolerance(1e-6));
        var limited = Lockstep(new Lorenz(), starts, 0, 1, new DormandPrince5(), Tolerance(1e-6) with { Solver = Tolerance(1e-6).Solver with { MaxStep = 0.005 } });
        Assert.True(free.Statistics(0).AcceptedSteps < 200, $"{free.Statistics(0).AcceptedSteps}");
        Assert.True(limited.Statistics(0).AcceptedSteps >= 200, $"{limited.Statistics(0).AcceptedSteps}");
    }

    [Fact]
    public void Parallel_and_serial_runs_are_identical()
    {
        var starts = Starts(Count);
        var options = Tolerance(1e-7) with { BatchSize = 8 };
        var serial = Lockstep(new Lorenz(), starts, 0, 1, new DormandPrince5(), options with { MaxDegreeOfParallelism = 1 });
        var parallel = Lockstep(new Lorenz(), starts, 0, 1, new DormandPrince5(), options with { MaxDegreeOfParallelism = 4 });
        Assert.Equal(States(serial), States(parallel));
        for (int m = 0; m < Count; m++) Assert.Equal(serial.Statistics(m), parallel.Statistics(m));
    }

    [Fact]
    public void A_member_that_blows_up_in_fixed_steps_fails_alone()
    {
        // y' = y²: from y₀ = 2 the solution blows up at t = 0.5, the others (y₀ ≤ 0.5) live past t = 1.
        var solution = Ensemble.Solve(new EnsembleProblem<BlowUp>(new BlowUp(), [0.1, 0.2, 2.0, 0.5, 0.3], 0, 0.9), new RungeKutta4(), EnsembleStrategy.Lockstep, Fixed(0.01));
        for (int m = 0; m < 5; m++) Assert.Equal(m == 2 ? SolveStatus.NonFiniteState : SolveStatus.Success, solution.Status(m));
        Assert.Contains("non-finite", solution.Message(2));
        Assert.Equal(0.1 / (1 - 0.1 * 0.9), solution.FinalState(0)[0], 1e-8);
    }

    [Fact]
    public void A_factory_built_problem_runs_when_its_members_share_field_and_span_and_is_rejected_otherwise()
    {
        var starts = Starts(10);
        var shared = new EnsembleProblem<Lorenz>(10, m => OdeProblem.Create(new Lorenz(), starts[m], 0.0, 1.0));
        Assert.Equal(States(Lockstep(new Lorenz(), starts, 0, 1, new RungeKutta4(), Fixed(0.01))),
            States(Ensemble.Solve(shared, new RungeKutta4(), EnsembleStrategy.Lockstep, Fixed(0.01))));
        var sweep = new EnsembleProblem<Lorenz>(10, m => OdeProblem.Create(new Lorenz(10, 20 + m, 8.0 / 3), starts[m], 0.0, 1.0));
        var error = Assert.Throws<ArgumentException>(() => Ensemble.Solve(sweep, new RungeKutta4(), EnsembleStrategy.Lockstep, Fixed(0.01)));
        Assert.Equal("problem", error.ParamName);
        Assert.Contains("member 1", error.Message);
    }

    [Fact]
    public void Cancellation_keeps_finished_batches_and_marks_the_rest()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelAfterFirstReport(cancellation);
        var solution = Lockstep(new Lorenz(), Starts(Count), 0, 0.1, new RungeKutta4(),
            Fixed(0.01) with { BatchSize = 8, MaxDegreeOfParallelism = 1, Progress = progress, CancellationToken = cancellation.Token });
        for (int m = 0; m < Count; m++) Assert.Equal(m < 8 ? SolveStatus.Success : SolveStatus.Cancelled, solution.Status(m));
        Assert.Equal(Count - 8, solution.CancelledCount);
        Assert.Equal(8, solution.SucceededCount);
    }

    [Fact]
    public void Bad_input_is_rejected_naming_the_parameter()
    {
        Assert.Equal("initialStates", Assert.Throws<ArgumentException>(() => new EnsembleProblem<Lorenz>(new Lorenz(), [], 0, 1)).ParamName);
        Assert.Equal("initialStates", Assert.Throws<ArgumentException>(() => new EnsembleProblem<Lorenz>(new Lorenz(), new double[5], 0, 1)).ParamName);
        Assert.Equal("initialStates", Assert.Throws<ArgumentException>(() => new EnsembleProblem<Lorenz>(new Lorenz(), [1, 2, double.NaN], 0, 1)).ParamName);
        Assert.Equal("endTime", Assert.Throws<ArgumentException>(() => new EnsembleProblem<Lorenz>(new Lorenz(), [1, 2, 3], 1, 1)).ParamName);
        var problem = new EnsembleProblem<Lorenz>(new Lorenz(), [1, 2, 3], 0, 1);
        EnsembleSolution Run(IOdeMethod method, EnsembleOptions options) => Ensemble.Solve(problem, method, EnsembleStrategy.Lockstep, options);
        Assert.Equal("StepSize", Assert.Throws<ArgumentException>(() => Run(new RungeKutta4(), Tolerance(1e-6))).ParamName);
        Assert.Equal("StepSize", Assert.Throws<ArgumentOutOfRangeException>(() => Run(new RungeKutta4(), Fixed(-0.1))).ParamName);
        var batchSize = Assert.Throws<ArgumentOutOfRangeException>(() => Run(new DormandPrince5(), Tolerance(1e-6) with { BatchSize = 0 }));
        Assert.Equal("BatchSize", batchSize.ParamName);
        Assert.Contains("0", batchSize.Message);
        var method = Assert.Throws<ArgumentException>(() => Run(new Verner8(), Tolerance(1e-6)));
        Assert.Equal("method", method.ParamName);
        Assert.Contains(new Verner8().Name, method.Message);
        Assert.Equal("SaveAt", Assert.Throws<ArgumentException>(() => Run(new RungeKutta4(), Fixed(0.1) with { Solver = SolverOptions.WithFixedStep(0.1) })).ParamName);
        Assert.Equal("ErrorNorm", Assert.Throws<ArgumentException>(() => Run(new DormandPrince5(), Tolerance(1e-6) with
        {
            Solver = Tolerance(1e-6).Solver with { ErrorNorm = Dynamics.Solvers.StepSize.ErrorNorm.Max },
        })).ParamName);
        Assert.Equal("Observer", Assert.Throws<ArgumentException>(() => Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes,
            Tolerance(1e-6) with { Observer = new CountingObserver() })).ParamName);
    }

    [Fact]
    public void Observer_sees_every_step_of_every_batch()
    {
        var observer = new CountingObserver();
        Lockstep(new VanDerPol(), [[1, 0], [2, 0], [3, 0]], 0, 1, new RungeKutta4(), Fixed(0.1) with { BatchSize = 2, Observer = observer });
        Assert.Equal(2 * 11, observer.Calls);
    }

    [Theory]
    [InlineData("Euler", 0.01, 3.0)]
    [InlineData("RK4", 0.01, 7.777)]
    public void Blocks_of_steps_run_group_by_group_give_the_same_bits_as_step_by_step(string name, double step, double end)
    {
        // Without an observer the register kernel runs blocks of up to 256 steps group by group (two groups in flight);
        // an observer forces one step at a time over all groups. Each member does the same arithmetic either way. The
        // span 7.777 takes 778 steps (three full blocks and a short one, ending on a shortened step).
        IOdeMethod method = name == "Euler" ? new ExplicitEuler() : new RungeKutta4();
        var random = new Random(11);
        var starts = new double[Count][];
        for (int m = 0; m < Count; m++) starts[m] = [random.NextDouble() * 20 - 10, random.NextDouble() * 20 - 10, random.NextDouble() * 20 + 15];
        var blocks = Lockstep(new Lorenz(), starts, 0, end, method, Fixed(step));
        var single = Lockstep(new Lorenz(), starts, 0, end, method, Fixed(step) with { Observer = new CountingObserver() });
        Assert.Equal(States(single), States(blocks));
    }

    private sealed class CountingObserver : ILockstepObserver
    {
        private int _calls;

        public int Calls => _calls;

        public void Observe(int firstMember, int count, double t, ReadOnlySpan<double> states) => Interlocked.Increment(ref _calls);
    }
}

/// <summary>Cancels as soon as the first progress report arrives (reports are synchronous, unlike <see cref="Progress{T}"/>).</summary>
public sealed class CancelAfterFirstReport(CancellationTokenSource cancellation) : IProgress<EnsembleProgress>
{
    public void Report(EnsembleProgress value) => cancellation.Cancel();
}
