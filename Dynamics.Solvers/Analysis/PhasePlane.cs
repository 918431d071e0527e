using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Validation;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// The analysis behind a phase portrait (in the manner of Strogatz's figures and pplane): direction-field samples or
/// streamlines, nullclines, fixed points with their class, the separatrices of the saddles, limit cycles and
/// trajectories, all in one window of a plane, as plain data for a figure to draw.
/// </summary>
public static class PhasePlane
{
    private const int NullclineResolution = 201;

    /// <summary>Analyses the plane of a planar field.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">A field of dimension 2.</param>
    /// <param name="xRange">The horizontal range.</param>
    /// <param name="yRange">The vertical range.</param>
    /// <param name="options">What to compute (default <see cref="PhasePlaneOptions.Default"/>).</param>
    /// <returns>The analysis.</returns>
    public static PhasePlaneAnalysis Analyse<TField>(TField field, Interval xRange, Interval yRange, PhasePlaneOptions? options = null)
        where TField : IVectorField => Analyse(field, PlaneSlice.Of(field), xRange, yRange, options);

    /// <summary>Analyses a plane through the state space of a field.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="slice">The plane: two components and the values the others are held at.</param>
    /// <param name="xRange">The horizontal range.</param>
    /// <param name="yRange">The vertical range.</param>
    /// <param name="options">What to compute (default <see cref="PhasePlaneOptions.Default"/>).</param>
    /// <returns>The analysis.</returns>
    public static PhasePlaneAnalysis Analyse<TField>(TField field, PlaneSlice slice, Interval xRange, Interval yRange, PhasePlaneOptions? options = null)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(slice);
        slice.Validate(field, nameof(field));
        xRange.Validate(nameof(xRange));
        yRange.Validate(nameof(yRange));
        options ??= PhasePlaneOptions.Default;
        Validate(options, slice.Dimension);

        FieldSamples? samples = null;
        if (options.DirectionFieldSamples > 0)
        {
            int count = options.DirectionFieldSamples;
            double hx = 0.5 * xRange.Width / count, hy = 0.5 * yRange.Width / count;
            var cells = new PlaneGrid((xRange.Min + hx, xRange.Max - hx), (yRange.Min + hy, yRange.Max - hy), count, count);
            samples = FieldSamples.Sample(field, slice, cells);
        }

        IReadOnlyList<Polyline> streamlines = options.StreamlineSeparation > 0
            ? Streamlines.Trace(field, slice, xRange, yRange, options.StreamlineSeparation) : [];
        var nullclines = options.Nullclines
            ? Dynamics.Analysis.Nullclines.Find(field, slice, new PlaneGrid(xRange, yRange, NullclineResolution, NullclineResolution)) : null;
        var points = FindFixedPoints(field, slice, xRange, yRange, options);
        var separatrices = new List<Separatrix>();
        if (options.Separatrices)
        {
            var separatrixOptions = new SeparatrixOptions
            {
                Duration = options.SeparatrixDuration,
                XComponent = slice.XComponent,
                YComponent = slice.YComponent,
                XRange = xRange.Expand(0.05),
                YRange = yRange.Expand(0.05),
            };
            foreach (var point in points.Where(p => InWindow(slice, xRange, yRange, p)))
                separatrices.AddRange(Dynamics.Solvers.Analysis.Separatrices.Trace(field, point, separatrixOptions));
        }

        var cycles = options.LimitCycleStarts.Select(start => LimitCycles.Detect(field, start)).ToList();
        var window = WindowExit.Stop(slice.XComponent, xRange.Expand(0.1), slice.YComponent, yRange.Expand(0.1));
        var solverOptions = SolverOptions.WithTolerance(options.Tolerance) with { Events = [window] };
        // Traced in groups of equal durations, each group one batch; the order of the starts is kept.
        var trajectories = new Trajectory[options.Starts.Count];
        foreach (var group in Enumerable.Range(0, options.Starts.Count).GroupBy(i => (options.Starts[i].Forward, options.Starts[i].Backward)))
        {
            var indices = group.ToArray();
            var traced = TrajectoryBatch.TraceBothWays(field, [.. indices.Select(i => options.Starts[i].State)], slice.Time, group.Key.Forward,
                group.Key.Backward, new DormandPrince5(), solverOptions);
            for (int k = 0; k < indices.Length; k++) trajectories[indices[k]] = traced[k];
        }

        return new PhasePlaneAnalysis(slice, xRange, yRange, samples, streamlines, nullclines, points, separatrices, cycles,
            [.. trajectories, .. options.Paths], options.Basins);
    }

    internal static bool InWindow(PlaneSlice slice, Interval xRange, Interval yRange, FixedPoint point) =>
        xRange.Contains(point.Point[slice.XComponent]) && yRange.Contains(point.Point[slice.YComponent]);

    private static IReadOnlyList<FixedPoint> FindFixedPoints<TField>(TField field, PlaneSlice slice, Interval xRange, Interval yRange, PhasePlaneOptions options)
        where TField : IVectorField
    {
        if (options.FixedPoints is not null) return options.FixedPoints;
        bool search = options.SearchFixedPoints ?? slice.Dimension == 2;
        if (!search) return [];
        if (slice.Dimension != 2)
            throw new InvalidOperationException("A slice of a field of more than two dimensions has no equilibria of its own; pass them in PhasePlaneOptions.FixedPoints (WithFixedPoints on a PhasePortrait).");
        return Dynamics.Analysis.FixedPoints.Find(field, xRange, yRange, new FixedPointOptions { Time = slice.Time });
    }

    private static void Validate(PhasePlaneOptions options, int dimension)
    {
        Require.NonNegative(options.DirectionFieldSamples, nameof(options.DirectionFieldSamples));
        if (options.DirectionFieldSamples == 1)
            throw new ArgumentException("DirectionFieldSamples is 1; a direction field needs at least 2 samples per axis (or 0 for none).", nameof(options));
        Require.NonNegative(options.StreamlineSeparation, nameof(options.StreamlineSeparation));
        Require.Positive(options.SeparatrixDuration, nameof(options.SeparatrixDuration));
        Require.Positive(options.Tolerance, nameof(options.Tolerance));
        for (int i = 0; i < options.Starts.Count; i++)
        {
            var start = options.Starts[i];
            string name = $"{nameof(options.Starts)}[{i}]";
            ArgumentNullException.ThrowIfNull(start.State, name);
            Require.Length(start.State.Length, dimension, name);
            Require.AllFinite(start.State, name);
            Require.NonNegative(start.Forward, name + ".Forward");
            Require.NonNegative(start.Backward, name + ".Backward");
            if (start.Forward == 0 && start.Backward == 0) throw new ArgumentException($"{name}: Forward and Backward are both 0: nothing to trace.", nameof(options));
        }

        foreach (var start in options.LimitCycleStarts)
        {
            ArgumentNullException.ThrowIfNull(start, nameof(options.LimitCycleStarts));
            Require.Length(start.Length, dimension, nameof(options.LimitCycleStarts));
        }
    }
}
