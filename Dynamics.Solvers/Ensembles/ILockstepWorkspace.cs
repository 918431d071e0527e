namespace Dynamics.Solvers.Ensembles;

/// <summary>A worker's reusable buffers for lockstep batches: advances members first … first + size − 1 of the ensemble in place.</summary>
internal interface ILockstepWorkspace
{
    LockstepBatchResult Run(double[] states, int count, int first, int size, SolveStatus[] memberStatus);
}
