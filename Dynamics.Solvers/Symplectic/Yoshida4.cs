namespace Dynamics.Solvers.Symplectic;

/// <summary>
/// Yoshida's fourth-order triple jump (Yoshida, Phys. Lett. A 150, 1990; Hairer, Lubich &amp; Wanner, GNI II.4): three
/// Verlet substeps with weights w₁, w₀, w₁, w₁ = 1/(2 − 2^{1/3}), w₀ = −2^{1/3}/(2 − 2^{1/3}); symmetric and, for
/// λ = 0, symplectic; three force evaluations per step.
/// </summary>
public sealed class Yoshida4 : SymplecticComposition
{
    private static readonly double W1 = 1 / (2 - Math.Cbrt(2));
    private static readonly double W0 = 1 - 2 * W1;

    /// <summary>Creates the method.</summary>
    public Yoshida4() : base("Yoshida 4 (triple jump)", 4, [W1, W0, W1]) { }
}
