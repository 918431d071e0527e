namespace Dynamics.Fields;

/// <summary>What theory says about an <see cref="Invariant"/> along solutions.</summary>
public enum InvariantKind
{
    /// <summary>Constant along every solution (a first integral). Time-dependent laws such as J(t) = J₀e^{−rt} are written as the conserved J·e^{rt}.</summary>
    Conserved,

    /// <summary>Never increases (a Lyapunov function).</summary>
    NonIncreasing,

    /// <summary>Never decreases.</summary>
    NonDecreasing,
}
