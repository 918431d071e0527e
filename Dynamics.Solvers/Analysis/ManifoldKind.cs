namespace Dynamics.Solvers.Analysis;

/// <summary>Which invariant manifold of a saddle a separatrix traces.</summary>
public enum ManifoldKind
{
    /// <summary>The stable manifold: the states that flow into the saddle (traced backwards in time).</summary>
    Stable,

    /// <summary>The unstable manifold: the states that flow out of the saddle (traced forwards in time).</summary>
    Unstable,
}
