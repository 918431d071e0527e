namespace Dynamics.Fields;

/// <summary>An invariant measured along a trajectory.</summary>
/// <param name="Invariant">What was measured.</param>
/// <param name="Times">The times.</param>
/// <param name="Values">The invariant's value at each time.</param>
/// <param name="Violation">
/// How far the trajectory departs from the law: the largest |I(t) − I(t₀)| for a conserved quantity, the largest step
/// against the monotone direction otherwise (0 when the law holds exactly).
/// </param>
public sealed record InvariantDrift(Invariant Invariant, IReadOnlyList<double> Times, IReadOnlyList<double> Values, double Violation);
