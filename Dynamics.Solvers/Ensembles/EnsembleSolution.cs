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
public sealed class EnsembleSolution
{
    private readonly double[] _finalTimes, _finalStates, _savedTimes, _savedStates;
    private readonly SolveStatus[] _statuses;
    private readonly SolverStatistics[] _statistics;
    private readonly ConcurrentDictionary<int, string> _messages;
    private readonly ConcurrentDictionary<int, Exception> _exceptions;
    private readonly Solution?[]? _solutions;
    private readonly EventOccurrence[]?[]? _events;
    private readonly int _membersPerRecord;

    // membersPerRecord consecutive members share one entry of finalTimes and statistics: 1 when each member has its
    // own; a lockstep batch's members share its time and work, so one entry per batch spares a solve two member-sized
    // arrays (5.6 MB for 100,000 members, first touched page by page) and a serial pass to fill them.
    internal EnsembleSolution(int dimension, double[] finalTimes, double[] finalStates, SolveStatus[] statuses, SolverStatistics[] statistics,
        ConcurrentDictionary<int, string> messages, ConcurrentDictionary<int, Exception> exceptions, double[] savedTimes, double[] savedStates,
        Solution?[]? solutions, EventOccurrence[]?[]? events, int membersPerRecord = 1)
    {
        _membersPerRecord = membersPerRecord;
        _exceptions = exceptions;
        _events = events;
        Dimension = dimension;
        _finalTimes = finalTimes;
        _finalStates = finalStates;
        _statuses = statuses;
        _statistics = statistics;
        _messages = messages;
        _savedTimes = savedTimes;
        _savedStates = savedStates;
        _solutions = solutions;
        long evaluations = 0, accepted = 0, rejected = 0;
        for (int r = 0; r < statistics.Length; r++)
        {
            var s = statistics[r];
            long members = Math.Min(membersPerRecord, statuses.Length - (long)r * membersPerRecord);
            evaluations += members * s.RhsEvaluations;
            accepted += members * s.AcceptedSteps;
            rejected += members * s.RejectedSteps;
        }

        TotalStatistics = new SolverStatistics(evaluations, accepted, rejected);
        foreach (var status in statuses)
        {
            if (status is SolveStatus.Success or SolveStatus.StoppedByEvent) SucceededCount++;
            else if (status is SolveStatus.Cancelled) CancelledCount++;
        }
    }

    /// <summary>The number of members.</summary>
    public int Count => _statuses.Length;

    /// <summary>The member dimension n.</summary>
    public int Dimension { get; }

    /// <summary>The work of all members together.</summary>
    public SolverStatistics TotalStatistics { get; }

    /// <summary>Members that reached their final time or were stopped by an event.</summary>
    public int SucceededCount { get; }

    /// <summary>Members not run because the ensemble was cancelled.</summary>
    public int CancelledCount { get; }

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
