using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Estimators;

/// <summary>Figure conventions shared by the estimator and InfoMax experiments: one series style per index, log axes.</summary>
internal static class EstimatorFigures
{
    private static readonly MarkerShape[] Markers =
        [MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenTriangleUp];

    /// <summary>A line with markers in series style <paramref name="index"/> (colour, marker shape and, for odd indices, dashes).</summary>
    public static void AddSeries(Plot plot, double[] xs, double[] ys, string label, int index, bool markers = true)
    {
        var line = plot.Add.ScatterLine(xs, ys, FigureColors.At(index));
        line.LineWidth = 2.5f;
        line.LegendText = label;
        if (index % 2 == 1) line.LinePattern = LinePattern.Dashed;
        if (markers)
        {
            line.MarkerShape = Markers[index % Markers.Length];
            line.MarkerSize = 9;
            line.MarkerColor = FigureColors.At(index);
        }
    }

    /// <summary>A dashed dark-grey reference curve (a closed form).</summary>
    public static void AddReference(Plot plot, double[] xs, double[] ys, string label)
    {
        var line = plot.Add.ScatterLine(xs, ys, FigureColors.Reference);
        line.LineWidth = 1.8f;
        line.LinePattern = LinePattern.Dotted;
        line.LegendText = label;
    }

    /// <summary>A shaded band between two curves (a path ensemble's spread) without a legend entry.</summary>
    public static void AddBand(Plot plot, double[] xs, double[] low, double[] high, int index)
    {
        var band = plot.Add.FillY(xs, low, high);
        band.FillColor = FigureColors.At(index).WithAlpha(0.18);
        band.LineWidth = 0;
    }

    /// <summary>Marks an axis as logarithmic: the data are plotted as log₁₀ values and labelled as powers of ten.</summary>
    public static void LogAxis(IAxis axis) => axis.TickGenerator = new LogTickGenerator();

    /// <summary>log₁₀ of each value.</summary>
    public static double[] Log10(IEnumerable<double> values) => [.. values.Select(v => Math.Log10(v))];

    /// <summary>Shows the legend inside the frame at a corner.</summary>
    public static void Legend(Plot plot, Alignment corner)
    {
        plot.ShowLegend();
        plot.Legend.Alignment = corner;
    }
}
