using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Estimators;

/// <summary>Figure conventions shared by the estimator and InfoMax experiments: one series style per index, log axes.</summary>
internal static class EstimatorFigures
{
    // Line patterns of the reference curves of one plot, in order, so that two closed forms are told apart; dashed is
    // left to horizontal caps (ln K) and slope guides.
    private static readonly LinePattern[] ReferencePatterns = [LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>A line with markers in series style <paramref name="index"/> (colour, marker shape and, for odd indices, dashes).</summary>
    public static void AddSeries(Plot plot, double[] xs, double[] ys, string label, int index, bool markers = true)
    {
        var line = plot.Add.ScatterLine(xs, ys, FigureColors.At(index));
        line.LineWidth = 2.5f;
        line.LegendText = label;
        if (index % 2 == 1) line.LinePattern = LinePattern.Dashed;
        if (markers)
        {
            line.MarkerShape = FigureColors.MarkerAt(index);
            line.MarkerSize = 9;
            line.MarkerColor = FigureColors.At(index);
        }
    }

    /// <summary>
    /// A dark-grey reference curve (a closed form): dotted, or for <paramref name="variant"/> 1 densely dashed, so that two
    /// closed forms on one plot are drawn differently.
    /// </summary>
    public static void AddReference(Plot plot, double[] xs, double[] ys, string label, int variant = 0)
    {
        var line = plot.Add.ScatterLine(xs, ys, FigureColors.Reference);
        line.LineWidth = 1.8f;
        line.LinePattern = ReferencePatterns[variant % ReferencePatterns.Length];
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

    /// <summary>Shows the legend inside the frame at a corner (the shared placement of Dynamics.Plotting).</summary>
    public static void Legend(Plot plot, Alignment corner) => FigureStyle.ShowLegendInside(plot, corner);
}
