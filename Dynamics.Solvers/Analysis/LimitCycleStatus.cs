namespace Dynamics.Solvers.Analysis;

/// <summary>How a limit-cycle search ended.</summary>
public enum LimitCycleStatus
{
    /// <summary>Successive returns to the section agreed to the tolerance: a periodic orbit was found.</summary>
    Converged,

    /// <summary>The trajectory kept oscillating but had not settled by the time limit (e.g. it spirals into an equilibrium).</summary>
    NotConverged,

    /// <summary>Fewer than three maxima of the component occurred, or the last swing was rounding noise: the trajectory does not oscillate.</summary>
    NoOscillation,

    /// <summary>The solver failed (see <see cref="LimitCycle.Message"/>); the numbers are those measured before the failure.</summary>
    SolverFailed,
}
