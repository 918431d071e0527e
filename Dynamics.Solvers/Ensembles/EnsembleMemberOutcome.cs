using Dynamics.Solvers.Events;

namespace Dynamics.Solvers.Ensembles;

/// <summary>How one member of an ensemble ended; the state and event views are valid only during the call that receives it.</summary>
/// <param name="FinalTime">The time the member reached.</param>
/// <param name="FinalState">The state there.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Statistics">Its work.</param>
public readonly ref struct EnsembleMemberOutcome(double FinalTime, ReadOnlySpan<double> FinalState, SolveStatus Status, SolverStatistics Statistics)
{
    /// <summary>An outcome with the member's events and, for <see cref="SolveStatus.UserCodeFailed"/>, the exception.</summary>
    /// <param name="finalTime">The time the member reached.</param>
    /// <param name="finalState">The state there.</param>
    /// <param name="status">How it ended.</param>
    /// <param name="statistics">Its work.</param>
    /// <param name="events">Its located events in time order (from <see cref="SaveAt.StartTime"/> on when set).</param>
    /// <param name="exception">What its field or event function threw, or null.</param>
    public EnsembleMemberOutcome(double finalTime, ReadOnlySpan<double> finalState, SolveStatus status, SolverStatistics statistics,
        ReadOnlySpan<EventOccurrence> events, Exception? exception)
        : this(finalTime, finalState, status, statistics)
    {
        Events = events;
        Exception = exception;
    }

    /// <summary>The time the member reached.</summary>
    public double FinalTime { get; } = FinalTime;

    /// <summary>The state at <see cref="FinalTime"/>.</summary>
    public ReadOnlySpan<double> FinalState { get; } = FinalState;

    /// <summary>How the member ended.</summary>
    public SolveStatus Status { get; } = Status;

    /// <summary>The member's work.</summary>
    public SolverStatistics Statistics { get; } = Statistics;

    /// <summary>
    /// The member's located events in time order (from <see cref="SaveAt.StartTime"/> on when set), e.g. to histogram
    /// return times or count crossings without keeping any path; empty when the solver options have no events.
    /// </summary>
    public ReadOnlySpan<EventOccurrence> Events { get; }

    /// <summary>What the member's field or event function threw (<see cref="SolveStatus.UserCodeFailed"/>), or null.</summary>
    public Exception? Exception { get; }
}
