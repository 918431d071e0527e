using Dynamics.Models.Optimization;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Learning;

/// <summary>Figure conventions shared by the learning-dynamics experiments.</summary>
internal static class LearningFigures
{
    /// <summary>Su's figures mark the equilibrium with a red dot.</summary>
    public static void MarkEquilibrium(TrajectoryFigure figure, double x = 0, double y = 0, string label = "equilibrium (0, 0)") =>
        figure.AddPoint(x, y, label, MarkerShape.FilledCircle, Colors.Red);

    /// <summary>Fixes the window (the article's plot ranges); callers choose the image size so units come out nearly square.</summary>
    public static void SetWindow(Plot plot, double xMin, double xMax, double yMin, double yMax) => plot.Axes.SetLimits(xMin, xMax, yMin, yMax);

    /// <summary>Light contour lines of log₁₀(1 + L) behind a loss-landscape plot, so valleys and basins show without hiding the paths.</summary>
    public static void AddLossContours<TLoss>(Plot plot, TLoss loss, double xMin, double xMax, double yMin, double yMax, int levels = 16) where TLoss : ILoss
    {
        const int n = 100;
        var grid = new Coordinates3d[n, n];
        for (int i = 0; i < n; i++)
        {
            double y = yMin + (yMax - yMin) * i / (n - 1);
            for (int j = 0; j < n; j++)
            {
                double x = xMin + (xMax - xMin) * j / (n - 1);
                grid[i, j] = new Coordinates3d(x, y, Math.Log10(1 + loss.Value([x, y])));
            }
        }

        var contours = plot.Add.ContourLines(grid, levels);
        contours.Colormap = null;
        contours.LineColor = FigureColors.Background;
        contours.LineWidth = 1;
        contours.LabelStyle.IsVisible = false;
    }

    /// <summary>Shows data plotted as log₁₀ values on <paramref name="axis"/> with value labels and logarithmic minor ticks.</summary>
    public static void UseLogTicks(IAxis axis) => axis.TickGenerator = new LogTickGenerator();

    /// <summary>log₁₀ of each value (values must be positive).</summary>
    public static double[] Log10(IEnumerable<double> values) => [.. values.Select(Math.Log10)];

    /// <summary>A horizontal dashed reference line with a legend entry.</summary>
    public static void AddLevel(Plot plot, double y, string label)
    {
        var line = plot.Add.HorizontalLine(y, 1.5f, FigureColors.Reference, LinePattern.Dashed);
        line.LegendText = label;
    }
}
