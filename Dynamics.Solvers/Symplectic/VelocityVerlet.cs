namespace Dynamics.Solvers.Symplectic;

/// <summary>
/// Störmer–Verlet in velocity form (Verlet 1967; Hairer, Lubich &amp; Wanner, GNI I.3): order 2, one force evaluation
/// per step, symplectic and time-reversible for λ = 0, so the energy error stays bounded (O(h²)) over exponentially
/// long times instead of drifting. With friction it is the leapfrog of Su's momentum SGD
/// (see <see cref="SymplecticComposition"/>).
/// </summary>
public sealed class VelocityVerlet : SymplecticComposition
{
    /// <summary>Creates the method.</summary>
    public VelocityVerlet() : base("Velocity Verlet", 2, [1.0]) { }
}
