using Dynamics.Plotting.Styling;
using Dynamics.Validation;
using ScottPlot;

namespace Dynamics.Plotting.Figures;

/// <summary>
/// The gap between a computed curve and its closed form, |computed − exact|, on a logarithmic axis: the panel that goes
/// under or beside a figure where the two curves coincide to the eye, so that the agreement is seen, not assumed. Each
/// series differs from the others by colour, line pattern and marker shape, so coinciding residuals stay visible.
/// Exact zeros (a shared initial value) have no logarithm and are left out.
/// </summary>
public sealed class ResidualFigure
{
    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];
    private readonly Plot _plot;
    private int _series;

    /// <summary>Creates an empty residual panel.</summary>
    /// <param name="title">The panel's title.</param>
    /// <param name="yLabel">The vertical axis label, e.g. "|θ − θ_exact|"; " (log scale)" is appended.</param>
    /// <param name="xLabel">The horizontal axis label (default "t").</param>
    public ResidualFigure(string title, string yLabel, string xLabel = "t")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(yLabel);
        _plot = FigureStyle.NewPlot(title, xLabel, yLabel + " (log scale)");
        _plot.Axes.Left.TickGenerator = new LogTickGenerator();
    }

    /// <summary>The underlying ScottPlot plot (vertical data coordinates are log₁₀ of the gaps).</summary>
    public Plot Plot => _plot;

    /// <summary>Where the legend goes inside the frame (default upper left).</summary>
    public Alignment LegendCorner { get; set; } = Alignment.UpperLeft;

    /// <summary>Adds |computed − reference| against <paramref name="xs"/>.</summary>
    /// <param name="xs">The abscissae (times, iterations).</param>
    /// <param name="computed">The computed values, same length.</param>
    /// <param name="reference">The closed form at the same abscissae.</param>
    /// <param name="label">The legend entry.</param>
    /// <param name="markers">Mark each point (for iterates) instead of drawing a plain line.</param>
    /// <param name="color">The colour (default: the next of <see cref="FigureColors.Series"/>), e.g. the colour of the same series in the main panel.</param>
    /// <returns>This figure.</returns>
    public ResidualFigure AddResidual(IReadOnlyList<double> xs, IReadOnlyList<double> computed, IReadOnlyList<double> reference, string label, bool markers = false, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(computed);
        ArgumentNullException.ThrowIfNull(reference);
        Require.Length(computed.Count, xs.Count, nameof(computed));
        Require.Length(reference.Count, xs.Count, nameof(reference));
        return AddGaps(xs, [.. Enumerable.Range(0, xs.Count).Select(i => Math.Abs(computed[i] - reference[i]))], label, markers, color);
    }

    /// <summary>Adds gaps that are already measured (non-negative numbers, e.g. distances) against <paramref name="xs"/>.</summary>
    /// <param name="xs">The abscissae.</param>
    /// <param name="gaps">The gaps, same length, each ≥ 0.</param>
    /// <param name="label">The legend entry.</param>
    /// <param name="markers">Mark each point instead of drawing a plain line.</param>
    /// <param name="color">The colour (default: the next of <see cref="FigureColors.Series"/>).</param>
    /// <returns>This figure.</returns>
    public ResidualFigure AddGaps(IReadOnlyList<double> xs, IReadOnlyList<double> gaps, string label, bool markers = false, Color? color = null)
    {
        ArgumentNullException.ThrowIfNull(xs);
        ArgumentNullException.ThrowIfNull(gaps);
        Require.Length(gaps.Count, xs.Count, nameof(gaps));
        var keep = Enumerable.Range(0, xs.Count).Where(i => gaps[i] > 0 && double.IsFinite(gaps[i])).ToArray();
        if (keep.Length == 0) throw new ArgumentException($"gaps has no positive finite value to draw for '{label}'.", nameof(gaps));
        int index = _series++;
        double[] x = [.. keep.Select(i => xs[i])], y = [.. keep.Select(i => Math.Log10(gaps[i]))];
        var line = _plot.Add.Scatter(x, y, color ?? FigureColors.At(index));
        line.LineWidth = markers ? 1 : 2;
        line.LinePattern = Patterns[index % Patterns.Length];
        line.MarkerShape = FigureColors.MarkerAt(index);
        line.MarkerSize = markers ? 8 : 0;
        line.LegendText = label;
        return this;
    }

    /// <summary>
    /// The largest gap so far at each point: the trend of a residual that jitters at rounding level, without the band the
    /// jitter draws.
    /// </summary>
    /// <param name="gaps">The gaps in order.</param>
    /// <returns>The running maximum.</returns>
    public static double[] RunningMaximum(IReadOnlyList<double> gaps)
    {
        ArgumentNullException.ThrowIfNull(gaps);
        var result = new double[gaps.Count];
        double worst = 0;
        for (int i = 0; i < result.Length; i++) result[i] = worst = Math.Max(worst, gaps[i]);
        return result;
    }

    /// <summary>Adds a horizontal dashed level (a tolerance, a bound) with a legend entry.</summary>
    /// <param name="value">The positive level.</param>
    /// <param name="label">The legend entry.</param>
    /// <returns>This figure.</returns>
    public ResidualFigure AddLevel(double value, string label)
    {
        Require.Positive(value, nameof(value));
        var line = _plot.Add.HorizontalLine(Math.Log10(value), 1.5f, FigureColors.Reference, LinePattern.Dashed);
        line.LegendText = label;
        return this;
    }

    /// <summary>Shows the legend inside the frame at <see cref="LegendCorner"/>; call before adding the panel to a <see cref="MultiPanelFigure"/>.</summary>
    /// <returns>The plot, ready to be a panel.</returns>
    public Plot AsPanel()
    {
        FigureStyle.ShowLegendInside(_plot, LegendCorner);
        return _plot;
    }

    /// <summary>Writes the panel alone as a PNG file (atomically).</summary>
    /// <param name="path">The target file.</param>
    /// <param name="width">Width in pixels.</param>
    /// <param name="height">Height in pixels.</param>
    /// <returns>The full path written.</returns>
    public string SavePng(string path, int width = PngFile.DefaultWidth, int height = PngFile.DefaultHeight) =>
        PngFile.Save(AsPanel(), path, width, height);
}
