using Dynamics.Distributions;
using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Diffusion;

/// <summary>Shared data and drawing helpers of the diffusion gallery entries.</summary>
internal static class DiffusionFigures
{
    private static readonly MarkerShape[] Shapes =
        [MarkerShape.FilledCircle, MarkerShape.OpenSquare, MarkerShape.FilledTriangleUp, MarkerShape.OpenDiamond, MarkerShape.Cross, MarkerShape.OpenCircle, MarkerShape.FilledSquare, MarkerShape.Eks];

    private static readonly LinePattern[] Patterns = [LinePattern.Solid, LinePattern.Dashed, LinePattern.Dotted, LinePattern.DenselyDashed];

    /// <summary>Eight isotropic Gaussians (s = 0.15) on the circle of radius 2, equal weights: the 2-D test data.</summary>
    public static GaussianMixture Ring()
    {
        var means = new double[16];
        for (int k = 0; k < 8; k++)
        {
            means[2 * k] = 2 * Math.Cos(2 * Math.PI * k / 8);
            means[2 * k + 1] = 2 * Math.Sin(2 * Math.PI * k / 8);
        }

        return GaussianMixture.Isotropic([.. Enumerable.Repeat(0.125, 8)], means, [.. Enumerable.Repeat(0.15, 8)]);
    }

    /// <summary>The 1-D oracle of docs/diffusion.md: weights 0.3/0.7 on Diracs at ∓1.</summary>
    public static GaussianMixture TwoDiracs() => GaussianMixture.Isotropic([0.3, 0.7], [-1, 1], [0, 0]);

    /// <summary>A square-unit scatter panel of component-major 2-D points.</summary>
    public static Plot Scatter(string title, ReadOnlySpan<double> points, int count, int series = 0, double limit = 3.5)
    {
        var plot = FigureStyle.NewPlot(title, "x₁", "x₂");
        FigureTicks.Fewer(plot);
        var xs = points[..count].ToArray();
        var ys = points.Slice(count, count).ToArray();
        plot.Add.Markers(xs, ys, Shapes[series % Shapes.Length], 3, FigureColors.At(series));
        plot.Axes.SetLimits(-limit, limit, -limit, limit);
        plot.Axes.SquareUnits();
        return plot;
    }

    /// <summary>Gives the last added scatter series its own marker and line pattern (never colour alone).</summary>
    public static void StyleLast(Plot plot, int series)
    {
        if (plot.GetPlottables().LastOrDefault() is ScottPlot.Plottables.Scatter scatter)
        {
            scatter.MarkerShape = Shapes[series % Shapes.Length];
            scatter.LinePattern = Patterns[series % Patterns.Length];
        }
    }

    /// <summary>The fraction of positive entries among the first count values.</summary>
    public static double PositiveFraction(ReadOnlySpan<double> values, int count)
    {
        int positive = 0;
        for (int m = 0; m < count; m++) if (values[m] > 0) positive++;
        return positive / (double)count;
    }
}
