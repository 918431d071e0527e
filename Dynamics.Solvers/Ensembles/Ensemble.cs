using System.Collections.Concurrent;
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
    /// <returns>Each member's outcome.</returns>
    public static EnsembleSolution Solve<TField>(EnsembleProblem<TField> problem, IOdeMethod method, EnsembleStrategy strategy, EnsembleOptions? options = null)
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
            EnsembleStrategy.IndependentMembers => Solve(problem, method, options),
            EnsembleStrategy.SimdLanes => LaneEnsemble.Solve(problem, method, options),
            EnsembleStrategy.Lockstep => LockstepEnsemble.Solve(problem, method, options),
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
    /// <returns>Each member's outcome.</returns>
    public static EnsembleSolution Solve<TField>(EnsembleProblem<TField> problem, IOdeMethod method, EnsembleOptions? options = null)
        where TField : IVectorField
    {
        (options, int n) = Prepare(problem, method, options);
        int count = problem.Count;
        var saveAt = options.Solver.SaveAt;
        var savedTimes = saveAt.Mode == SaveMode.Times ? saveAt.RequestedTimes.ToArray() : [];
        var finalTimes = new double[count];
        var finalStates = new double[(long)count * n];
        var savedStates = new double[(long)count * savedTimes.Length * n];
        var statuses = new SolveStatus[count];
        var statistics = new SolverStatistics[count];
        var messages = new ConcurrentDictionary<int, string>();
        var exceptions = new ConcurrentDictionary<int, Exception>();
        var solutions = saveAt.Mode is SaveMode.EveryStep or SaveMode.Dense ? new Solution?[count] : null;
        var events = options.Solver.Events.Count > 0 ? new EventOccurrence[]?[count] : null;
        Array.Fill(savedStates, double.NaN);

        EnsembleRunner.Run(problem, method, options, n, (int member, int _, in EnsembleMemberEnd end) =>
        {
            finalTimes[member] = end.Time;
            end.State.CopyTo(finalStates.AsSpan(member * n, n));
            statuses[member] = end.Status;
            statistics[member] = end.Statistics;
            if (end.Status is not SolveStatus.Success) messages[member] = end.Message;
            if (end.Exception is not null) exceptions[member] = end.Exception;
            if (events is not null) events[member] = end.Events.ToArray();
            if (solutions is not null) solutions[member] = end.Solution;
            if (savedTimes.Length > 0 && end.Solution is { } solution)
            {
                for (int k = 0; k < solution.Count; k++)
                {
                    int index = Array.IndexOf(savedTimes, solution.Times[k]);
                    solution.State(k).CopyTo(savedStates.AsSpan((member * savedTimes.Length + index) * n, n));
                }
            }
        }, member => MarkCancelled(member, n, finalTimes, finalStates, statuses));
        return new EnsembleSolution(n, finalTimes, finalStates, statuses, statistics, messages, exceptions, savedTimes, savedStates, solutions, events);
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

    private static void MarkCancelled(int member, int n, double[] finalTimes, double[] finalStates, SolveStatus[] statuses)
    {
        statuses[member] = SolveStatus.Cancelled;
        finalTimes[member] = double.NaN;
        finalStates.AsSpan(member * n, n).Fill(double.NaN);
    }
}
