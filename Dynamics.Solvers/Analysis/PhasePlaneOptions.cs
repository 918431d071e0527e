using Dynamics.Analysis;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// What <see cref="PhasePlane"/> computes in a window of a phase plane. By default: nullclines, the
/// fixed points of a planar field (found by Newton's method from a grid) and the separatrices of its saddles; no
/// direction field, streamlines or trajectories.
/// </summary>
public sealed record PhasePlaneOptions
{
    /// <summary>The default options.</summary>
    public static PhasePlaneOptions Default { get; } = new();

    /// <summary>
    /// Direction-field samples per axis, at the centres of a grid of equal cells (so none sits on the frame); 0 for none
    /// (the default).
    /// </summary>
    public int DirectionFieldSamples { get; init; }

    /// <summary>The separation of streamlines relative to the window (e.g. 0.035); 0 for none (the default).</summary>
    public double StreamlineSeparation { get; init; }

    /// <summary>Whether to find the nullclines (default true), on a 201 × 201 grid.</summary>
    public bool Nullclines { get; init; } = true;

    /// <summary>
    /// Whether to search for fixed points: null (the default) searches in a planar field only; a slice of a larger
    /// field has no equilibria of its own, so there they are given by <see cref="FixedPoints"/>.
    /// </summary>
    public bool? SearchFixedPoints { get; init; }

    /// <summary>Known fixed points to use instead of a search (default none).</summary>
    public IReadOnlyList<FixedPoint>? FixedPoints { get; init; }

    /// <summary>Whether to trace the separatrices of the saddles in the window (default true).</summary>
    public bool Separatrices { get; init; } = true;

    /// <summary>How long each separatrix branch is traced (default 40).</summary>
    public double SeparatrixDuration { get; init; } = 40;

    /// <summary>The trajectories to trace (default none), each stopped shortly after it leaves the window.</summary>
    public IReadOnlyList<PhasePlaneStart> Starts { get; init; } = [];

    /// <summary>Full states from which to look for limit cycles by Poincaré returns (default none).</summary>
    public IReadOnlyList<double[]> LimitCycleStarts { get; init; } = [];

    /// <summary>Paths computed elsewhere, passed through after the traced trajectories (default none).</summary>
    public IReadOnlyList<Trajectory> Paths { get; init; } = [];

    /// <summary>A basin map computed elsewhere, passed through (default none).</summary>
    public BasinMap? Basins { get; init; }

    /// <summary>The tolerance of the trajectories traced (default 1e-9, relative and absolute).</summary>
    public double Tolerance { get; init; } = 1e-9;
}
