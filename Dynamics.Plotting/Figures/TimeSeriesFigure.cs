using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Plotting.Styling;
using Dynamics.Solvers;
using Dynamics.Validation;
using ScottPlot;

namespace Dynamics.Plotting.Figures;

/// <summary>Components of one or more solutions against time, one line each, with a legend.</summary>
public sealed class TimeSeriesFigure
{
    private readonly Plot _plot;
    private int _series;

    /// <summary>Creates an empty figure.</summary>
    /// <param name="title">The title (system name and parameters).</param>
    /// <param name="yLabel">The vertical axis label.</param>
    /// <param name="timeLabel">The time axis label (default "t").</param>
    public TimeSeriesFigure(string title, string yLabel, string timeLabel = "t")
    {
        _plot = FigureStyle.NewPlot(title, timeLabel, yLabel);
    }

    /// <summary>The underlying ScottPlot plot, for additions this type does not cover.</summary>
    public Plot Plot => _plot;

    /// <summary>
    /// Where the legend goes: null (the default) puts it outside, right of the data; a corner puts it inside the frame,
    /// where the data leave that corner empty.
    /// </summary>
    public Alignment? LegendCorner { get; set; }

    /// <summary>Adds one component of a solution as a line.</summary>
    /// <param name="solution">The solution (its recorded times and states).</param>
    /// <param name="component">The component index.</param>
    /// <param name="label">The legend entry.</param>
    /// <returns>This figure.</returns>
    public TimeSeriesFigure AddComponent(Solution solution, int component, string label)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return AddSeries([.. solution.Times], solution.Component(component), label);
    }

    /// <summary>Adds a series of (t, value) points as a line.</summary>
    /// <param name="times">The times.</param>
    /// <param name="values">The values, same length.</param>
    /// <param name="label">The legend entry.</param>
    /// <param name="dashed">Draw dashed (for reference curves such as closed forms).</param>
    /// <returns>This figure.</returns>
    public TimeSeriesFigure AddSeries(double[] times, double[] values, string label, bool dashed = false) =>
        AddSeries(times, values, label, dashed ? FigureColors.Reference : FigureColors.At(_series++), dashed ? LinePattern.Dashed : LinePattern.Solid);

    /// <summary>
    /// Adds a series of (t, value) points as a line of a given colour and pattern, e.g. one colour of a
    /// <see cref="SequentialScale"/> where colour encodes a parameter.
    /// </summary>
    /// <param name="times">The times.</param>
    /// <param name="values">The values, same length.</param>
    /// <param name="label">The legend entry (empty for none).</param>
    /// <param name="color">The line colour.</param>
    /// <param name="pattern">The line pattern.</param>
    /// <returns>This figure.</returns>
    public TimeSeriesFigure AddSeries(double[] times, double[] values, string label, Color color, LinePattern pattern)
    {
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(values);
        Require.Length(values.Length, times.Length, nameof(values));
        var line = _plot.Add.ScatterLine(times, values, color);
        line.LineWidth = 2;
        line.LegendText = label;
        line.LinePattern = pattern;
        return this;
    }

    /// <summary>
    /// Adds how far an invariant departs from its initial value on a logarithmic scale,
    /// log₁₀(|I(t) − I(t₀)| / max(1, |I(t₀)|)), floored at −17 where the difference is below rounding: the usual way to
    /// show an integrator's drift, which spans many orders of magnitude. Label the axis accordingly.
    /// </summary>
    /// <param name="drift">The measured invariant (see <see cref="Invariant.Measure"/>).</param>
    /// <param name="label">The legend entry (default: the invariant's name).</param>
    /// <returns>This figure.</returns>
    public TimeSeriesFigure AddDrift(InvariantDrift drift, string? label = null)
    {
        ArgumentNullException.ThrowIfNull(drift);
        if (drift.Values.Count == 0) throw new ArgumentException("drift has no values.", nameof(drift));
        double initial = drift.Values[0], scale = Math.Max(1, Math.Abs(initial));
        var logs = drift.Values.Select(v => Math.Log10(Math.Max(Math.Abs(v - initial) / scale, 1e-17))).ToArray();
        return AddSeries([.. drift.Times], logs, label ?? drift.Invariant.Name);
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
