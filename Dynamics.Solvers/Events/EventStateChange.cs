namespace Dynamics.Solvers.Events;

/// <summary>Changes the state in place at an event, e.g. reverses a bouncing ball's velocity.</summary>
/// <param name="t">The event time.</param>
/// <param name="y">The state at the event; modify it in place.</param>
public delegate void EventStateChange(double t, Span<double> y);
