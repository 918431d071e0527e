using Dynamics.Analysis;
using Dynamics.Fields;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// Measures invariants along computed solutions: how far a conserved quantity drifts, or how much a Lyapunov function
/// ever increases (see <see cref="Invariant.Measure"/>). A model declares its invariants by implementing
/// <see cref="IHasInvariants"/>.
/// </summary>
public static class InvariantMonitor
{
    /// <summary>Measures one invariant over the recorded states of a solution.</summary>
    /// <param name="solution">The solution.</param>
    /// <param name="invariant">The invariant.</param>
    /// <returns>Its values and violation.</returns>
    public static InvariantDrift Measure(Solution solution, Invariant invariant)
    {
        ArgumentNullException.ThrowIfNull(solution);
        ArgumentNullException.ThrowIfNull(invariant);
        return invariant.Measure(solution.Times, solution.States, solution.Dimension);
    }

    /// <summary>Measures one invariant along a trajectory.</summary>
    /// <param name="trajectory">The trajectory.</param>
    /// <param name="invariant">The invariant.</param>
    /// <returns>Its values and violation.</returns>
    public static InvariantDrift Measure(Trajectory trajectory, Invariant invariant)
    {
        ArgumentNullException.ThrowIfNull(trajectory);
        ArgumentNullException.ThrowIfNull(invariant);
        return invariant.Measure(trajectory.Times, trajectory.States, trajectory.Dimension);
    }

    /// <summary>Measures every invariant a model declares over a solution.</summary>
    /// <param name="solution">The solution.</param>
    /// <param name="model">The model.</param>
    /// <returns>One drift per invariant, in the model's order.</returns>
    public static IReadOnlyList<InvariantDrift> Measure(Solution solution, IHasInvariants model)
    {
        ArgumentNullException.ThrowIfNull(model);
        return [.. model.Invariants.Select(invariant => Measure(solution, invariant))];
    }
}
