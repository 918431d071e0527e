namespace Dynamics.Solvers;

/// <summary>The kinds of <see cref="SaveAt"/>.</summary>
public enum SaveMode
{
    /// <summary>Only the final state.</summary>
    End,

    /// <summary>The initial state and every accepted step.</summary>
    EveryStep,

    /// <summary>Every step and the interpolant of every step.</summary>
    Dense,

    /// <summary>Given times, by interpolation.</summary>
    Times,
}
