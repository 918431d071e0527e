using Dynamics.Plotting.Styling;
using Dynamics.Solvers;
using Dynamics.Validation;
using ScottPlot;

namespace Dynamics.Plotting.Figures;

/// <summary>
/// Trajectories projected onto two state components: each path with a start marker and arrowheads showing the
/// direction of motion, plus labelled reference points (equilibria, targets).
/// </summary>
public sealed class TrajectoryFigure
{
    private readonly Plot _plot;
    private int _series;

    /// <summary>Creates an empty figure.</summary>
    /// <param name="title">The title (system name and parameters).</param>
    /// <param name="xLabel">The horizontal axis label, with units.</param>
    /// <param name="yLabel">The vertical axis label, with units.</param>
    public TrajectoryFigure(string title, string xLabel, string yLabel)
    {
        _plot = FigureStyle.NewPlot(title, xLabel, yLabel);
    }

    /// <summary>The underlying ScottPlot plot, for additions this type does not cover.</summary>
    public Plot Plot => _plot;

    /// <summary>
    /// Where the legend goes: null (the default) puts it outside, right of the data; a corner puts it inside, for tall
    /// figures with equal axis units whose data leave that corner empty.
    /// </summary>
    public Alignment? LegendCorner { get; set; }

    /// <summary>Adds the projection of a solution onto components (<paramref name="xComponent"/>, <paramref name="yComponent"/>).</summary>
    /// <param name="solution">The solution.</param>
    /// <param name="xComponent">The component on the horizontal axis.</param>
    /// <param name="yComponent">The component on the vertical axis.</param>
    /// <param name="label">The legend entry.</param>
    /// <param name="arrows">How many direction arrows to place along the path.</param>
    /// <returns>This figure.</returns>
    public TrajectoryFigure AddTrajectory(Solution solution, int xComponent, int yComponent, string label, int arrows = 3)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return AddPath(solution.Component(xComponent), solution.Component(yComponent), label, arrows);
    }

    /// <summary>Adds a path given by coordinates, with a start marker and direction arrows.</summary>
    /// <param name="xs">Horizontal coordinates in order of time.</param>
    /// <param name="ys">Vertical coordinates, same length.</param>
    /// <param name="label">The legend entry.</param>
    /// <param name="arrows">How many direction arrows to place, evenly by arc length.</param>
    /// <param name="lineWidth">The line width in pixels.</param>
    /// <returns>This figure.</returns>
    public TrajectoryFigure AddPath(double[] xs, double[] ys, string label, int arrows = 3, float lineWidth = 2) =>
        AddPath(xs, ys, label, FigureColors.At(_series++), arrows, lineWidth);

    /// <summary>Adds a path of a given colour (e.g. from a <see cref="SequentialScale"/>), with a start marker and direction arrows.</summary>
    /// <param name="xs">Horizontal coordinates in order of time.</param>
    /// <param name="ys">Vertical coordinates, same length.</param>
    /// <param name="label">The legend entry (empty for none).</param>
    /// <param name="color">The colour.</param>
    /// <param name="arrows">How many direction arrows to place, evenly by arc length.</param>
    /// <param name="lineWidth">The line width in pixels.</param>
    /// <param name="startMarker">
    /// Whether to mark the start with a cross: off for a closed orbit (a limit cycle has no start) and for paths that
    /// share one start, whose crosses would pile up (mark that start once with <see cref="AddPoint"/>).
    /// </param>
    /// <param name="pattern">The line pattern (default solid): tells apart paths that run together.</param>
    /// <returns>This figure.</returns>
    public TrajectoryFigure AddPath(double[] xs, double[] ys, string label, Color color, int arrows = 3, float lineWidth = 2, bool startMarker = true,
        LinePattern? pattern = null)
    {
        RequirePath(xs, ys);
        var line = PathDrawing.Add(_plot, xs, ys, color, lineWidth, arrows, startMarker, pattern);
        line.LegendText = label;
        return this;
    }

    /// <summary>Adds a labelled point, e.g. an equilibrium or a capture point.</summary>
    /// <param name="x">Horizontal coordinate.</param>
    /// <param name="y">Vertical coordinate.</param>
    /// <param name="label">The legend entry.</param>
    /// <param name="shape">The marker shape.</param>
    /// <param name="color">The colour (default the reference grey).</param>
    /// <param name="size">The marker size in pixels (an open marker drawn larger around another stays visible).</param>
    /// <returns>This figure.</returns>
    public TrajectoryFigure AddPoint(double x, double y, string label, MarkerShape shape = MarkerShape.FilledCircle, Color? color = null, float size = 13)
    {
        var marker = _plot.Add.Marker(x, y, shape, size, color ?? FigureColors.Reference);
        marker.MarkerLineWidth = 2;
        marker.LegendText = label;
        return this;
    }

    private static void RequirePath(double[] xs, double[] ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        Require.Length(ys.Length, xs.Length, nameof(ys));
        if (xs.Length < 2) throw new ArgumentException($"A path needs at least 2 points, but has {xs.Length}.", nameof(xs));
    }

    /// <summary>Places the legend (see <see cref="LegendCorner"/>) and returns the plot, ready to be a panel of a <see cref="MultiPanelFigure"/>.</summary>
    /// <returns>The plot.</returns>
    public Plot AsPanel() => FigureStyle.PlaceLegend(_plot, LegendCorner);

    /// <summary>Writes the figure as a PNG file (atomically).</summary>
    /// <param name="path">The target file.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The full path written.</returns>
    public string SavePng(string path, int width = PngFile.DefaultWidth, int height = PngFile.DefaultHeight) =>
        PngFile.Save(AsPanel(), path, width, height);
}
