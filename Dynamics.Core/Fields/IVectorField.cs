namespace Dynamics.Fields;

/// <summary>
/// A vector field dy/dt = f(t, y) on ℝⁿ: the one contract every model and solver in Dynamics shares.
/// </summary>
/// <remarks>
/// Implementations must not allocate in <see cref="Evaluate"/> and must not keep the spans they are given.
/// Solvers are generic over the field type, so a field written as a struct is devirtualised and inlined.
/// </remarks>
public interface IVectorField
{
    /// <summary>The dimension n of the state y.</summary>
    int Dimension { get; }

    /// <summary>Writes f(t, y) into <paramref name="dydt"/>; both spans have length <see cref="Dimension"/>.</summary>
    /// <param name="t">The time.</param>
    /// <param name="y">The state.</param>
    /// <param name="dydt">Receives the time derivative of the state.</param>
    void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt);
}
