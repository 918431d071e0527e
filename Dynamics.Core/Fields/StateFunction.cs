namespace Dynamics.Fields;

/// <summary>A scalar function of time and state, such as an energy, a conserved quantity or a Lyapunov function.</summary>
/// <param name="t">The time.</param>
/// <param name="y">The state.</param>
/// <returns>The value.</returns>
public delegate double StateFunction(double t, ReadOnlySpan<double> y);
