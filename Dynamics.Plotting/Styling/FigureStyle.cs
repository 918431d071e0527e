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
}
