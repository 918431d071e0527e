using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Simd;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Ensembles;

/// <summary>
/// Every ensemble path allocates nothing per step after set-up. Each worker is run directly on the test thread, so the
/// thread's allocation counter sees everything it does (thread-pool scheduling is set-up, outside the measurement).
/// Each measured run starts right after a garbage collection (see <see cref="Allocations.DuringAfterCollection"/>).
/// </summary>
public class EnsembleAllocationTests
{
    [Theory]
    [InlineData(0.001)]
    [InlineData(null)]
    public void Lockstep_batches_allocate_nothing(double? step)
    {
        const int count = 37;
        var method = step is null ? LockstepMethod.DormandPrince5 : LockstepMethod.RungeKutta4;
        var states = EnsembleTestData.MemberMajor(EnsembleTestData.LorenzStarts(count));
        var options = new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-9) with { StepSize = step, SaveAt = SaveAt.End } };
        var workspace = new LockstepWorkspace<LaneBatchField<Lorenz>>(new LaneBatchField<Lorenz>(new Lorenz()), method, options, count, 0, 2);
        var statuses = new SolveStatus[count];
        var result = workspace.Run(states, states, 0, count, statuses);
        long allocated = Allocations.LeastOfThree(() => Allocations.DuringAfterCollection(() => result = workspace.Run(states, states, 0, count, statuses)));
        Assert.Equal(SolveStatus.Success, result.Status);
        Assert.True(result.Statistics.AcceptedSteps > 100);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void A_reused_integrator_allocates_nothing_to_start_and_step_the_next_member()
    {
        var first = OdeProblem.Create(new Lorenz(), [1.0, 1, 1], 0.0, 5.0);
        var second = OdeProblem.Create(new Lorenz(10, 21, 8.0 / 3), [2.0, 1, 9], 0.0, 5.0);
        var integrator = Ode.CreateIntegrator(first, new DormandPrince5(), SolverOptions.WithTolerance(1e-9));
        while (integrator.Step())
        {
        }

        // Measured up to just before the end: the last step writes the member's closing message, once per member.
        long allocated = Allocations.LeastOfThree(() => Allocations.DuringAfterCollection(() =>
        {
            integrator.Reset(second);
            while (integrator.Time < 4.9 && integrator.Step())
            {
            }
        }));
        Assert.Equal(SolveStatus.Running, integrator.Status);
        Assert.True(integrator.Statistics.AcceptedSteps > 100);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Lane_workers_allocate_nothing_once_members_exist()
    {
        // Member problems are built beforehand, so what is measured is the lanes' stepping and refilling.
        var problems = Enumerable.Range(0, 30).Select(m => OdeProblem.Create(new Lorenz(10, 28 - m * 0.1, 8.0 / 3), [1.0 + m, 1, 20], 0.0, 3.0)).ToArray();
        var ensemble = new EnsembleProblem<Lorenz>(problems.Length, m => problems[m]);
        var solver = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End };
        RunLanes(ensemble, solver);
        Assert.Equal(0, Allocations.LeastOfThree(() => RunLanes(ensemble, solver)));
    }

    [Theory]
    [InlineData("lockstep RK4")]
    [InlineData("lockstep DP5")]
    [InlineData("lanes DP5")]
    public void A_reused_solve_allocates_nothing_that_grows_with_the_member_count(string path)
    {
        // One worker runs inline on the test thread (the progress recorder checks it), so the thread's counter sees
        // the whole solve. 3,840 more members are 92 KB of final states alone; a fresh solve allocates them, a reused
        // one only its per-solve set-up (workspace buffers of one batch or one lane group, queue, scheduling: 78 KB for
        // the DP5 batch passes' 256-member stages), the same at either count.
        const int small = 256, large = 4096;
        var (freshSmall, reusedSmall) = Measure(path, small);
        var (freshLarge, reusedLarge) = Measure(path, large);
        Assert.True(freshLarge - freshSmall >= (large - small) * 3 * sizeof(double), $"fresh: {freshSmall} B → {freshLarge} B");
        Assert.InRange(reusedLarge - reusedSmall, -64, 64);
        Assert.True(freshLarge - reusedLarge >= large * 3 * sizeof(double), $"fresh {freshLarge} B, reused {reusedLarge} B");
    }

    // Bytes a fresh and a reused solve of `count` members allocate on this thread (least of three, after a collection).
    private static (long Fresh, long Reused) Measure(string path, int count)
    {
        var starts = EnsembleTestData.LorenzStarts(count);
        var recorder = new ThreadRecorder();
        var options = new EnsembleOptions { MaxDegreeOfParallelism = 1, Progress = recorder, ProgressInterval = TimeSpan.MaxValue };
        Func<EnsembleSolution?, EnsembleSolution> solve;
        if (path == "lanes DP5")
        {
            // Member problems are built beforehand: what a factory allocates is the caller's, not the solve's.
            var problems = starts.Select(start => OdeProblem.Create(new Lorenz(), start, 0.0, 0.5)).ToArray();
            var ensemble = new EnsembleProblem<Lorenz>(count, m => problems[m]);
            options = options with { Solver = SolverOptions.WithTolerance(1e-6) with { SaveAt = SaveAt.End } };
            solve = reuse => Ensemble.Solve(ensemble, new DormandPrince5(), EnsembleStrategy.SimdLanes, options, reuse);
        }
        else
        {
            var shared = new EnsembleProblem<Lorenz>(new Lorenz(), EnsembleTestData.MemberMajor(starts), 0, 0.5);
            IOdeMethod method = path == "lockstep RK4" ? new RungeKutta4() : new DormandPrince5();
            options = options with { Solver = (path == "lockstep RK4" ? SolverOptions.WithFixedStep(0.01) : SolverOptions.WithTolerance(1e-6)) with { SaveAt = SaveAt.End } };
            solve = reuse => Ensemble.Solve(shared, method, EnsembleStrategy.Lockstep, options, reuse);
        }

        var storage = solve(null);
        long fresh = Allocations.LeastOfThree(() => Allocations.DuringAfterCollection(() => solve(null)));
        long reused = Allocations.LeastOfThree(() => Allocations.DuringAfterCollection(() => Assert.Same(storage, solve(storage))));
        Assert.Equal(count, storage.SucceededCount);
        Assert.Equal(Environment.CurrentManagedThreadId, recorder.OnlyThread);
        return (fresh, reused);
    }

    /// <summary>Notes the thread progress is reported on (−1 once two threads reported), allocating nothing.</summary>
    private sealed class ThreadRecorder : IProgress<EnsembleProgress>
    {
        public int OnlyThread { get; private set; }

        public void Report(EnsembleProgress value)
        {
            int thread = Environment.CurrentManagedThreadId;
            OnlyThread = OnlyThread == 0 || OnlyThread == thread ? thread : -1;
        }
    }

    [Fact]
    public void The_measurement_after_a_collection_sees_a_weakly_cached_object_rebuilt()
    {
        // What a type's reflection cache does, in miniature: held weakly, rebuilt on the next use after a collection.
        // Each round's object is built inside the measured work, so nothing but the weak reference holds it; the least
        // of three rounds is an allocation only if the later rounds rebuilt it too.
        var cache = new WeakReference<object?>(null);
        Assert.InRange(Allocations.LeastOfThree(() => Allocations.DuringAfterCollection(() =>
        {
            if (!cache.TryGetTarget(out _)) cache.SetTarget(new object());
        })), 1, 64);
    }

    private static long RunLanes(EnsembleProblem<Lorenz> ensemble, SolverOptions solver)
    {
        var options = new EnsembleOptions { Solver = solver };
        var queue = new LaneEnsemble.MemberQueue(ensemble.Count, options);
        var results = new LaneEnsemble.LaneResults(EnsembleSolution.Destination(null, ensemble.Count, 3));
        long allocated;
        if (Lane512Pair.IsHardwareAccelerated)
        {
            var workspace = new LaneWorkspace<Lorenz, Lane512Pair>(ensemble, ensemble.MemberProblem(0), solver, queue, results);
            allocated = Allocations.DuringAfterCollection(workspace.Run);
        }
        else
        {
            var workspace = new LaneWorkspace<Lorenz, ScalarLane>(ensemble, ensemble.MemberProblem(0), solver, queue, results);
            allocated = Allocations.DuringAfterCollection(workspace.Run);
        }

        var solution = results.ToSolution();
        Assert.Equal(ensemble.Count, solution.SucceededCount);
        Assert.True(solution.TotalStatistics.AcceptedSteps > 1000);
        return allocated;
    }
}
