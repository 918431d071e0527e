using Dynamics.Solvers.Events;

namespace Dynamics.Solvers.Ensembles;

/// <summary>How <see cref="EnsembleRunner"/> saw a member end; the views are valid only during the sink call.</summary>
internal readonly ref struct EnsembleMemberEnd(double time, ReadOnlySpan<double> state, SolveStatus status, string message,
    SolverStatistics statistics, ReadOnlySpan<EventOccurrence> events, Exception? exception, Solution? solution)
{
    public double Time { get; } = time;

    public ReadOnlySpan<double> State { get; } = state;

    public SolveStatus Status { get; } = status;

    public string Message { get; } = message;

    public SolverStatistics Statistics { get; } = statistics;

    /// <summary>The located events from <see cref="SaveAt.StartTime"/> on.</summary>
    public ReadOnlySpan<EventOccurrence> Events { get; } = events;

    public Exception? Exception { get; } = exception;

    /// <summary>The recorded solution when the save mode keeps more than final states (null when the member could not start).</summary>
    public Solution? Solution { get; } = solution;

    public EnsembleMemberOutcome ToOutcome() => new(Time, State, Status, Statistics, Events, Exception);
}
