namespace Dynamics.Solvers.Events;

/// <summary>One located event.</summary>
/// <param name="Name">The event's name.</param>
/// <param name="EventIndex">The event's index in <see cref="SolverOptions.Events"/>.</param>
/// <param name="Time">The located time.</param>
/// <param name="State">The state at that time (before any state change).</param>
/// <param name="StateAfter">The state after a <see cref="EventAction.ChangeState"/> event; otherwise the same as <paramref name="State"/>.</param>
/// <param name="Direction">The direction of the crossing: <see cref="EventDirection.Rising"/> or <see cref="EventDirection.Falling"/>.</param>
/// <param name="Action">What the event did.</param>
public sealed record EventOccurrence(string Name, int EventIndex, double Time, double[] State, double[] StateAfter, EventDirection Direction, EventAction Action);
