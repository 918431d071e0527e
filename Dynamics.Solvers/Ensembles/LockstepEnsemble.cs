using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// <see cref="EnsembleStrategy.Lockstep"/>: members are cut into batches of <see cref="EnsembleOptions.BatchSize"/>, each
/// batch shares one step sequence and is advanced by a SIMD kernel over its structure-of-arrays buffers (which stay in
/// the core's cache for the whole solve), and batches run on all cores. With a fixed step (Euler, RK4) each batch is
/// advanced in groups of one SIMD register's width through whole steps running the field's one formula on lanes (a
/// three-component field keeps each group in registers); Dormand–Prince 5(4) runs stage-by-stage passes over the batch.
/// If the field (or the observer) throws, that batch's members end with <see cref="SolveStatus.UserCodeFailed"/>, the
/// exception and NaN states, and the other batches finish.
/// </summary>
internal static class LockstepEnsemble
{
    public static EnsembleSolution Solve<TField>(EnsembleProblem<TField> problem, IOdeMethod method, EnsembleOptions options, EnsembleSolution? reuse = null)
        where TField : struct, ILaneField
    {
        var kernel = KernelOf(method);
        var shared = problem.Shared ?? Gather(problem);
        CheckSupported(options.Solver, method, shared.Field.Dimension, shared.StartTime, shared.EndTime);
        var field = new LaneBatchField<TField>(shared.Field);
        return Solve(field, shared.InitialStates, problem.Count, shared.StartTime, shared.EndTime, kernel, options, reuse);
    }

    /// <summary>
    /// The kernels: the lane kernel for fixed steps, the batch passes for Dormand–Prince 5(4). The initial states are
    /// member-major and only read: each worker transposes its batch in and out of its own buffers, and writes where
    /// its members ended into <paramref name="reuse"/>'s storage when given.
    /// </summary>
    internal static EnsembleSolution Solve<TField>(LaneBatchField<TField> field, double[] initialStates, int count, double startTime, double endTime,
        LockstepMethod method, EnsembleOptions options, EnsembleSolution? reuse = null) where TField : struct, ILaneField
    {
        int n = field.Dimension, batchSize = Math.Min(options.BatchSize, count);
        var member = field.Member;
        var solution = EnsembleSolution.Destination(reuse, count, n, batchSize);
        if (method == LockstepMethod.DormandPrince5)
            return Schedule(initialStates, solution, batchSize, startTime, options, () => new LockstepWorkspace<LaneBatchField<TField>>(field, method, options, batchSize, startTime, endTime));
        // Three-component fields whose parameters fit in registers get the register workspace; the choice is made once per solve.
        bool registers = n == 3 && LaneField.ParameterCount(member) <= LaneParameters.Capacity;
        return Schedule(initialStates, solution, batchSize, startTime, options, () => CreateLaneWorkspace(member, registers, method, options, batchSize, startTime, endTime));
    }

    /// <summary>The stage-by-stage batch passes over any batch field (the reference the lane kernels are tested against).</summary>
    internal static EnsembleSolution SolvePasses<TField>(TField field, double[] initialStates, int count, double startTime, double endTime,
        LockstepMethod method, EnsembleOptions options) where TField : IBatchVectorField
    {
        int batchSize = Math.Min(options.BatchSize, count);
        return Schedule(initialStates, EnsembleSolution.Destination(null, count, field.Dimension, batchSize), batchSize, startTime, options,
            () => new LockstepWorkspace<TField>(field, method, options, batchSize, startTime, endTime));
    }

    private static LockstepMethod KernelOf(IOdeMethod method) => method switch
    {
        ExplicitEuler => LockstepMethod.ExplicitEuler,
        RungeKutta4 => LockstepMethod.RungeKutta4,
        DormandPrince5 => LockstepMethod.DormandPrince5,
        _ => throw new ArgumentException(
            $"EnsembleStrategy.Lockstep runs ExplicitEuler, RungeKutta4 and DormandPrince5, but method is {method.Name}; use EnsembleStrategy.IndependentMembers.", nameof(method)),
    };

    // Members share one step, so they need one field and time span: taken from the problems the factory builds.
    private static EnsembleProblem<TField>.SharedMembers Gather<TField>(EnsembleProblem<TField> problem) where TField : struct, ILaneField
    {
        var first = problem.Member(0, problem.MemberProblem(0)?.Dimension ?? 0);
        int n = first.Dimension;
        var states = new double[n * problem.Count];
        for (int m = 0; m < problem.Count; m++)
        {
            var member = m == 0 ? first : problem.Member(m, n);
            if (!EqualityComparer<TField>.Default.Equals(member.Field, first.Field) || member.StartTime != first.StartTime || member.EndTime != first.EndTime)
                throw new ArgumentException(
                    $"EnsembleStrategy.Lockstep shares one step sequence, so every member needs member 0's field and time span, but member {m} has {member.Field} on [{member.StartTime}, {member.EndTime}] against {first.Field} on [{first.StartTime}, {first.EndTime}]; use EnsembleStrategy.SimdLanes or IndependentMembers.",
                    nameof(problem));
            member.InitialState.CopyTo(states.AsSpan(m * n, n));
        }

        return new EnsembleProblem<TField>.SharedMembers(first.Field, states, first.StartTime, first.EndTime);
    }

    private static void CheckSupported(SolverOptions solver, IOdeMethod method, int n, double startTime, double endTime)
    {
        solver.Validate(n, startTime, endTime, method.EmbeddedOrder is not null, method.Name);
        EnsembleOptions.RequireSimdSupport(solver, EnsembleStrategy.Lockstep);
    }

    private static ILockstepWorkspace CreateLaneWorkspace<TField>(TField member, bool registers, LockstepMethod method, EnsembleOptions options, int batchSize,
        double startTime, double endTime) where TField : struct, ILaneField
    {
        if (Lane512.IsHardwareAccelerated)
        {
            return registers
                ? new RegisterLockstepWorkspace<TField, Lane512>(member, method, options, batchSize, startTime, endTime)
                : new LaneLockstepWorkspace<TField, Lane512>(member, method, options, batchSize, startTime, endTime);
        }

        if (Lane256.IsHardwareAccelerated)
        {
            return registers
                ? new RegisterLockstepWorkspace<TField, Lane256>(member, method, options, batchSize, startTime, endTime)
                : new LaneLockstepWorkspace<TField, Lane256>(member, method, options, batchSize, startTime, endTime);
        }

        return registers
            ? new RegisterLockstepWorkspace<TField, ScalarLane>(member, method, options, batchSize, startTime, endTime)
            : new LaneLockstepWorkspace<TField, ScalarLane>(member, method, options, batchSize, startTime, endTime);
    }

    // Runs the batches into the solution's storage: every member's state and status and every batch's record are
    // written by the worker that ran the batch, so a reused solution keeps nothing of its previous solve, and a solve
    // allocates nothing that grows with the number of members.
    private static EnsembleSolution Schedule(double[] initialStates, EnsembleSolution solution, int batchSize, double startTime, EnsembleOptions options,
        Func<ILockstepWorkspace> create)
    {
        int n = solution.Dimension, count = solution.Count;
        int batchCount = (count + batchSize - 1) / batchSize;
        var finalStates = solution.FinalStateStorage;
        var memberStatus = solution.StatusStorage;
        var progress = new ProgressThrottle(options.Progress, count, options.ProgressInterval);
        // One worker per core (or per allowed degree), each with one workspace, takes the next batch from a shared
        // counter until none is left. Parallel.For over the batches handed each worker up to 16 at a time (4 ms of a
        // 50 ms solve), so one core could sit idle at the end while the other finished its last chunk.
        int workers = Math.Min(batchCount, options.Workers);
        int next = -1;
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ =>
        {
            var workspace = create();
            for (int b = Interlocked.Increment(ref next); b < batchCount; b = Interlocked.Increment(ref next))
            {
                int first = b * batchSize, size = Math.Min(batchSize, count - first);
                LockstepBatchResult batch;
                try
                {
                    batch = workspace.Run(initialStates, finalStates, first, size, memberStatus);
                }
                catch (Exception e)
                {
                    // The field (or the observer) threw: this batch fails with the exception, the others go on. The
                    // workspace stopped mid-step, so a fresh one takes the next batch.
                    batch = LockstepOutcome.UserCodeFailed(first, size, startTime, e);
                    finalStates.AsSpan(first * n, size * n).Fill(double.NaN);
                    memberStatus.AsSpan(first, size).Fill(SolveStatus.UserCodeFailed);
                    workspace = create();
                }

                Record(solution, b, batch, memberStatus);
                progress.Add(size);
            }
        });
        return solution.Complete();
    }

    // The members of a batch share its time and work (one record per batch); a member that did not succeed gets its
    // batch's message, or its own when only its state became non-finite. The workspace wrote states and statuses.
    private static void Record(EnsembleSolution solution, int record, LockstepBatchResult batch, SolveStatus[] memberStatus)
    {
        solution.SetRecord(record, batch.FinalTime, batch.Statistics);
        for (int m = batch.FirstMember; m < batch.FirstMember + batch.Count; m++)
        {
            if (memberStatus[m] == SolveStatus.Success) continue;
            solution.SetMessage(m, memberStatus[m] == batch.Status ? batch.Message
                : $"The member's state became non-finite by t = {Validation.Require.Format(batch.FinalTime)} (its batch's fixed steps went on).", batch.Exception);
        }
    }
}
