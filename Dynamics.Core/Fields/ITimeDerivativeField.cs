namespace Dynamics.Fields;

/// <summary>
/// A vector field that knows its explicit time derivative ∂f/∂t. Rosenbrock methods need it for non-autonomous
/// problems (Hairer &amp; Wanner II, eq. IV.7.4a); without it they difference f in t, which costs one evaluation per step.
/// An autonomous field writes zeros.
/// </summary>
public interface ITimeDerivativeField : IVectorField
{
    /// <summary>Writes ∂f/∂t at (t, y).</summary>
    /// <param name="t">The time.</param>
    /// <param name="y">The state.</param>
    /// <param name="derivative">Receives ∂f/∂t, length n.</param>
    void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative);
}
