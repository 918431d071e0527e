using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// Solves many members of one <see cref="IBatchVectorField"/> in lockstep: members are cut into batches of
/// <see cref="LockstepOptions.BatchSize"/>, each batch shares one step sequence and is advanced by a SIMD kernel over its
/// structure-of-arrays buffers (which stay in the core's cache for the whole solve), and batches run on all cores.
/// Use it for grids of initial conditions, particle systems and basins; use <see cref="Ensemble"/> when members need
/// their own steps, events or statuses. If the field (or the observer) throws, that batch ends with
/// <see cref="SolveStatus.UserCodeFailed"/>, the exception (<see cref="LockstepBatchResult.Exception"/>) and NaN states,
/// and the other batches finish.
/// </summary>
public static class LockstepEnsemble
{
    /// <summary>Integrates every member from <paramref name="startTime"/> to <paramref name="endTime"/>.</summary>
    /// <typeparam name="TField">The batch field type; a struct is devirtualised and inlined.</typeparam>
    /// <param name="field">The batch field, e.g. <c>new LaneBatchField&lt;Lorenz&gt;(new Lorenz())</c>. It is called from several threads at once.</param>
    /// <param name="initialStates">y₀ of every member, component-major (<c>[j * count + m]</c>), length n × count, finite.</param>
    /// <param name="count">The number of members, at least 1.</param>
    /// <param name="startTime">t₀.</param>
    /// <param name="endTime">The final time (before t₀ integrates backwards).</param>
    /// <param name="method">The method.</param>
    /// <param name="options">The options (default <see cref="LockstepOptions.Default"/>; Euler and RK4 need a step size).</param>
    /// <returns>The final states and statuses.</returns>
    public static LockstepSolution Solve<TField>(TField field, ReadOnlySpan<double> initialStates, int count, double startTime, double endTime,
        LockstepMethod method, LockstepOptions? options = null) where TField : IBatchVectorField
    {
        if (field is null) throw new ArgumentNullException(nameof(field));
        options ??= LockstepOptions.Default;
        var states = Prepare(field.Dimension, initialStates, count, startTime, endTime, method, options);
        int batchSize = Math.Min(options.BatchSize, count);
        return Schedule(states, field.Dimension, count, batchSize, startTime, options,
            () => new LockstepWorkspace<TField>(field, method, options, batchSize, startTime, endTime));
    }

    /// <summary>
    /// Integrates every member of an <see cref="ILaneField"/>, all members sharing <paramref name="field"/>'s parameters.
    /// With a fixed step (Euler or RK4) each batch is advanced in groups of one SIMD register's width through whole steps,
    /// running the field's one formula on lanes: a three-component field keeps each group in registers, and the processor
    /// overlaps groups. That is several times faster than the stage-by-stage passes of <see cref="Solve{TField}(TField, ReadOnlySpan{double}, int, double, double, LockstepMethod, LockstepOptions?)"/>,
    /// with the same arithmetic and so the same bits. Dormand–Prince 5(4) runs the stage-by-stage passes over the batch field.
    /// </summary>
    /// <typeparam name="TField">The member field type, e.g. <c>Lorenz</c>.</typeparam>
    /// <param name="field">The field every member shares, e.g. <c>new LaneBatchField&lt;Lorenz&gt;(new Lorenz())</c>.</param>
    /// <param name="initialStates">y₀ of every member, component-major (<c>[j * count + m]</c>), length n × count, finite.</param>
    /// <param name="count">The number of members, at least 1.</param>
    /// <param name="startTime">t₀.</param>
    /// <param name="endTime">The final time.</param>
    /// <param name="method">The method.</param>
    /// <param name="options">The options; Euler and RK4 need <see cref="LockstepOptions.StepSize"/>.</param>
    /// <returns>The final states and statuses.</returns>
    public static LockstepSolution Solve<TField>(LaneBatchField<TField> field, ReadOnlySpan<double> initialStates, int count, double startTime, double endTime,
        LockstepMethod method, LockstepOptions? options = null) where TField : struct, ILaneField
    {
        options ??= LockstepOptions.Default;
        int n = field.Dimension;
        var states = Prepare(n, initialStates, count, startTime, endTime, method, options);
        int batchSize = Math.Min(options.BatchSize, count);
        var member = field.Member;
        if (method == LockstepMethod.DormandPrince5)
            return Schedule(states, n, count, batchSize, startTime, options, () => new LockstepWorkspace<LaneBatchField<TField>>(field, method, options, batchSize, startTime, endTime));
        // Three-component fields whose parameters fit in registers get the register workspace; the choice is made once per solve.
        bool registers = n == 3 && LaneField.ParameterCount(member) <= LaneParameters.Capacity;
        return Schedule(states, n, count, batchSize, startTime, options, () => CreateLaneWorkspace(member, registers, method, options, batchSize, startTime, endTime));
    }

    private static ILockstepWorkspace CreateLaneWorkspace<TField>(TField member, bool registers, LockstepMethod method, LockstepOptions options, int batchSize,
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

    private static double[] Prepare(int n, ReadOnlySpan<double> initialStates, int count, double startTime, double endTime, LockstepMethod method,
        LockstepOptions options)
    {
        Require.AtLeast(n, 1, "field.Dimension");
        Require.AtLeast(count, 1, nameof(count));
        if ((long)n * count > Array.MaxLength)
            throw new ArgumentOutOfRangeException(nameof(count), count, $"count = {count} members of dimension {n} exceed the largest array.");
        if (initialStates.Length != n * count)
            throw new ArgumentException($"initialStates has length {initialStates.Length}, but {n} components × {count} members need {n * count}.", nameof(initialStates));
        Require.AllFinite(initialStates, nameof(initialStates));
        Require.Finite(startTime, nameof(startTime));
        Require.Finite(endTime, nameof(endTime));
        if (startTime == endTime)
            throw new ArgumentException($"The time span is empty: startTime and endTime are both {Require.Format(startTime)}.", nameof(endTime));
        options.Validate(method, startTime, endTime);
        return initialStates.ToArray();
    }

    private static LockstepSolution Schedule(double[] states, int n, int count, int batchSize, double startTime, LockstepOptions options,
        Func<ILockstepWorkspace> create)
    {
        int batchCount = (count + batchSize - 1) / batchSize;
        var batches = new LockstepBatchResult[batchCount];
        var memberStatus = new SolveStatus[count];
        var progress = new ProgressThrottle(options.Progress, count, options.ProgressInterval);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, batchCount, parallel, create,
            (b, _, workspace) =>
            {
                int first = b * batchSize, size = Math.Min(batchSize, count - first);
                try
                {
                    batches[b] = workspace.Run(states, count, first, size, memberStatus);
                }
                catch (Exception e)
                {
                    // The field (or the observer) threw: this batch fails with the exception, the others go on. The
                    // workspace stopped mid-step, so a fresh one takes the next batch.
                    batches[b] = LockstepOutcome.UserCodeFailed(first, size, startTime, e);
                    for (int j = 0; j < n; j++) states.AsSpan(j * count + first, size).Fill(double.NaN);
                    memberStatus.AsSpan(first, size).Fill(SolveStatus.UserCodeFailed);
                    workspace = create();
                }

                progress.Add(size);
                return workspace;
            },
            _ => { });
        return new LockstepSolution(n, count, batchSize, states, memberStatus, batches);
    }
}
