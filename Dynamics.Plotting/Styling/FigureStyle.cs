using ScottPlot;

namespace Dynamics.Plotting.Styling;

/// <summary>The house style: sizes readable in a paper at half-page width, light grid, framed legend.</summary>
public static class FigureStyle
{
    /// <summary>Creates an empty plot with title, axis labels and the house style applied.</summary>
    /// <param name="title">The title (system name and parameters).</param>
    /// <param name="xLabel">The horizontal axis label, with units.</param>
    /// <param name="yLabel">The vertical axis label, with units.</param>
    /// <returns>The plot.</returns>
    public static Plot NewPlot(string title, string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Title(title, size: 22);
        plot.XLabel(xLabel, size: 18);
        plot.YLabel(yLabel, size: 18);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 14;
        plot.Axes.Left.TickLabelStyle.FontSize = 14;
        plot.Axes.Bottom.TickGenerator = LinearTicks();
        plot.Axes.Left.TickGenerator = LinearTicks();
        plot.Grid.MajorLineColor = Color.FromHex("#000000").WithAlpha(0.08);
        plot.Legend.FontSize = 14;
        plot.Legend.OutlineColor = Color.FromHex("#808080");
        return plot;
    }

    /// <summary>The tick generator of a linear axis or colour bar in the house style (see <see cref="LinearTickGenerator"/>).</summary>
    /// <returns>A new generator (each axis needs its own).</returns>
    public static LinearTickGenerator LinearTicks() => new();

    /// <summary>A linear axis' tick label: up to six significant digits, a true minus sign, no "−0".</summary>
    /// <param name="value">The tick's value.</param>
    /// <returns>The label.</returns>
    public static string TickLabel(double value)
    {
        double rounded = Math.Round(value, 12);
        if (rounded == 0) return "0";
        return FigureText.Minuses(rounded.ToString("G6", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>A title line "System — parameters", or just the system when there are no parameters, with true minus signs.</summary>
    /// <param name="system">The system's name.</param>
    /// <param name="parameters">The parameter text, possibly empty.</param>
    /// <returns>The title.</returns>
    public static string Title(string system, string parameters) =>
        FigureText.Minuses(string.IsNullOrWhiteSpace(parameters) ? system : $"{system} — {parameters}");

    /// <summary>
    /// Shows the legend outside the data, right of the frame, when at least one item has a label. ScottPlot 5 measures an
    /// edge legend with no labelled items as NaN pixels wide, which collapses the data area and renders a blank picture,
    /// so an unlabelled figure gets no legend instead.
    /// </summary>
    /// <param name="plot">The plot.</param>
    /// <returns>Whether a legend is shown.</returns>
    public static bool ShowLegendOutside(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        // Each ShowLegend(Edge) adds a panel: remove an earlier one so that calling this twice still shows one legend.
        RemoveOutsideLegend(plot);
        if (!HasLabelledItems(plot))
        {
            plot.HideLegend();
            return false;
        }

        plot.ShowLegend(Edge.Right);
        return true;
    }

    /// <summary>
    /// Puts ticks at multiples of π (π/2 when the range spans less than 3π) on an angle axis, labelled "−π", "0", "π/2",
    /// "2π" with a true minus sign.
    /// </summary>
    /// <param name="axis">The axis whose data are angles in radians.</param>
    /// <param name="min">The lower end of the range shown.</param>
    /// <param name="max">The upper end of the range shown.</param>
    public static void PiTicks(IAxis axis, double min, double max)
    {
        ArgumentNullException.ThrowIfNull(axis);
        int denominator = max - min < 3 * Math.PI ? 2 : 1;
        var positions = new List<double>();
        var labels = new List<string>();
        for (int k = (int)Math.Ceiling(min * denominator / Math.PI); k <= (int)Math.Floor(max * denominator / Math.PI); k++)
        {
            positions.Add(k * Math.PI / denominator);
            labels.Add(FigureText.PiMultiple(k, denominator));
        }

        axis.TickGenerator = new ScottPlot.TickGenerators.NumericManual([.. positions], [.. labels]);
    }

    /// <summary>Shows the legend inside the frame at <paramref name="corner"/> when at least one item has a label.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="corner">The corner the data leave empty.</param>
    /// <returns>Whether a legend is shown.</returns>
    public static bool ShowLegendInside(Plot plot, Alignment corner)
    {
        ArgumentNullException.ThrowIfNull(plot);
        // A legend placed outside before (a builder's default) would otherwise stay as a second copy.
        RemoveOutsideLegend(plot);
        if (!HasLabelledItems(plot))
        {
            plot.HideLegend();
            return false;
        }

        plot.ShowLegend(corner);
        return true;
    }

    /// <summary>
    /// Places the legend the way the figures here do: inside the frame at <paramref name="corner"/>, or outside, right of
    /// the data, when <paramref name="corner"/> is null.
    /// </summary>
    /// <param name="plot">The plot.</param>
    /// <param name="corner">The corner the data leave empty, or null for outside.</param>
    /// <returns>The plot, ready to be rendered or to be a panel.</returns>
    public static Plot PlaceLegend(Plot plot, Alignment? corner)
    {
        if (corner is { } inside) ShowLegendInside(plot, inside);
        else ShowLegendOutside(plot);
        return plot;
    }

    /// <summary>
    /// Marks every log axis of <paramref name="plot"/> as log: an axis drawn with <see cref="LogTickGenerator"/> whose label
    /// does not say "log" gets " (log scale)" appended, so that a reader never takes its ticks for a linear scale (within
    /// one decade, 1, 1.5, 2, 3, 5, 7 could pass for one). Called by every save of this library.
    /// </summary>
    /// <param name="plot">The plot.</param>
    public static void MarkLogAxes(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        foreach (var axis in plot.Axes.GetAxes().Where(a => a.TickGenerator is LogTickGenerator && !string.IsNullOrWhiteSpace(a.Label.Text)))
        {
            if (!axis.Label.Text.Contains("log", StringComparison.Ordinal)) axis.Label.Text += " (log scale)";
        }
    }

    private static void RemoveOutsideLegend(Plot plot)
    {
        foreach (var panel in plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().ToList()) plot.Axes.Remove(panel);
    }

    /// <summary>Whether any legend item of <paramref name="plot"/> (automatic or manual) has a non-empty label.</summary>
    /// <param name="plot">The plot.</param>
    /// <returns>True when a legend would show something.</returns>
    public static bool HasLabelledItems(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return plot.Legend.GetItems().Any(item => !string.IsNullOrWhiteSpace(item.LabelText));
    }
}
