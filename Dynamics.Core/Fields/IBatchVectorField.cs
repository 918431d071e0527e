namespace Dynamics.Fields;

/// <summary>
/// A vector field evaluated for many members at once, stored component-major (structure of arrays):
/// component j of member m lives at <c>y[j * count + m]</c>, so one component of consecutive members is contiguous
/// and a kernel can load them into SIMD lanes.
/// </summary>
public interface IBatchVectorField
{
    /// <summary>The dimension n of one member's state.</summary>
    int Dimension { get; }

    /// <summary>Writes f(t, y_m) for every member m into <paramref name="dydt"/> (same layout as <paramref name="y"/>).</summary>
    /// <param name="t">The time, shared by all members.</param>
    /// <param name="y">The states, length <see cref="Dimension"/> × <paramref name="count"/>, component-major.</param>
    /// <param name="dydt">Receives the derivatives, same length and layout as <paramref name="y"/>.</param>
    /// <param name="count">The number of members.</param>
    void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt, int count);
}
