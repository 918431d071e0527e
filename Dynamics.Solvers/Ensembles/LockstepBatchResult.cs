namespace Dynamics.Solvers.Ensembles;

/// <summary>How one batch of a lockstep solve ended. Its members share its steps, so they share its time and work.</summary>
/// <param name="FirstMember">The ensemble index of the batch's first member.</param>
/// <param name="Count">The number of members in the batch.</param>
/// <param name="Status">How the batch ended.</param>
/// <param name="Message">A sentence explaining <paramref name="Status"/>.</param>
/// <param name="FinalTime">The time the batch reached.</param>
/// <param name="Statistics">Steps and batch evaluations of f (each evaluates every member of the batch once).</param>
internal readonly record struct LockstepBatchResult(int FirstMember, int Count, SolveStatus Status, string Message, double FinalTime, SolverStatistics Statistics)
{
    /// <summary>What the field (or observer) threw when <see cref="Status"/> is <see cref="SolveStatus.UserCodeFailed"/>; otherwise null.</summary>
    public Exception? Exception { get; init; }
}
