using Dynamics.Plotting.Styling;
using Dynamics.Validation;
using ScottPlot;

namespace Dynamics.Plotting.Figures;

/// <summary>
/// A log–log plot of errors against step sizes (or learning rates), one marked line per method, with dashed
/// reference lines of given slopes, so an observed convergence order reads off as a slope. The axes carry decades
/// with logarithmic minor ticks (<see cref="LogTickGenerator"/>).
/// </summary>
public sealed class ConvergenceFigure
{
    private static readonly MarkerShape[] FilledShapes = [MarkerShape.FilledCircle, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.FilledTriangleDown];
    private static readonly MarkerShape[] OpenShapes = [MarkerShape.OpenSquare, MarkerShape.OpenCircle, MarkerShape.OpenTriangleUp, MarkerShape.OpenDiamond];
    private static readonly LinePattern[] SlopePatterns = [LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
    private readonly Plot _plot;
    private int _series, _slopes;

    /// <summary>Creates an empty figure.</summary>
    /// <param name="title">The title (system and parameters).</param>
    /// <param name="xLabel">The horizontal axis label, e.g. "learning rate γ".</param>
    /// <param name="yLabel">The vertical axis label, e.g. "gap ‖θₙ − θ(nγ)‖ at T = 5".</param>
    public ConvergenceFigure(string title, string xLabel, string yLabel)
    {
        _plot = FigureStyle.NewPlot(title, xLabel, yLabel);
        _plot.Axes.Bottom.TickGenerator = new LogTickGenerator();
        _plot.Axes.Left.TickGenerator = new LogTickGenerator();
    }

    /// <summary>The underlying ScottPlot plot (its data coordinates are log₁₀ of the values).</summary>
    public Plot Plot => _plot;

    /// <summary>
    /// Where the legend goes: null (the default) puts it outside, right of the data; a corner puts it inside the frame,
    /// where the data leave that corner empty (error lines run diagonally, so one of the off-diagonal corners usually is).
    /// </summary>
    public Alignment? LegendCorner { get; set; }

    /// <summary>Adds a series of (x, error) points, drawn as markers joined by a line.</summary>
    /// <param name="xs">Positive step sizes.</param>
    /// <param name="errors">Positive errors, same length.</param>
    /// <param name="label">The legend entry, e.g. "momentum, half-step start (slope 2.00)".</param>
    /// <returns>This figure.</returns>
    public ConvergenceFigure AddSeries(IReadOnlyList<double> xs, IReadOnlyList<double> errors, string label)
    {
        var (lx, ly) = Logs(xs, errors);
        var color = FigureColors.At(_series++);
        var line = _plot.Add.Scatter(lx, ly, color);
        line.LineWidth = 2;
        // Every other series open, larger and dashed: where two series coincide (equal errors), the open marker rings the
        // filled one and both stay visible.
        int index = _series - 1;
        bool open = index % 2 == 1;
        line.MarkerShape = open ? OpenShapes[(index / 2) % OpenShapes.Length] : FilledShapes[(index / 2) % FilledShapes.Length];
        line.MarkerSize = open ? 16 : 10;
        line.MarkerLineWidth = 2;
        if (open) line.LinePattern = LinePattern.Dashed;
        line.LegendText = label;
        return this;
    }

    /// <summary>Adds a dashed reference line error = c·x^slope through (x₀, y₀), drawn over [xMin, xMax].</summary>
    /// <param name="slope">The order p.</param>
    /// <param name="x0">A positive x on the line.</param>
    /// <param name="y0">The positive error at <paramref name="x0"/>.</param>
    /// <param name="xMin">The left end (positive).</param>
    /// <param name="xMax">The right end (greater than <paramref name="xMin"/>).</param>
    /// <param name="label">The legend entry, e.g. "slope 2".</param>
    /// <returns>This figure.</returns>
    public ConvergenceFigure AddSlope(double slope, double x0, double y0, double xMin, double xMax, string label)
    {
        Require.Finite(slope, nameof(slope));
        Require.Positive(x0, nameof(x0));
        Require.Positive(y0, nameof(y0));
        Require.Positive(xMin, nameof(xMin));
        if (!(xMax > xMin)) throw new ArgumentOutOfRangeException(nameof(xMax), xMax, $"xMax must exceed xMin = {Require.Format(xMin)}, but was {Require.Format(xMax)}.");
        double[] lx = [Math.Log10(xMin), Math.Log10(xMax)];
        double[] ly = [Math.Log10(y0) + slope * (lx[0] - Math.Log10(x0)), Math.Log10(y0) + slope * (lx[1] - Math.Log10(x0))];
        var line = _plot.Add.ScatterLine(lx, ly, FigureColors.Reference);
        line.LineWidth = 1.5f;
        // Each reference slope its own pattern, so that "slope 1" and "slope 2" differ in the legend as on the plot.
        line.LinePattern = SlopePatterns[_slopes++ % SlopePatterns.Length];
        line.LegendText = label;
        return this;
    }

    /// <summary>Adds isolated reference points (e.g. published values), drawn as large grey crosses (+), a shape no series uses.</summary>
    /// <param name="xs">Positive x values.</param>
    /// <param name="values">Positive values.</param>
    /// <param name="label">The legend entry.</param>
    /// <returns>This figure.</returns>
    public ConvergenceFigure AddReferencePoints(IReadOnlyList<double> xs, IReadOnlyList<double> values, string label)
    {
        var (lx, ly) = Logs(xs, values);
        var markers = _plot.Add.Markers(lx, ly, MarkerShape.Cross, 24, FigureColors.Reference);
        markers.MarkerLineWidth = 2;
        markers.LegendText = label;
        return this;
    }

    /// <summary>Writes the figure as a PNG file (atomically).</summary>
    /// <param name="path">The target file.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The full path written.</returns>
    public string SavePng(string path, int width = PngFile.DefaultWidth, int height = PngFile.DefaultHeight) =>
        PngFile.Save(AsPanel(), path, width, height);

    /// <summary>Places the legend (see <see cref="LegendCorner"/>) and returns the plot, ready to be a panel of a <see cref="MultiPanelFigure"/>.</summary>
    /// <returns>The plot.</returns>
    public Plot AsPanel() => FigureStyle.PlaceLegend(_plot, LegendCorner);

    private static (double[] X, double[] Y) Logs(IReadOnlyList<double> xs, IReadOnlyList<double> ys)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(ys);
        return LogScale.Log10Pairs([.. xs], nameof(xs), [.. ys], nameof(ys));
    }
}
