namespace Dynamics.Analysis;

/// <summary>How <see cref="FixedPoints"/> searches a box for equilibria. Every property has a working default.</summary>
public sealed record FixedPointOptions
{
    /// <summary>The default options.</summary>
    public static FixedPointOptions Default { get; } = new();

    /// <summary>
    /// Newton seeds per axis (at least 1); the seeds form a grid of this many points per axis over the box, cell-centred.
    /// Null chooses min(16, ⌊4096^{1/n}⌋), i.e. 16 × 16 seeds in the plane and 4096 in any dimension up to 3.
    /// </summary>
    public int? SeedsPerAxis { get; init; }

    /// <summary>The most Newton iterations per seed (default 100, enough for the linear convergence at a degenerate root).</summary>
    public int MaxIterations { get; init; } = 100;

    /// <summary>Newton stops when the step is at most this times (1 + ‖y‖∞) (default 1e-12).</summary>
    public double StepTolerance { get; init; } = 1e-12;

    /// <summary>A converged point is accepted when ‖f‖∞ is at most this (default 1e-9, in the field's units).</summary>
    public double ResidualTolerance { get; init; } = 1e-9;

    /// <summary>Two points closer than this fraction of the box diagonal are the same equilibrium (default 1e-6).</summary>
    public double DuplicateDistance { get; init; } = 1e-6;

    /// <summary>The relative zero threshold of <see cref="FixedPoint.Classify"/> (default <see cref="FixedPoint.DefaultClassificationTolerance"/>).</summary>
    public double ClassificationTolerance { get; init; } = FixedPoint.DefaultClassificationTolerance;

    /// <summary>The time at which a non-autonomous field is frozen (default 0).</summary>
    public double Time { get; init; }
}
