using System.Collections.Concurrent;
using Dynamics.Solvers.Events;
using Dynamics.Validation;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// The result of an ensemble of independent members: each member's final time and state, status, message and work;
/// with <see cref="SaveAt.Times(double[])"/> its states at those times; with <see cref="SaveAt.EveryStep"/> or
/// <see cref="SaveAt.Dense"/> its whole <see cref="Solution"/>; with events, each member's located events whatever the
/// save mode (<see cref="Events(int)"/>). A failed member keeps what it computed; a member whose field or event function
/// threw has status <see cref="SolveStatus.UserCodeFailed"/> and the exception (<see cref="Exception(int)"/>); a member
/// not run because of cancellation has status <see cref="SolveStatus.Cancelled"/> and NaN time and state.
/// </summary>
/// <remarks>
/// A solution is also the storage a later solve of the same shape can write into (the <c>reuse</c> parameter of
/// <see cref="Ensemble.Solve{TField}(EnsembleProblem{TField}, Methods.IOdeMethod, EnsembleStrategy, EnsembleOptions?, EnsembleSolution?)"/>):
/// that solve overwrites everything this object reports and returns it, so a parameter sweep of hundreds of solves
/// allocates its member-sized arrays once.
/// </remarks>
public sealed class EnsembleSolution
{
    private readonly double[] _finalStates;
    private readonly SolveStatus[] _statuses;
    private readonly ConcurrentDictionary<int, string> _messages = new();
    private readonly ConcurrentDictionary<int, Exception> _exceptions = new();
    private double[] _finalTimes, _savedTimes = [], _savedStates = [];
    private SolverStatistics[] _statistics;
    private Solution?[]? _solutions;
    private EventOccurrence[]?[]? _events;
    // membersPerRecord consecutive members share one entry of finalTimes and statistics: 1 when each member has its
    // own; a lockstep batch's members share its time and work, so one entry per batch spares a solve two member-sized
    // arrays (5.6 MB for 100,000 members, first touched page by page) and a serial pass to fill them.
    private int _membersPerRecord;

    // Member-sized arrays are not zeroed: a solve writes every member's slots (its outcome, or Cancelled), so their
    // pages are first touched by the workers that fill them, in parallel, not by a serial clearing pass before them.
    private EnsembleSolution(int count, int dimension)
    {
        Dimension = dimension;
        _finalStates = GC.AllocateUninitializedArray<double>(checked(count * dimension));
        _statuses = GC.AllocateUninitializedArray<SolveStatus>(count);
        _finalTimes = [];
        _statistics = [];
    }

    /// <summary>
    /// The storage a solve of <paramref name="count"/> members of dimension <paramref name="dimension"/> writes into:
    /// <paramref name="reuse"/>, emptied of its messages and exceptions, when given, otherwise a new solution. Every
    /// member's slots are then written by the solve (<see cref="SetMember"/>, <see cref="SetCancelled"/> or the
    /// lockstep workers through <see cref="FinalStateStorage"/> and <see cref="StatusStorage"/>), and
    /// <see cref="Complete"/> sums them up.
    /// </summary>
    /// <param name="reuse">An earlier solution to overwrite, or null.</param>
    /// <param name="count">The number of members.</param>
    /// <param name="dimension">The member dimension.</param>
    /// <param name="membersPerRecord">Members sharing one final time and statistics entry (1, or the lockstep batch size).</param>
    /// <param name="savedTimes">The times of <see cref="SaveAt.Times(double[])"/> (their states start as NaN), or empty.</param>
    /// <param name="keepSolutions">Whether each member's whole solution is kept.</param>
    /// <param name="keepEvents">Whether each member's events are kept.</param>
    internal static EnsembleSolution Destination(EnsembleSolution? reuse, int count, int dimension, int membersPerRecord = 1, double[]? savedTimes = null,
        bool keepSolutions = false, bool keepEvents = false)
    {
        if (reuse is not null && (reuse.Count != count || reuse.Dimension != dimension))
            throw new ArgumentException(
                $"reuse holds {reuse.Count} members of dimension {reuse.Dimension}, but this solve has {count} members of dimension {dimension}; reuse needs a solution of the same shape.",
                nameof(reuse));
        var solution = reuse ?? new EnsembleSolution(count, dimension);
        solution._messages.Clear();
        solution._exceptions.Clear();
        solution._membersPerRecord = membersPerRecord;
        int records = (count + membersPerRecord - 1) / membersPerRecord;
        solution._finalTimes = Fitting(solution._finalTimes, records);
        solution._statistics = Fitting(solution._statistics, records);
        savedTimes ??= [];
        solution._savedTimes = savedTimes;
        solution._savedStates = Fitting(solution._savedStates, count * savedTimes.Length * dimension);
        Array.Fill(solution._savedStates, double.NaN);
        solution._solutions = keepSolutions ? solution._solutions ?? new Solution?[count] : null;
        solution._events = keepEvents ? solution._events ?? new EventOccurrence[]?[count] : null;
        return solution;
    }

    // The array itself when it has the length needed (its old values are overwritten), otherwise a new unzeroed one.
    private static T[] Fitting<T>(T[] array, int length) => array.Length == length ? array : GC.AllocateUninitializedArray<T>(length);

    /// <summary>Every member's final state, member-major (component j of member m at m·n + j), for the lockstep workers to write.</summary>
    internal double[] FinalStateStorage => _finalStates;

    /// <summary>Every member's status, for the lockstep workers to write.</summary>
    internal SolveStatus[] StatusStorage => _statuses;

    /// <summary>The saved states at <see cref="SavedTimes"/>, member-major, NaN until written.</summary>
    internal Span<double> SavedStateStorage(int member) =>
        _savedStates.AsSpan(member * _savedTimes.Length * Dimension, _savedTimes.Length * Dimension);

    /// <summary>Records how member <paramref name="member"/> ended (each member its own record).</summary>
    internal void SetMember(int member, double time, ReadOnlySpan<double> state, SolveStatus status, string? message, SolverStatistics statistics,
        Exception? exception, ReadOnlySpan<EventOccurrence> events = default, Solution? solution = null)
    {
        _finalTimes[member] = time;
        state.CopyTo(_finalStates.AsSpan(member * Dimension, Dimension));
        _statuses[member] = status;
        _statistics[member] = statistics;
        if (message is not null && status is not SolveStatus.Success) _messages[member] = message;
        if (exception is not null) _exceptions[member] = exception;
        if (_events is not null) _events[member] = events.ToArray();
        if (_solutions is not null) _solutions[member] = solution;
    }

    /// <summary>Records that member <paramref name="member"/> was not run: NaN time and state, no work, no events or solution.</summary>
    internal void SetCancelled(int member)
    {
        _finalTimes[member] = double.NaN;
        _finalStates.AsSpan(member * Dimension, Dimension).Fill(double.NaN);
        _statuses[member] = SolveStatus.Cancelled;
        _statistics[member] = default;
        if (_events is not null) _events[member] = null;
        if (_solutions is not null) _solutions[member] = null;
    }

    /// <summary>Records a lockstep batch's shared time and work (record <paramref name="record"/>).</summary>
    internal void SetRecord(int record, double time, SolverStatistics statistics)
    {
        _finalTimes[record] = time;
        _statistics[record] = statistics;
    }

    /// <summary>Sets member <paramref name="member"/>'s message and, if any, exception (a lockstep batch's members).</summary>
    internal void SetMessage(int member, string message, Exception? exception)
    {
        _messages[member] = message;
        if (exception is not null) _exceptions[member] = exception;
    }

    /// <summary>Sums up the work and the outcomes once every member has been written; returns this solution.</summary>
    internal EnsembleSolution Complete()
    {
        long evaluations = 0, accepted = 0, rejected = 0;
        for (int r = 0; r < _statistics.Length; r++)
        {
            var s = _statistics[r];
            long members = Math.Min(_membersPerRecord, _statuses.Length - (long)r * _membersPerRecord);
            evaluations += members * s.RhsEvaluations;
            accepted += members * s.AcceptedSteps;
            rejected += members * s.RejectedSteps;
        }

        TotalStatistics = new SolverStatistics(evaluations, accepted, rejected);
        int succeeded = 0, cancelled = 0;
        foreach (var status in _statuses)
        {
            if (status is SolveStatus.Success or SolveStatus.StoppedByEvent) succeeded++;
            else if (status is SolveStatus.Cancelled) cancelled++;
        }

        SucceededCount = succeeded;
        CancelledCount = cancelled;
        return this;
    }

    /// <summary>The number of members.</summary>
    public int Count => _statuses.Length;

    /// <summary>The member dimension n.</summary>
    public int Dimension { get; }

    /// <summary>The work of all members together.</summary>
    public SolverStatistics TotalStatistics { get; private set; }

    /// <summary>Members that reached their final time or were stopped by an event.</summary>
    public int SucceededCount { get; private set; }

    /// <summary>Members not run because the ensemble was cancelled.</summary>
    public int CancelledCount { get; private set; }

    /// <summary>Members that failed: numerically (max steps, step underflow, non-finite values) or because user code threw.</summary>
    public int FailedCount => Count - SucceededCount - CancelledCount;

    /// <summary>The times of <see cref="SaveAt.Times(double[])"/>, empty otherwise.</summary>
    public ReadOnlySpan<double> SavedTimes => _savedTimes;

    /// <summary>How member <paramref name="member"/> ended.</summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>The status.</returns>
    public SolveStatus Status(int member) => _statuses[Check(member)];

    /// <summary>A sentence explaining member <paramref name="member"/>'s status.</summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>The message.</returns>
    public string Message(int member) => _messages.TryGetValue(Check(member), out var message) ? message
        : _statuses[member] == SolveStatus.Cancelled ? "The ensemble was cancelled before this member started."
        : $"Reached the final time t = {Require.Format(_finalTimes[member / _membersPerRecord])}.";

    /// <summary>
    /// What member <paramref name="member"/>'s field or event function threw (status <see cref="SolveStatus.UserCodeFailed"/>;
    /// its time and state are where the last accepted step ended), or null.
    /// </summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>The exception, or null.</returns>
    public Exception? Exception(int member) => _exceptions.TryGetValue(Check(member), out var exception) ? exception : null;

    /// <summary>
    /// Member <paramref name="member"/>'s located events in time order (from <see cref="SaveAt.StartTime"/> on when set),
    /// kept for every save mode, <see cref="SaveAt.End"/> included, so event times and states need no stored paths.
    /// Empty when the solver options have no events or the member was not run.
    /// </summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>The events.</returns>
    public IReadOnlyList<EventOccurrence> Events(int member) => _events?[Check(member)] ?? [];

    /// <summary>Member <paramref name="member"/>'s work.</summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>Its statistics.</returns>
    public SolverStatistics Statistics(int member) => _statistics[Check(member) / _membersPerRecord];

    /// <summary>The time member <paramref name="member"/> reached (its final time on success).</summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>The time.</returns>
    public double FinalTime(int member) => _finalTimes[Check(member) / _membersPerRecord];

    /// <summary>Member <paramref name="member"/>'s state at <see cref="FinalTime"/>.</summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>A read-only view of the state.</returns>
    public ReadOnlySpan<double> FinalState(int member) => _finalStates.AsSpan(Check(member) * Dimension, Dimension);

    /// <summary>Member <paramref name="member"/>'s state at <c>SavedTimes[index]</c> (NaN where it failed before that time).</summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <param name="index">0 … <see cref="SavedTimes"/>.Length − 1.</param>
    /// <returns>A read-only view of the state.</returns>
    public ReadOnlySpan<double> SavedState(int member, int index)
    {
        Check(member);
        if ((uint)index >= (uint)_savedTimes.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in [0, {_savedTimes.Length - 1}], but was {index}.");
        return _savedStates.AsSpan((member * _savedTimes.Length + index) * Dimension, Dimension);
    }

    /// <summary>Member <paramref name="member"/>'s whole solution (only when the solver options saved every step or dense output).</summary>
    /// <param name="member">0 … <see cref="Count"/> − 1.</param>
    /// <returns>The solution, or null for a member that was not run.</returns>
    public Solution? Solution(int member) => (_solutions ?? throw new InvalidOperationException(
        "Whole solutions are kept only when EnsembleOptions.Solver.SaveAt is SaveAt.EveryStep or SaveAt.Dense."))[Check(member)];

    private int Check(int member) => (uint)member < (uint)Count ? member
        : throw new ArgumentOutOfRangeException(nameof(member), member, $"member must lie in [0, {Count - 1}], but was {member}.");
}
