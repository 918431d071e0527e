using Dynamics.Analysis;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// What <see cref="PhasePlane"/> found in a window of a phase plane, as plain numbers: what a phase
/// portrait draws, and what an experiment checks against theory (the classified fixed points, the period of a cycle).
/// </summary>
/// <param name="Slice">The plane.</param>
/// <param name="XRange">The horizontal range.</param>
/// <param name="YRange">The vertical range.</param>
/// <param name="Field">The direction-field samples, when asked for.</param>
/// <param name="Streamlines">The streamlines, when asked for (otherwise empty).</param>
/// <param name="Nullclines">The nullclines, when asked for.</param>
/// <param name="FixedPoints">The equilibria, found or given.</param>
/// <param name="Separatrices">The separatrices of the saddles among them that lie in the window.</param>
/// <param name="LimitCycles">The limit-cycle searches, converged or not.</param>
/// <param name="Trajectories">The trajectories traced from the starts, in order, then the given paths.</param>
/// <param name="Basins">The basin map passed through, if any.</param>
public sealed record PhasePlaneAnalysis(
    PlaneSlice Slice,
    Interval XRange,
    Interval YRange,
    FieldSamples? Field,
    IReadOnlyList<Polyline> Streamlines,
    Nullclines? Nullclines,
    IReadOnlyList<FixedPoint> FixedPoints,
    IReadOnlyList<Separatrix> Separatrices,
    IReadOnlyList<LimitCycle> LimitCycles,
    IReadOnlyList<Trajectory> Trajectories,
    BasinMap? Basins)
{
    /// <summary>Whether a fixed point lies inside the window (the ones whose separatrices are traced).</summary>
    /// <param name="point">The fixed point.</param>
    /// <returns>True when its projection lies in XRange × YRange.</returns>
    public bool InWindow(FixedPoint point)
    {
        ArgumentNullException.ThrowIfNull(point);
        return PhasePlane.InWindow(Slice, XRange, YRange, point);
    }
}
