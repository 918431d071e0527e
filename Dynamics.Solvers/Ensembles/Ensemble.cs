using Dynamics.Fields;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// The one entry point for ensembles: one problem (<see cref="EnsembleProblem{TField}"/>), one options type
/// (<see cref="EnsembleOptions"/>), one solution type (<see cref="EnsembleSolution"/>), an ordinary
/// <see cref="IOdeMethod"/> and a <see cref="EnsembleStrategy"/>: independent members (each its own step, events and
/// status, exactly as <see cref="Ode.Solve{TField}"/> would solve it alone), SIMD lanes, or lockstep batches. Results
/// are identical whatever the thread count; a failing member does not stop the others.
/// </summary>
public static class Ensemble
{
    /// <summary>
    /// Solves every member with <paramref name="strategy"/>. The SIMD strategies run the field's one lane formula
    /// (<see cref="ILaneField"/>); a strategy that cannot honour the method or an option throws an
    /// <see cref="ArgumentException"/> naming it.
    /// </summary>
    /// <typeparam name="TField">The members' field type: a struct <see cref="ILaneField"/>, e.g. <c>Lorenz</c>.</typeparam>
    /// <param name="problem">The ensemble.</param>
    /// <param name="method">The method, shared by every member, e.g. <c>new DormandPrince5()</c>.</param>
    /// <param name="strategy">How the members are run.</param>
    /// <param name="options">The options (default <see cref="EnsembleOptions.Default"/>: final states only).</param>
    /// <param name="reuse">
    /// An earlier solution to solve into instead of allocating a new one (default none), e.g. the previous solve of a
    /// parameter sweep: it must have as many members of the same dimension as <paramref name="problem"/> (otherwise an
    /// <see cref="ArgumentException"/> names both shapes), and any strategy, options and method may have produced it.
    /// Everything it reported is overwritten — states, statuses, messages, exceptions, statistics, saved states —
    /// and it is returned, with the same bits a fresh solve gives. Its member-sized arrays are reused; those of another
    /// layout (per-batch records of a different batch size, other saved times) are replaced. Read it only after the
    /// solve returns (not from the member factory), never pass it to two solves at once, and keep a copy of what must
    /// outlive the next solve; if the solve throws, its contents are unspecified.
    /// </param>
    /// <returns>Each member's outcome: <paramref name="reuse"/> when given, otherwise a new solution.</returns>
    public static EnsembleSolution Solve<TField>(EnsembleProblem<TField> problem, IOdeMethod method, EnsembleStrategy strategy, EnsembleOptions? options = null,
        EnsembleSolution? reuse = null)
        where TField : struct, ILaneField
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(method);
        options ??= EnsembleOptions.Default;
        options.Validate();
        if (strategy != EnsembleStrategy.Lockstep && options.Observer is not null)
            throw new ArgumentException($"Only EnsembleStrategy.Lockstep offers an Observer, but the strategy is {strategy}.", nameof(options.Observer));
        return strategy switch
        {
            EnsembleStrategy.IndependentMembers => Solve(problem, method, options, reuse),
            EnsembleStrategy.SimdLanes => LaneEnsemble.Solve(problem, method, options, reuse),
            EnsembleStrategy.Lockstep => LockstepEnsemble.Solve(problem, method, options, reuse),
            _ => throw new ArgumentOutOfRangeException(nameof(strategy), strategy, $"strategy must be a defined EnsembleStrategy, but was {(int)strategy}."),
        };
    }

    /// <summary>
    /// Solves every member as <see cref="EnsembleStrategy.IndependentMembers"/>, for any field, and keeps what
    /// <see cref="EnsembleOptions.Solver"/>'s <see cref="SaveAt"/> asks for.
    /// </summary>
    /// <typeparam name="TField">The members' field type.</typeparam>
    /// <param name="problem">The ensemble.</param>
    /// <param name="method">The method, shared by every member.</param>
    /// <param name="options">The options (default <see cref="EnsembleOptions.Default"/>: final states only).</param>
    /// <param name="reuse">An earlier solution of the same shape to overwrite and return instead of allocating a new one
    /// (default none), as for <see cref="Solve{TField}(EnsembleProblem{TField}, IOdeMethod, EnsembleStrategy, EnsembleOptions?, EnsembleSolution?)"/>.</param>
    /// <returns>Each member's outcome: <paramref name="reuse"/> when given, otherwise a new solution.</returns>
    public static EnsembleSolution Solve<TField>(EnsembleProblem<TField> problem, IOdeMethod method, EnsembleOptions? options = null, EnsembleSolution? reuse = null)
        where TField : IVectorField
    {
        (options, int n) = Prepare(problem, method, options);
        var saveAt = options.Solver.SaveAt;
        var savedTimes = saveAt.Mode == SaveMode.Times ? saveAt.RequestedTimes.ToArray() : [];
        var solution = EnsembleSolution.Destination(reuse, problem.Count, n, savedTimes: savedTimes,
            keepSolutions: saveAt.Mode is SaveMode.EveryStep or SaveMode.Dense, keepEvents: options.Solver.Events.Count > 0);
        EnsembleRunner.Run(problem, method, options, n, (int member, int _, in EnsembleMemberEnd end) =>
        {
            solution.SetMember(member, end.Time, end.State, end.Status, end.Message, end.Statistics, end.Exception, end.Events, end.Solution);
            if (savedTimes.Length > 0 && end.Solution is { } recorded)
            {
                var saved = solution.SavedStateStorage(member);
                for (int k = 0; k < recorded.Count; k++)
                    recorded.State(k).CopyTo(saved.Slice(Array.IndexOf(savedTimes, recorded.Times[k]) * n, n));
            }
        }, solution.SetCancelled);
        return solution.Complete();
    }

    /// <summary>
    /// Solves every member and folds its outcome into <paramref name="reducer"/>'s accumulators instead of keeping it,
    /// so memory does not grow with the number of members beyond one status per member. The reducer sees each member's
    /// final time and state, status, work, located events (<see cref="EnsembleMemberOutcome.Events"/>, from
    /// <see cref="SaveAt.StartTime"/> on) and, if its field threw, the exception.
    /// </summary>
    /// <typeparam name="TField">The members' field type.</typeparam>
    /// <typeparam name="TAccumulator">The reduced value's type.</typeparam>
    /// <param name="problem">The ensemble.</param>
    /// <param name="method">The method, shared by every member.</param>
    /// <param name="reducer">How outcomes are folded and partial results combined.</param>
    /// <param name="options">The options (default <see cref="EnsembleOptions.Default"/>; only final states and events are offered to the reducer, and only <see cref="SaveAt.StartTime"/> of the save choice is used).</param>
    /// <returns>The reduced value and a summary.</returns>
    public static EnsembleReduction<TAccumulator> Reduce<TField, TAccumulator>(EnsembleProblem<TField> problem, IOdeMethod method,
        IEnsembleReducer<TAccumulator> reducer, EnsembleOptions? options = null) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(reducer);
        (options, int n) = Prepare(problem, method, options);
        var end = options.Solver.SaveAt.StartTime is { } from ? SaveAt.End.From(from) : SaveAt.End;
        options = options with { Solver = options.Solver with { SaveAt = end } };
        int blocks = (problem.Count + options.BlockSize - 1) / options.BlockSize;
        var partial = new TAccumulator[blocks];
        for (int b = 0; b < blocks; b++) partial[b] = reducer.CreateAccumulator();
        var statuses = new SolveStatus[problem.Count];
        var totals = new SolverStatistics[blocks];
        EnsembleRunner.Run(problem, method, options, n, (int member, int block, in EnsembleMemberEnd end) =>
        {
            var statistics = end.Statistics;
            statuses[member] = end.Status;
            var sum = totals[block];
            totals[block] = new SolverStatistics(sum.RhsEvaluations + statistics.RhsEvaluations, sum.AcceptedSteps + statistics.AcceptedSteps,
                sum.RejectedSteps + statistics.RejectedSteps);
            partial[block] = reducer.Add(partial[block], member, end.ToOutcome());
        }, member => statuses[member] = SolveStatus.Cancelled);

        var value = partial[0];
        for (int b = 1; b < blocks; b++) value = reducer.Combine(value, partial[b]);
        int succeeded = 0, cancelled = 0;
        foreach (var status in statuses)
        {
            if (status is SolveStatus.Success or SolveStatus.StoppedByEvent) succeeded++;
            else if (status is SolveStatus.Cancelled) cancelled++;
        }

        long evaluations = 0, accepted = 0, rejected = 0;
        foreach (var s in totals)
        {
            evaluations += s.RhsEvaluations;
            accepted += s.AcceptedSteps;
            rejected += s.RejectedSteps;
        }

        return new EnsembleReduction<TAccumulator>(value, succeeded, problem.Count - succeeded - cancelled, cancelled,
            new SolverStatistics(evaluations, accepted, rejected));
    }

    private static (EnsembleOptions Options, int Dimension) Prepare<TField>(EnsembleProblem<TField> problem, IOdeMethod method, EnsembleOptions? options)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(method);
        options ??= EnsembleOptions.Default;
        options.Validate();
        if (options.Observer is not null)
            throw new ArgumentException("Only EnsembleStrategy.Lockstep offers an Observer, but the strategy is IndependentMembers.", nameof(options.Observer));
        var first = problem.MemberProblem(0)
            ?? throw new ArgumentException("memberProblem returned null for member 0.", nameof(problem));
        options.Solver.Validate(first.Dimension, first.StartTime, first.EndTime, method.EmbeddedOrder is not null, method.Name);
        return (options, first.Dimension);
    }
}
