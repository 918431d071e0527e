using Dynamics.Analysis;
using Dynamics.Solvers.Analysis;

namespace Dynamics.Plotting.Figures;

/// <summary>
/// Everything a <see cref="PhasePortrait"/> drew, as numbers: computed by Dynamics.Core and Dynamics.Solvers, so an
/// experiment can check the figure's content (the classified fixed points, the period of the cycle drawn) against
/// theory.
/// </summary>
/// <param name="Slice">The plane drawn.</param>
/// <param name="XRange">The horizontal range.</param>
/// <param name="YRange">The vertical range.</param>
/// <param name="Field">The direction-field samples, when arrows were drawn.</param>
/// <param name="Streamlines">The streamlines, when drawn (otherwise empty).</param>
/// <param name="Nullclines">The nullclines, when drawn.</param>
/// <param name="FixedPoints">The equilibria marked.</param>
/// <param name="Separatrices">The separatrices of the saddles among them.</param>
/// <param name="LimitCycles">The limit-cycle searches (only converged ones are drawn).</param>
/// <param name="Trajectories">The trajectories traced from the given starts, then the paths added as they were.</param>
/// <param name="Basins">The basin map painted underneath, if any.</param>
public sealed record PhasePortraitData(
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
    BasinMap? Basins);
