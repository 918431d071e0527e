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
        plot.Grid.MajorLineColor = Color.FromHex("#000000").WithAlpha(0.08);
        plot.Legend.FontSize = 14;
        plot.Legend.OutlineColor = Color.FromHex("#808080");
        return plot;
    }

    /// <summary>A title line "System — parameters", or just the system when there are no parameters.</summary>
    /// <param name="system">The system's name.</param>
    /// <param name="parameters">The parameter text, possibly empty.</param>
    /// <returns>The title.</returns>
    public static string Title(string system, string parameters) =>
        string.IsNullOrWhiteSpace(parameters) ? system : $"{system} — {parameters}";

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
        if (!HasLabelledItems(plot))
        {
            plot.HideLegend();
            return false;
        }

        plot.ShowLegend(Edge.Right);
        return true;
    }

    /// <summary>Shows the legend inside the frame at <paramref name="corner"/> when at least one item has a label.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="corner">The corner the data leave empty.</param>
    /// <returns>Whether a legend is shown.</returns>
    public static bool ShowLegendInside(Plot plot, Alignment corner)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (!HasLabelledItems(plot))
        {
            plot.HideLegend();
            return false;
        }

        plot.ShowLegend(corner);
        return true;
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
