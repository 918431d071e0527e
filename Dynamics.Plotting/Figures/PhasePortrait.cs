using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Plotting.Plottables;
using Dynamics.Plotting.Styling;
using Dynamics.Solvers.Analysis;
using Dynamics.Validation;
using ScottPlot;

namespace Dynamics.Plotting.Figures;

/// <summary>
/// A phase portrait with publication defaults: <c>PhasePortrait.Of(new VanDerPol(), (-3, 3), (-4, 4)).SavePng("vdp.png")</c>
/// draws the direction field (arrows longer and darker where the flow is faster, with a colour bar), both nullclines,
/// every equilibrium in the window found by Newton's method and marked by its class, the separatrices of the saddles,
/// a legend outside the data, axis labels and a title from the model's name and parameters. Add trajectories (traced
/// forwards and backwards, with start markers and direction arrows), limit cycles, basins of attraction or streamlines
/// with the fluent methods; a field of more than two dimensions is drawn in a <see cref="PlaneSlice"/>. The fluent
/// methods only fill in <see cref="PhasePlaneOptions"/>: every number is computed by <see cref="PhasePlane"/>
/// and kept in <see cref="Data"/>, and this class only draws it; the picture is built on first use of
/// <see cref="Plot"/>, <see cref="Data"/> or <see cref="SavePng"/>, after which the configuration is fixed.
/// </summary>
public sealed class PhasePortrait
{
    private static readonly Color XNullclineColor = Color.FromHex("#E69F00");
    private static readonly Color YNullclineColor = Color.FromHex("#56B4E9");
    private static readonly Color StableManifoldColor = Color.FromHex("#1F4E79");
    private static readonly Color UnstableManifoldColor = Color.FromHex("#A3222A");
    // Okabe–Ito series without blue (close to the stable manifolds) and orange/sky blue (the nullclines).
    private static readonly int[] TrajectoryPalette = [3, 2, 7, 1, 6, 0];

    private readonly IVectorField _field;
    private readonly PlaneSlice _slice;
    private readonly Interval _x, _y;
    private readonly List<string> _pathLabels = [];
    // What to compute; the portrait only draws it. Arrows (21 per axis) by default.
    private PhasePlaneOptions _options = new() { DirectionFieldSamples = 21 };
    private bool _equalUnits;
    private IReadOnlyList<string>? _basinLabels;
    private string? _title, _xLabel, _yLabel;
    private Alignment? _legendCorner;
    private Plot? _plot;
    private PhasePlaneAnalysis? _data;

    private PhasePortrait(IVectorField field, PlaneSlice slice, Interval xRange, Interval yRange)
    {
        _field = field;
        _slice = slice;
        _x = xRange;
        _y = yRange;
    }

    /// <summary>The portrait of a planar field in [xRange] × [yRange].</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">A field of dimension 2 (an <see cref="IModel"/> labels itself).</param>
    /// <param name="xRange">The horizontal range (first component).</param>
    /// <param name="yRange">The vertical range (second component).</param>
    /// <returns>The builder.</returns>
    public static PhasePortrait Of<TField>(TField field, Interval xRange, Interval yRange) where TField : IVectorField =>
        Of(field, PlaneSlice.Of(field), xRange, yRange);

    /// <summary>The portrait of any field in a plane slice (two components drawn, the others held fixed).</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="slice">The plane; its dimension must match the field's.</param>
    /// <param name="xRange">The range of the slice's horizontal component.</param>
    /// <param name="yRange">The range of the slice's vertical component.</param>
    /// <returns>The builder.</returns>
    public static PhasePortrait Of<TField>(TField field, PlaneSlice slice, Interval xRange, Interval yRange) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(slice);
        slice.Validate(field, nameof(field));
        xRange.Validate(nameof(xRange));
        yRange.Validate(nameof(yRange));
        return new PhasePortrait(field, slice, xRange, yRange);
    }

    /// <summary>The computed content of the figure (built on first access).</summary>
    public PhasePlaneAnalysis Data
    {
        get
        {
            Render();
            return _data!;
        }
    }

    /// <summary>The ScottPlot plot (built on first access), for additions the builder does not cover.</summary>
    public Plot Plot
    {
        get
        {
            Render();
            return _plot!;
        }
    }

    /// <summary>Chooses what shows the field behind the curves (default arrows, 21 per axis).</summary>
    /// <param name="background">Arrows, streamlines or nothing.</param>
    /// <param name="arrowsPerAxis">Arrows per axis for <see cref="FieldBackground.Arrows"/> (5 to 60).</param>
    /// <param name="streamlineSeparation">The spacing of <see cref="FieldBackground.Streamlines"/> as a fraction of the window (0.005 to 0.5).</param>
    /// <returns>This builder.</returns>
    public PhasePortrait Background(FieldBackground background, int arrowsPerAxis = 21, double streamlineSeparation = 0.035)
    {
        Configuring();
        if (arrowsPerAxis is < 5 or > 60)
            throw new ArgumentOutOfRangeException(nameof(arrowsPerAxis), arrowsPerAxis, $"arrowsPerAxis must lie in [5, 60], but was {arrowsPerAxis}.");
        if (!(streamlineSeparation >= 0.005 && streamlineSeparation <= 0.5))
            throw new ArgumentOutOfRangeException(nameof(streamlineSeparation), streamlineSeparation,
                $"streamlineSeparation must lie in [0.005, 0.5], but was {Require.Format(streamlineSeparation)}.");
        _options = _options with
        {
            DirectionFieldSamples = background == FieldBackground.Arrows ? arrowsPerAxis : 0,
            StreamlineSeparation = background == FieldBackground.Streamlines ? streamlineSeparation : 0,
        };
        return this;
    }

    /// <summary>Shows or hides the nullclines (default shown).</summary>
    /// <param name="show">Whether to draw them.</param>
    /// <returns>This builder.</returns>
    public PhasePortrait Nullclines(bool show = true)
    {
        Configuring();
        _options = _options with { Nullclines = show };
        return this;
    }

    /// <summary>Searches the window for equilibria and marks them (default: on for planar fields, off for slices).</summary>
    /// <param name="show">Whether to search and mark.</param>
    /// <returns>This builder.</returns>
    public PhasePortrait FixedPoints(bool show = true)
    {
        Configuring();
        _options = _options with { SearchFixedPoints = show };
        return this;
    }

    /// <summary>Marks these equilibria instead of searching (e.g. found in n dimensions with <see cref="Dynamics.Analysis.FixedPoints"/>).</summary>
    /// <param name="points">The equilibria; those outside the window are not drawn.</param>
    /// <returns>This builder.</returns>
    public PhasePortrait WithFixedPoints(IEnumerable<FixedPoint> points)
    {
        Configuring();
        ArgumentNullException.ThrowIfNull(points);
        _options = _options with { FixedPoints = [.. points], SearchFixedPoints = true };
        return this;
    }

    /// <summary>Shows or hides the separatrices of the saddles (default shown, each branch traced for up to 40 time units).</summary>
    /// <param name="show">Whether to draw them.</param>
    /// <param name="duration">How long each branch is integrated (&gt; 0).</param>
    /// <returns>This builder.</returns>
    public PhasePortrait Separatrices(bool show = true, double duration = 40)
    {
        Configuring();
        Require.Positive(duration, nameof(duration));
        _options = _options with { Separatrices = show, SeparatrixDuration = duration };
        return this;
    }

    /// <summary>
    /// Adds trajectories from the given starts, traced forwards and backwards in time; each stops on leaving the window
    /// (plus 10 %). They are solved in parallel (<see cref="TrajectoryBatch"/>), so a delegate field must be safe to
    /// evaluate from several threads.
    /// </summary>
    /// <param name="starts">Full states, or (x, y) pairs lifted through the slice for fields of more than two dimensions.</param>
    /// <param name="forward">Time to integrate forwards (≥ 0, default 20).</param>
    /// <param name="backward">Time to integrate backwards (≥ 0, default 0).</param>
    /// <returns>This builder.</returns>
    public PhasePortrait Trajectories(IEnumerable<double[]> starts, double forward = 20, double backward = 0)
    {
        Configuring();
        ArgumentNullException.ThrowIfNull(starts);
        Require.NonNegative(forward, nameof(forward));
        Require.NonNegative(backward, nameof(backward));
        if (forward == 0 && backward == 0) throw new ArgumentException("forward and backward are both 0: nothing to trace.", nameof(forward));
        int index = 0;
        var added = new List<PhasePlaneStart>();
        foreach (var start in starts)
        {
            ArgumentNullException.ThrowIfNull(start, $"starts[{index}]");
            var state = start.Length == _slice.Dimension ? (double[])start.Clone()
                : start.Length == 2 ? _slice.Lift(start[0], start[1])
                : throw new ArgumentException($"starts[{index}] has length {start.Length}; give a full state of length {_slice.Dimension} or an (x, y) pair.", nameof(starts));
            Require.AllFinite(state, $"starts[{index}]");
            added.Add(new PhasePlaneStart(state, forward, backward));
            index++;
        }

        _options = _options with { Starts = [.. _options.Starts, .. added] };
        return this;
    }

    /// <summary>Looks for a limit cycle from <paramref name="start"/> (<see cref="LimitCycles.Detect{TField}"/>) and highlights it if one is found.</summary>
    /// <param name="start">A full state in the cycle's basin.</param>
    /// <returns>This builder.</returns>
    public PhasePortrait LimitCycleFrom(params double[] start)
    {
        Configuring();
        ArgumentNullException.ThrowIfNull(start);
        Require.Length(start.Length, _slice.Dimension, nameof(start));
        Require.AllFinite(start, nameof(start));
        _options = _options with { LimitCycleStarts = [.. _options.LimitCycleStarts, (double[])start.Clone()] };
        return this;
    }

    /// <summary>Adds a computed path, projected onto the slice's components, with its own legend entry (e.g. an attractor).</summary>
    /// <param name="path">The trajectory, of the field's dimension.</param>
    /// <param name="label">The legend entry.</param>
    /// <returns>This builder.</returns>
    public PhasePortrait Path(Trajectory path, string label)
    {
        Configuring();
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(label);
        Require.Length(path.Dimension, _slice.Dimension, nameof(path));
        if (path.Count < 2) throw new ArgumentException($"path needs at least 2 points, but has {path.Count}.", nameof(path));
        _options = _options with { Paths = [.. _options.Paths, path] };
        _pathLabels.Add(label);
        return this;
    }

    /// <summary>Paints the basins of attraction underneath, one light tint per attractor.</summary>
    /// <param name="basins">The basin map (its slice must be this portrait's plane).</param>
    /// <param name="labels">One legend entry per attractor (default "basin of (x, y)").</param>
    /// <returns>This builder.</returns>
    public PhasePortrait Basins(BasinMap basins, IReadOnlyList<string>? labels = null)
    {
        Configuring();
        ArgumentNullException.ThrowIfNull(basins);
        if (labels is not null) Require.Length(labels.Count, basins.Attractors.Count, nameof(labels));
        _options = _options with { Basins = basins };
        _basinLabels = labels;
        return this;
    }

    /// <summary>
    /// Draws both axes at the same scale (one unit spans as many pixels across as up), for planes whose coordinates share
    /// units, such as positions; the shorter side of the window is widened to fit the frame.
    /// </summary>
    /// <param name="equal">Whether to keep the units equal (default off: phase planes usually mix units).</param>
    /// <returns>This builder.</returns>
    public PhasePortrait EqualAxisUnits(bool equal = true)
    {
        Configuring();
        _equalUnits = equal;
        return this;
    }

    /// <summary>
    /// Puts the legend inside the frame at <paramref name="corner"/>, where the window leaves room for it (default:
    /// outside, right of the data, which narrows the data area).
    /// </summary>
    /// <param name="corner">The corner (or edge middle) the data leave empty.</param>
    /// <returns>This builder.</returns>
    public PhasePortrait LegendInside(Alignment corner)
    {
        Configuring();
        _legendCorner = corner;
        return this;
    }

    /// <summary>Replaces the title (default: the model's name and parameters).</summary>
    /// <param name="title">The title.</param>
    /// <returns>This builder.</returns>
    public PhasePortrait Title(string title)
    {
        Configuring();
        ArgumentNullException.ThrowIfNull(title);
        _title = FigureText.Minuses(title);
        return this;
    }

    /// <summary>Replaces the axis labels (default: the model's component names).</summary>
    /// <param name="xLabel">The horizontal label, with units.</param>
    /// <param name="yLabel">The vertical label, with units.</param>
    /// <returns>This builder.</returns>
    public PhasePortrait AxisLabels(string xLabel, string yLabel)
    {
        Configuring();
        ArgumentNullException.ThrowIfNull(xLabel);
        ArgumentNullException.ThrowIfNull(yLabel);
        _xLabel = xLabel;
        _yLabel = yLabel;
        return this;
    }

    /// <summary>Builds the figure (if not yet built) and writes it as a PNG file, atomically.</summary>
    /// <param name="path">The target file; its folder is created.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The full path written.</returns>
    public string SavePng(string path, int width = PngFile.DefaultWidth, int height = PngFile.DefaultHeight)
    {
        // Series added through Plot after the build may have brought the first labelled legend items.
        FigureStyle.PlaceLegend(Plot, _legendCorner);
        return PngFile.Save(Plot, path, width, height);
    }

    private void Configuring()
    {
        if (_plot is not null) throw new InvalidOperationException("The portrait has been rendered; configure it before using Plot, Data or SavePng.");
    }

    private void Render()
    {
        if (_plot is not null) return;
        var data = PhasePlane.Analyse(_field, _slice, _x, _y, _options);
        var plot = FigureStyle.NewPlot(_title ?? DefaultTitle(), _xLabel ?? ComponentLabel(_slice.XComponent), _yLabel ?? ComponentLabel(_slice.YComponent));
        var legend = new List<LegendItem>();
        if (data.Basins is { } basins) DrawBasins(plot, basins, legend);
        if (data.Field is { } field) DrawArrows(plot, field);
        DrawStreamlines(plot, data.Streamlines);
        if (data.Nullclines is { } nullclines) DrawNullclines(plot, nullclines, legend);
        DrawSeparatrices(plot, data.Separatrices, legend);
        DrawTrajectories(plot, data.Trajectories, legend);
        DrawCycles(plot, data.LimitCycles, legend);
        DrawFixedPoints(plot, data, legend);
        plot.Legend.ManualItems.AddRange(legend);
        plot.Axes.SetLimits(_x.Min, _x.Max, _y.Min, _y.Max);
        if (_equalUnits) plot.Axes.SquareUnits();
        FigureStyle.PlaceLegend(plot, _legendCorner);
        _data = data;
        _plot = plot;
    }

    private void DrawBasins(Plot plot, BasinMap basins, List<LegendItem> legend)
    {
        var grid = basins.Grid;
        int k = basins.Attractors.Count;
        var intensities = new double[grid.Rows, grid.Columns];
        for (int j = 0; j < grid.Rows; j++)
        {
            // ScottPlot draws row 0 of a heatmap at the top.
            for (int i = 0; i < grid.Columns; i++) intensities[grid.Rows - 1 - j, i] = basins.Labels[grid.IndexOf(i, j)] + 1;
        }

        var tints = new List<Color> { Colors.White };
        for (int a = 0; a < k; a++) tints.Add(BasinTint(a));
        var heatmap = plot.Add.Heatmap(intensities);
        heatmap.Colormap = new CategoricalColormap(tints);
        heatmap.ManualRange = new ScottPlot.Range(0, k);
        // Interpolated between grid nodes, a boundary is drawn as a soft edge along its true course instead of a
        // staircase of cells (a categorical map has only k + 1 tints, so the blend marks the boundary band).
        heatmap.Smooth = true;
        // The extent spans the cell centres, so each cell is centred on its grid node.
        heatmap.Extent = new CoordinateRect(grid.X.Min, grid.X.Max, grid.Y.Min, grid.Y.Max);
        for (int a = 0; a < k; a++)
        {
            string label = _basinLabels?[a] ?? $"basin of ({ParameterText.Number(basins.Attractors[a][_slice.XComponent], 3)}, {ParameterText.Number(basins.Attractors[a][_slice.YComponent], 3)})";
            legend.Add(new LegendItem { LabelText = label, FillColor = tints[a + 1], OutlineColor = Colors.Gray, OutlineWidth = 1 });
        }
    }

    private static Color BasinTint(int attractor) => FigureColors.At(TrajectoryPalette[attractor % TrajectoryPalette.Length]).MixedWith(Colors.White, 0.72);

    private void DrawArrows(Plot plot, FieldSamples samples)
    {
        var arrows = new DirectionFieldPlot(samples, new ShadeColormap());
        plot.Add.Plottable(arrows);
        var bar = new ScottPlot.Panels.ColorBar(arrows, Edge.Right)
        {
            Label = _slice.Dimension == 2 ? "speed |f|" : "projected speed",
        };
        bar.LabelStyle.FontSize = 16;
        bar.Axis.TickLabelStyle.FontSize = 13;
        bar.Axis.TickGenerator = FigureStyle.LinearTicks();
        plot.Axes.AddPanel(bar);
    }

    private static void DrawStreamlines(Plot plot, IReadOnlyList<Polyline> streamlines)
    {
        foreach (var line in streamlines)
        {
            var curve = plot.Add.ScatterLine(line.Xs, line.Ys, FigureColors.Background);
            curve.LineWidth = 1.3f;
            int middle = line.Count / 2;
            if (middle + 1 < line.Count) PathDrawing.AddArrowhead(plot, line.Xs[middle], line.Ys[middle], line.Xs[middle + 1], line.Ys[middle + 1], FigureColors.Background.Darken(0.3), 9);
        }
    }

    private void DrawNullclines(Plot plot, Nullclines nullclines, List<LegendItem> legend)
    {
        DrawCurves(plot, nullclines.XNullclines, XNullclineColor, legend, $"nullcline d{Symbol(_slice.XComponent)}/dt = 0");
        DrawCurves(plot, nullclines.YNullclines, YNullclineColor, legend, $"nullcline d{Symbol(_slice.YComponent)}/dt = 0");
    }

    private static void DrawCurves(Plot plot, IReadOnlyList<Polyline> curves, Color color, List<LegendItem> legend, string label)
    {
        foreach (var curve in curves)
        {
            var line = plot.Add.ScatterLine(curve.Xs, curve.Ys, color);
            line.LineWidth = 2.5f;
            line.LinePattern = LinePattern.Dashed;
        }

        if (curves.Count > 0) legend.Add(new LegendItem { LabelText = label, LineColor = color, LineWidth = 2.5f, LinePattern = LinePattern.Dashed });
    }

    private void DrawSeparatrices(Plot plot, IReadOnlyList<Separatrix> separatrices, List<LegendItem> legend)
    {
        foreach (var kind in new[] { ManifoldKind.Stable, ManifoldKind.Unstable })
        {
            var color = kind == ManifoldKind.Stable ? StableManifoldColor : UnstableManifoldColor;
            var branches = separatrices.Where(s => s.Kind == kind).ToList();
            foreach (var branch in branches)
            {
                PathDrawing.Add(plot, branch.Path.Component(_slice.XComponent), branch.Path.Component(_slice.YComponent), color, 2.2f, arrows: 1,
                    startMarker: false);
            }

            if (branches.Count > 0)
            {
                string owner = "";
                var saddles = branches.Select(b => b.Saddle).Distinct().ToList();
                if (saddles.Count == 1)
                {
                    var point = saddles[0].Point;
                    string name = saddles[0].Class == FixedPointClass.SaddleFocus ? "saddle-focus" : "saddle";
                    owner = $" of the {name} at ({string.Join(", ", point.Select(v => FigureText.Number(Math.Abs(v) < 1e-12 ? 0 : v, 3)))})";
                }
                else if (saddles.All(p => p.Class == FixedPointClass.SaddleFocus))
                {
                    owner = " of the saddle-foci";
                }

                string manifold = kind == ManifoldKind.Stable ? "stable manifold" : "unstable manifold";
                legend.Add(new LegendItem
                {
                    LabelText = (saddles.Count == 1 ? manifold : manifold + "s") + owner,
                    LineColor = color,
                    LineWidth = 2.2f,
                });
            }
        }
    }

    private void DrawCycles(Plot plot, IReadOnlyList<LimitCycle> cycles, List<LegendItem> legend)
    {
        foreach (var cycle in cycles.Where(c => c.Converged))
        {
            var line = plot.Add.ScatterLine(cycle.Orbit.Component(_slice.XComponent), cycle.Orbit.Component(_slice.YComponent), Colors.Black);
            line.LineWidth = 4.5f;
            legend.Add(new LegendItem { LabelText = $"limit cycle, T = {ParameterText.Number(cycle.Period, 6)}", LineColor = Colors.Black, LineWidth = 4.5f });
        }
    }

    private void DrawTrajectories(Plot plot, IReadOnlyList<Trajectory> trajectories, List<LegendItem> legend)
    {
        int traced = trajectories.Count - _pathLabels.Count;
        // The traced trajectories are samples of one kind under one legend entry, so they share its colour; each added
        // path has an entry of its own and takes the next colours of the palette.
        var tracedColor = FigureColors.At(TrajectoryPalette[0]);
        int firstPathColor = traced > 0 ? 1 : 0;
        for (int m = 0; m < trajectories.Count; m++)
        {
            var path = trajectories[m];
            bool added = m >= traced;
            var color = added ? FigureColors.At(TrajectoryPalette[(m - traced + firstPathColor) % TrajectoryPalette.Length]) : tracedColor;
            var xs = path.Component(_slice.XComponent);
            var ys = path.Component(_slice.YComponent);
            PathDrawing.Add(plot, xs, ys, color, added ? 1.2f : 2f, arrows: added ? 4 : 2, startMarker: false);
            if (added)
            {
                legend.Add(new LegendItem { LabelText = _pathLabels[m - traced], LineColor = color, LineWidth = 2 });
                continue;
            }

            // The start is where the trajectory was seeded, which is mid-path when it was also traced backwards.
            var start = _options.Starts[m].State;
            plot.Add.Marker(start[_slice.XComponent], start[_slice.YComponent], FixedPointStyle.StartShape, 12, color).MarkerLineWidth = 2.5f;
        }

        if (traced > 0)
        {
            legend.Add(new LegendItem
            {
                LabelText = traced == 1 ? "trajectory (× start)" : "trajectories (× start)",
                LineColor = tracedColor,
                LineWidth = 2,
                MarkerShape = FixedPointStyle.StartShape,
                MarkerLineColor = tracedColor,
                MarkerSize = 10,
                MarkerLineWidth = 2,
            });
        }
    }

    private static void DrawFixedPoints(Plot plot, PhasePlaneAnalysis data, List<LegendItem> legend)
    {
        var slice = data.Slice;
        var shown = data.FixedPoints.Where(data.InWindow).ToList();
        foreach (var group in shown.GroupBy(p => p.Class).OrderBy(g => g.Key))
        {
            var shape = FixedPointStyle.Shape(group.Key);
            var color = FixedPointStyle.Color(group.Key);
            foreach (var point in group)
            {
                // A white halo keeps the marker legible on top of arrows and curves.
                var halo = plot.Add.Marker(point.Point[slice.XComponent], point.Point[slice.YComponent], MarkerShape.FilledCircle, 22, Colors.White.WithAlpha(0.85));
                halo.MarkerLineWidth = 0;
                var marker = plot.Add.Marker(point.Point[slice.XComponent], point.Point[slice.YComponent], shape, 16, color);
                marker.MarkerLineWidth = 2.5f;
            }

            legend.Add(new LegendItem
            {
                LabelText = FixedPointStyle.Label(group.Key),
                MarkerShape = shape,
                MarkerFillColor = color,
                MarkerLineColor = color,
                MarkerSize = 14,
                MarkerLineWidth = 2.5f,
            });
        }
    }

    private string DefaultTitle()
    {
        string name = _field is IModel model ? FigureStyle.Title(model.Name, model.Parameters) : _field.ToString() ?? "Phase portrait";
        if (_slice.Dimension == 2) return name;
        var held = Enumerable.Range(0, _slice.Dimension)
            .Where(c => c != _slice.XComponent && c != _slice.YComponent)
            .Select(c => $"{Symbol(c)} = {ParameterText.Number(_slice.BaseState[c], 3)}");
        return $"{name}\nslice {string.Join(", ", held)}";
    }

    private string ComponentLabel(int component) =>
        _field is IModel model && model.ComponentNames.Count == _slice.Dimension ? model.ComponentNames[component]
        : _slice.Dimension == 2 ? (component == 0 ? "x" : "y")
        : $"y{component + 1}";

    // "θ (rad)" → "θ", "y = dx/dt" → "y", "prey x" → "x": the symbol to write in "dθ/dt = 0".
    private string Symbol(int component)
    {
        string name = ComponentLabel(component);
        int bracket = name.IndexOf(" (", StringComparison.Ordinal);
        if (bracket > 0) name = name[..bracket];
        int equals = name.IndexOf(" = ", StringComparison.Ordinal);
        if (equals > 0) name = name[..equals];
        return name.Split(' ', StringSplitOptions.RemoveEmptyEntries)[^1];
    }
}
