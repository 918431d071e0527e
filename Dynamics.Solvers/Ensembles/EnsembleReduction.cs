namespace Dynamics.Solvers.Ensembles;

/// <summary>The result of <see cref="Ensemble.Reduce{TField, TAccumulator}"/>: the reduced value and a summary of how the members ended.</summary>
/// <typeparam name="TAccumulator">The reduced value's type.</typeparam>
/// <param name="Value">The combination of every member that was run (failed members included, with their status).</param>
/// <param name="SucceededCount">Members that reached their final time or were stopped by an event.</param>
/// <param name="FailedCount">Members that failed numerically.</param>
/// <param name="CancelledCount">Members not run because the ensemble was cancelled.</param>
/// <param name="TotalStatistics">The work of all members together.</param>
public sealed record EnsembleReduction<TAccumulator>(TAccumulator Value, int SucceededCount, int FailedCount, int CancelledCount, SolverStatistics TotalStatistics);
