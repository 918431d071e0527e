namespace Dynamics.Solvers.Events;

/// <summary>An event function g(t, y); an event happens where g changes sign.</summary>
/// <param name="t">The time.</param>
/// <param name="y">The state.</param>
/// <returns>g(t, y).</returns>
public delegate double EventCondition(double t, ReadOnlySpan<double> y);
