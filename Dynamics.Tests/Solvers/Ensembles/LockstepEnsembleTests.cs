using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Ensembles;

public class LockstepEnsembleTests
{
    private const int Count = 61;  // 7 batches of 8 plus a 5-member remainder: every lane path runs.

    [Theory]
    [InlineData(LockstepMethod.ExplicitEuler)]
    [InlineData(LockstepMethod.RungeKutta4)]
    [InlineData(LockstepMethod.DormandPrince5)]
    public void Fixed_step_batch_matches_each_member_solved_alone(LockstepMethod method)
    {
        var starts = EnsembleTestData.LorenzStarts(Count);
        var options = new LockstepOptions { StepSize = 0.001, BatchSize = 16 };
        var batch = LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(new Lorenz()), EnsembleTestData.StructureOfArrays(starts), Count, 0, 0.5, method, options);
        IOdeMethod scalar = method switch
        {
            LockstepMethod.ExplicitEuler => new ExplicitEuler(),
            LockstepMethod.RungeKutta4 => new RungeKutta4(),
            _ => new DormandPrince5(),
        };
        Assert.True(batch.IsSuccess);
        Assert.Equal(500L * Count, batch.SystemSteps);
        var state = new double[3];
        for (int m = 0; m < Count; m++)
        {
            var alone = Ode.Solve(OdeProblem.Create(new Lorenz(), starts[m], 0.0, 0.5), scalar, SolverOptions.WithFixedStep(0.001) with { SaveAt = SaveAt.End });
            batch.CopyFinalState(m, state);
            // Fused multiply-adds change each of the 500 steps by about one ulp; Lorenz's largest Lyapunov exponent (0.9)
            // barely amplifies that over t = 0.5, so the states (|y| ≲ 50) agree to ~1e-12.
            Assert.True(Norms.MaxDifference(alone.FinalState, state) < 1e-11, $"member {m}: {Norms.MaxDifference(alone.FinalState, state)}");
        }
    }

    public static TheoryData<int> Counts() => [.. Enumerable.Range(1, 64)];

    [Theory]
    [MemberData(nameof(Counts))]
    public void Lane_kernel_path_gives_the_bits_of_the_batch_field_path_at_every_count(int count)
    {
        // Every count 1…64 exercises full and partly padded groups; the arithmetic is the same, so the bits are too
        // (Lorenz through the register kernel, Van der Pol through the group-wise memory kernel).
        var starts = EnsembleTestData.StructureOfArrays(EnsembleTestData.LorenzStarts(count, seed: count));
        var lorenz = new Lorenz(10, 20 + count * 0.1, 8.0 / 3);
        foreach (var method in new[] { LockstepMethod.ExplicitEuler, LockstepMethod.RungeKutta4 })
        {
            var options = new LockstepOptions { StepSize = 0.01, BatchSize = 24 };
            var lanes = LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(lorenz), starts, count, 0, 0.3, method, options);
            // The explicit type argument takes the stage-by-stage passes over the batch field.
            var passes = LockstepEnsemble.Solve<LaneBatchField<Lorenz>>(new LaneBatchField<Lorenz>(lorenz), starts, count, 0, 0.3, method, options);
            Assert.Equal(passes.FinalStates.ToArray(), lanes.FinalStates.ToArray());
            Assert.Equal(passes.Batches, lanes.Batches);
            // Van der Pol has no register kernel, so it takes the group-by-group memory path.
            var oscillators = starts[..(2 * count)];
            var vdpLanes = LockstepEnsemble.Solve(new LaneBatchField<VanDerPol>(new VanDerPol(0.1)), oscillators, count, 0, 0.3, method, options);
            var vdpPasses = LockstepEnsemble.Solve<LaneBatchField<VanDerPol>>(new LaneBatchField<VanDerPol>(new VanDerPol(0.1)), oscillators, count, 0, 0.3, method, options);
            Assert.Equal(vdpPasses.FinalStates.ToArray(), vdpLanes.FinalStates.ToArray());
        }
    }

    [Fact]
    public void Lane_kernel_path_observes_in_the_ensemble_layout_and_runs_adaptive_steps_as_passes()
    {
        var observer = new CountingObserver();
        LockstepEnsemble.Solve(new LaneBatchField<VanDerPol>(new VanDerPol()), [1, 2, 3, 0, 0, 0], 3, 0, 1, LockstepMethod.RungeKutta4,
            new LockstepOptions { StepSize = 0.1, BatchSize = 2, Observer = observer });
        Assert.Equal(2 * 11, observer.Calls);
        // Adaptive steps take the batch passes: the same answer as the explicit batch-field path.
        var adaptive = LockstepEnsemble.Solve(new LaneBatchField<VanDerPol>(new VanDerPol()), [1, 2], 1, 0, 1, LockstepMethod.DormandPrince5);
        var passes = LockstepEnsemble.Solve<LaneBatchField<VanDerPol>>(new LaneBatchField<VanDerPol>(new VanDerPol()), [1, 2], 1, 0, 1, LockstepMethod.DormandPrince5);
        Assert.Equal(passes.FinalStates.ToArray(), adaptive.FinalStates.ToArray());
    }

    [Fact]
    public void Adaptive_batch_of_one_takes_the_steps_of_the_scalar_solver()
    {
        foreach (var start in EnsembleTestData.LorenzStarts(5))
        {
            var batch = LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(new Lorenz()), [start[0], start[1], start[2]], 1, 0, 2, LockstepMethod.DormandPrince5,
                new LockstepOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-8 });
            var alone = Ode.Solve(OdeProblem.Create(new Lorenz(), start, 0.0, 2.0), new DormandPrince5(), SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End });
            var stats = batch.Batches[0].Statistics;
            Assert.Equal(alone.Statistics.AcceptedSteps, stats.AcceptedSteps);
            Assert.Equal(alone.Statistics.RejectedSteps, stats.RejectedSteps);
            Assert.Equal(alone.Statistics.RhsEvaluations, stats.RhsEvaluations);
            // Same steps; the fused operations differ by ulps per step, amplified at most e^(0.9·2) ≈ 6 times by the chaos.
            Assert.True(Norms.MaxDifference(alone.FinalState, batch.FinalStates) < 1e-10);
        }
    }

    [Fact]
    public void Adaptive_batch_shares_one_step_sequence_and_meets_the_tolerance()
    {
        var starts = EnsembleTestData.LorenzStarts(Count);
        var batch = LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(new Lorenz()), EnsembleTestData.StructureOfArrays(starts), Count, 0, 1, LockstepMethod.DormandPrince5,
            new LockstepOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-8, BatchSize = 32 });
        Assert.Equal(2, batch.Batches.Count);
        var state = new double[3];
        for (int m = 0; m < Count; m++)
        {
            var reference = Ode.Solve(OdeProblem.Create(new Lorenz(), starts[m], 0.0, 1.0), new Verner8(), SolverOptions.WithTolerance(1e-13) with { SaveAt = SaveAt.End });
            batch.CopyFinalState(m, state);
            // The shared step is at least as small as each member needs, so every member is at least as accurate as alone
            // at 1e-8: its global error over t = 1 stays within a few hundred tolerances.
            Assert.True(Norms.MaxDifference(reference.FinalState, state) < 1e-5, $"member {m}");
        }
    }

    [Fact]
    public void Parallel_and_serial_runs_are_identical()
    {
        var starts = EnsembleTestData.StructureOfArrays(EnsembleTestData.LorenzStarts(Count));
        var options = new LockstepOptions { BatchSize = 8, RelativeTolerance = 1e-7, AbsoluteTolerance = 1e-7 };
        var serial = LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(new Lorenz()), starts, Count, 0, 1, LockstepMethod.DormandPrince5, options with { MaxDegreeOfParallelism = 1 });
        var parallel = LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(new Lorenz()), starts, Count, 0, 1, LockstepMethod.DormandPrince5, options with { MaxDegreeOfParallelism = 4 });
        Assert.Equal(serial.FinalStates.ToArray(), parallel.FinalStates.ToArray());
        Assert.Equal(serial.Batches, parallel.Batches);
    }

    [Fact]
    public void A_member_that_blows_up_in_fixed_steps_fails_alone()
    {
        // y' = y²: from y₀ = 2 the solution blows up at t = 0.5, the others (y₀ ≤ 0.5) live past t = 1.
        double[] starts = [0.1, 0.2, 2.0, 0.5, 0.3];
        var solution = LockstepEnsemble.Solve(new MemberwiseBatchField<BlowUp>(new BlowUp()), starts, 5, 0, 0.9, LockstepMethod.RungeKutta4,
            new LockstepOptions { StepSize = 0.01 });
        for (int m = 0; m < 5; m++) Assert.Equal(m == 2 ? SolveStatus.NonFiniteState : SolveStatus.Success, solution.Status(m));
        Assert.Equal(0.1 / (1 - 0.1 * 0.9), solution.FinalStates[0], 1e-8);
    }

    [Fact]
    public void Cancellation_keeps_finished_batches_and_marks_the_rest()
    {
        using var cancellation = new CancellationTokenSource();
        var progress = new CancelAfterFirstReport(cancellation);
        var starts = EnsembleTestData.StructureOfArrays(EnsembleTestData.LorenzStarts(Count));
        var solution = LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(new Lorenz()), starts, Count, 0, 0.1, LockstepMethod.RungeKutta4,
            new LockstepOptions { StepSize = 0.01, BatchSize = 8, MaxDegreeOfParallelism = 1, Progress = progress, CancellationToken = cancellation.Token });
        Assert.Equal(SolveStatus.Success, solution.Batches[0].Status);
        Assert.All(solution.Batches.Skip(1), b => Assert.Equal(SolveStatus.Cancelled, b.Status));
        Assert.Equal(Count - 8, solution.CancelledCount);
        Assert.Equal(8, solution.SucceededCount);
    }

    [Fact]
    public void Bad_input_is_rejected_naming_the_parameter()
    {
        var field = new LaneBatchField<Lorenz>(new Lorenz());
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => LockstepEnsemble.Solve(field, [], 0, 0, 1, LockstepMethod.DormandPrince5)).ParamName);
        Assert.Equal("initialStates", Assert.Throws<ArgumentException>(() => LockstepEnsemble.Solve(field, new double[5], 2, 0, 1, LockstepMethod.DormandPrince5)).ParamName);
        Assert.Equal("initialStates", Assert.Throws<ArgumentException>(() => LockstepEnsemble.Solve(field, [1, 2, double.NaN], 1, 0, 1, LockstepMethod.DormandPrince5)).ParamName);
        Assert.Equal("StepSize", Assert.Throws<ArgumentException>(() => LockstepEnsemble.Solve(field, [1, 2, 3], 1, 0, 1, LockstepMethod.RungeKutta4)).ParamName);
        Assert.Equal("StepSize", Assert.Throws<ArgumentOutOfRangeException>(() => LockstepEnsemble.Solve(field, [1, 2, 3], 1, 0, 1, LockstepMethod.RungeKutta4,
            new LockstepOptions { StepSize = -0.1 })).ParamName);
        var batchSize = Assert.Throws<ArgumentOutOfRangeException>(() => LockstepEnsemble.Solve(field, [1, 2, 3], 1, 0, 1, LockstepMethod.DormandPrince5,
            new LockstepOptions { BatchSize = 0 }));
        Assert.Equal("BatchSize", batchSize.ParamName);
        Assert.Contains("0", batchSize.Message);
        Assert.Equal("endTime", Assert.Throws<ArgumentException>(() => LockstepEnsemble.Solve(field, [1, 2, 3], 1, 1, 1, LockstepMethod.DormandPrince5)).ParamName);
    }

    [Fact]
    public void Observer_sees_every_step_of_every_batch()
    {
        var observer = new CountingObserver();
        LockstepEnsemble.Solve(new LaneBatchField<VanDerPol>(new VanDerPol()), [1, 2, 3, 0, 0, 0], 3, 0, 1, LockstepMethod.RungeKutta4,
            new LockstepOptions { StepSize = 0.1, BatchSize = 2, Observer = observer });
        Assert.Equal(2 * 11, observer.Calls);
    }

    [Theory]
    [InlineData(LockstepMethod.ExplicitEuler, 0.01, 3.0)]
    [InlineData(LockstepMethod.RungeKutta4, 0.01, 7.777)]
    public void Blocks_of_steps_run_group_by_group_give_the_same_bits_as_step_by_step(LockstepMethod method, double step, double end)
    {
        // Without an observer the register kernel runs blocks of up to 256 steps group by group (two groups in flight);
        // an observer forces one step at a time over all groups. Each member does the same arithmetic either way. The
        // span 7.777 takes 778 steps (three full blocks and a short one, ending on a shortened step).
        var starts = new double[3 * Count];
        var random = new Random(11);
        for (int i = 0; i < starts.Length; i++) starts[i] = random.NextDouble() * 20 - 10 + (i >= 2 * Count ? 25 : 0);
        var blocks = LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(new Lorenz()), starts, Count, 0, end, method, new LockstepOptions { StepSize = step });
        var single = LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(new Lorenz()), starts, Count, 0, end, method,
            new LockstepOptions { StepSize = step, Observer = new CountingObserver() });
        Assert.Equal(single.FinalStates.ToArray(), blocks.FinalStates.ToArray());
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
