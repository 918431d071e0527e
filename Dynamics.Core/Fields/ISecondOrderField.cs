namespace Dynamics.Fields;

/// <summary>
/// A second-order system q̈ = F(t, q) − λq̇ with linear friction λ ≥ 0, written as the first-order field on
/// y = (q, v): <see cref="IVectorField.Evaluate"/> must return (v, F(t, q) − λv). The position-dependent force is
/// exposed separately so splitting integrators (Störmer–Verlet, Yoshida) can kick and drift; with λ = 0 and
/// F = −∇V this is the separable Hamiltonian H = ½‖p‖² + V(q) (Hairer, Lubich &amp; Wanner, "Geometric Numerical
/// Integration", I.1.4).
/// </summary>
public interface ISecondOrderField : IVectorField
{
    /// <summary>The linear friction coefficient λ ≥ 0 (0 for a conservative system).</summary>
    double Friction { get; }

    /// <summary>
    /// Writes the force per unit mass F(t, q) into <paramref name="acceleration"/>; its length is half of
    /// <see cref="IVectorField.Dimension"/>.
    /// </summary>
    /// <param name="t">The time.</param>
    /// <param name="position">The position q.</param>
    /// <param name="acceleration">Receives F(t, q).</param>
    void Acceleration(double t, ReadOnlySpan<double> position, Span<double> acceleration);
}
