namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// Opt-in per-step output of the lockstep solver: it sees every batch at its start and after every accepted step, so
/// it can save, reduce or plot without the solver storing anything. Batches run on several threads at once, so an
/// observer must be thread-safe (writing to disjoint member ranges is).
/// </summary>
public interface ILockstepObserver
{
    /// <summary>Called with a batch's states at time <paramref name="t"/>.</summary>
    /// <param name="firstMember">The ensemble index of the batch's first member.</param>
    /// <param name="count">The number of members in the batch.</param>
    /// <param name="t">The batch's time.</param>
    /// <param name="states">The batch's states, component-major: component j of member firstMember + m at <c>states[j * count + m]</c>.</param>
    void Observe(int firstMember, int count, double t, ReadOnlySpan<double> states);
}
