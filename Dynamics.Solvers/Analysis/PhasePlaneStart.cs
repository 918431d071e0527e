namespace Dynamics.Solvers.Analysis;

/// <summary>A trajectory a phase-plane analysis traces: its start and how long it runs forwards and backwards.</summary>
/// <param name="State">The full start state (length n).</param>
/// <param name="Forward">The time traced forwards, ≥ 0.</param>
/// <param name="Backward">The time traced backwards, ≥ 0 (not both 0).</param>
public readonly record struct PhasePlaneStart(double[] State, double Forward, double Backward);
