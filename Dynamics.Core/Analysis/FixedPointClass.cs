namespace Dynamics.Analysis;

/// <summary>
/// The type of an equilibrium from the eigenvalues λ of its Jacobian (Strogatz, "Nonlinear Dynamics and Chaos", §5.2
/// and §6.3). Hyperbolic classes (no eigenvalue on the imaginary axis) are decided by the linearisation
/// (Hartman–Grobman); <see cref="Centre"/> and <see cref="Degenerate"/> are not, and the nonlinear terms may change them.
/// </summary>
public enum FixedPointClass
{
    /// <summary>All Re λ &lt; 0 and all λ real: trajectories approach without turning.</summary>
    StableNode,

    /// <summary>All Re λ &lt; 0 and some λ complex: trajectories spiral in (a stable focus).</summary>
    StableSpiral,

    /// <summary>All Re λ &gt; 0 and all λ real.</summary>
    UnstableNode,

    /// <summary>All Re λ &gt; 0 and some λ complex: trajectories spiral out (an unstable focus).</summary>
    UnstableSpiral,

    /// <summary>Real parts of both signs, all λ real: stable and unstable manifolds cross here.</summary>
    Saddle,

    /// <summary>Real parts of both signs and some λ complex (three or more dimensions, e.g. Lorenz's C±).</summary>
    SaddleFocus,

    /// <summary>Every λ purely imaginary and non-zero: closed orbits around it in the linearisation (a linear centre).</summary>
    Centre,

    /// <summary>Non-hyperbolic otherwise: some λ = 0 (e.g. a line of equilibria or a saddle-node), or Re λ = 0 mixed with others.</summary>
    Degenerate,
}
