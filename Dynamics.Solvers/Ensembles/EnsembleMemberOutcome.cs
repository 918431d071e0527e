namespace Dynamics.Solvers.Ensembles;

/// <summary>How one member of an ensemble ended; the state view is valid only during the call that receives it.</summary>
/// <param name="FinalTime">The time the member reached.</param>
/// <param name="FinalState">The state there.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Statistics">Its work.</param>
public readonly ref struct EnsembleMemberOutcome(double FinalTime, ReadOnlySpan<double> FinalState, SolveStatus Status, SolverStatistics Statistics)
{
    /// <summary>The time the member reached.</summary>
    public double FinalTime { get; } = FinalTime;

    /// <summary>The state at <see cref="FinalTime"/>.</summary>
    public ReadOnlySpan<double> FinalState { get; } = FinalState;

    /// <summary>How the member ended.</summary>
    public SolveStatus Status { get; } = Status;

    /// <summary>The member's work.</summary>
    public SolverStatistics Statistics { get; } = Statistics;
}
