using Dynamics.Validation;

namespace Dynamics.Solvers.Ensembles;

/// <summary>The ways a lockstep batch ends, worded once for both lockstep workspaces.</summary>
internal static class LockstepOutcome
{
    public static LockstepBatchResult Success(int first, int size, double t, SolverStatistics statistics) =>
        new(first, size, SolveStatus.Success, "Reached the final time.", t, statistics);

    public static LockstepBatchResult MaxStepsReached(int first, int size, double t, int maxSteps, SolverStatistics statistics) =>
        new(first, size, SolveStatus.MaxStepsReached, $"Reached MaxSteps = {maxSteps} step attempts at t = {Require.Format(t)}.", t, statistics);

    public static LockstepBatchResult Cancelled(int first, int size, double t, SolverStatistics statistics) =>
        new(first, size, SolveStatus.Cancelled, $"The ensemble was cancelled at t = {Require.Format(t)}.", t, statistics);

    public static LockstepBatchResult UserCodeFailed(int first, int size, double startTime, Exception exception) =>
        new(first, size, SolveStatus.UserCodeFailed,
            $"The field threw {exception.GetType().Name} while this batch was being solved (from t = {Require.Format(startTime)}): {exception.Message} The batch's states are NaN.",
            double.NaN, default)
        { Exception = exception };

    public static LockstepBatchResult NotStarted(int first, int size, double t) =>
        new(first, size, SolveStatus.Cancelled, "The ensemble was cancelled before this batch started.", t, default);
}
