namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// A worker's reusable buffers for lockstep batches: advances members first … first + size − 1 of the ensemble from
/// <c>initial</c> and writes where they ended into <c>final</c>. Both are member-major (component j of member m at
/// m·n + j, the ensemble's own order) and may be the same array: a workspace transposes its batch into its own
/// batch-sized buffers, which stay in cache, so the ensemble is never copied as a whole.
/// </summary>
internal interface ILockstepWorkspace
{
    LockstepBatchResult Run(double[] initial, double[] final, int first, int size, SolveStatus[] memberStatus);
}
