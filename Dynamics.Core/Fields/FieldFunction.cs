namespace Dynamics.Fields;

/// <summary>The right-hand side f(t, y) of dy/dt = f(t, y) as a delegate: writes f(t, y) into <paramref name="dydt"/>.</summary>
/// <param name="t">The time.</param>
/// <param name="y">The state.</param>
/// <param name="dydt">Receives the time derivative.</param>
public delegate void FieldFunction(double t, ReadOnlySpan<double> y, Span<double> dydt);
