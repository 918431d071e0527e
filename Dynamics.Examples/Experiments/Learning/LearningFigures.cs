using Dynamics.Analysis;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Learning;

/// <summary>Figure conventions shared by the learning-dynamics experiments.</summary>
internal static class LearningFigures
{
    /// <summary>Marks an equilibrium in the project's one marker language (filled = stable, open = unstable, shape = class).</summary>
    public static void MarkEquilibrium(TrajectoryFigure figure, FixedPointClass type, double x = 0, double y = 0, string? label = null) =>
        figure.AddPoint(x, y, label ?? $"equilibrium ({x:0.##}, {y:0.##}): {FixedPointStyle.Label(type)}", FixedPointStyle.Shape(type), FixedPointStyle.Color(type));

    /// <summary>The class of the equilibrium at the origin of <paramref name="field"/>, from the signs of its eigenvalues.</summary>
    public static FixedPointClass ClassAtOrigin(Dynamics.Fields.IVectorField field)
    {
        var eigenvalues = Dynamics.Analysis.LinearStability.At(field, new double[field.Dimension]).Eigenvalues;
        double high = eigenvalues.Max(e => e.Real), low = eigenvalues.Min(e => e.Real);
        bool rotating = eigenvalues.Any(e => Math.Abs(e.Imaginary) > 1e-9);
        if (high < -1e-9) return rotating ? FixedPointClass.StableSpiral : FixedPointClass.StableNode;
        if (low > 1e-9) return rotating ? FixedPointClass.UnstableSpiral : FixedPointClass.UnstableNode;
        if (high > 1e-9 && low < -1e-9) return FixedPointClass.Saddle;
        return FixedPointClass.Centre;
    }

    /// <summary>
    /// Fixes the window (the article's plot ranges) with equal units on both axes: a parameter plane is geometric, so one
    /// unit spans as many pixels across as up; the shorter side of the window is widened to fit the frame.
    /// </summary>
    public static void SetWindow(Plot plot, double xMin, double xMax, double yMin, double yMax)
    {
        plot.Axes.SetLimits(xMin, xMax, yMin, yMax);
        plot.Axes.SquareUnits();
    }

    /// <summary>
    /// Light contour lines of log₁₀(L + 0.01) behind a loss-landscape plot: levels evenly spaced in the logarithm reach
    /// down into narrow valleys, where levels linear in L (or in log(1 + L)) leave the valley floor empty. The lines are
    /// traced on an n × n grid of loss values: a level whose band is narrower than a few cells comes out jagged or broken,
    /// so a narrow valley needs a large <paramref name="resolution"/> over the visible window only.
    /// </summary>
    public static void AddLossContours<TLoss>(Plot plot, TLoss loss, double xMin, double xMax, double yMin, double yMax, int levels = 16, int resolution = 300) where TLoss : ILoss
    {
        int n = resolution;
        var grid = new Coordinates3d[n, n];
        for (int i = 0; i < n; i++)
        {
            double y = yMin + (yMax - yMin) * i / (n - 1);
            for (int j = 0; j < n; j++)
            {
                double x = xMin + (xMax - xMin) * j / (n - 1);
                grid[i, j] = new Coordinates3d(x, y, Math.Log10(0.01 + loss.Value([x, y])));
            }
        }

        var contours = plot.Add.ContourLines(grid, levels);
        contours.Colormap = null;
        contours.LineColor = FigureColors.Background;
        contours.LineWidth = 1;
        contours.LabelStyle.IsVisible = false;
    }

    /// <summary>Parameter text with powers of ten written as 10⁻⁸ and true minus signs ("ε = 1E-08" → "ε = 10⁻⁸").</summary>
    public static string Pretty(string text) =>
        FigureText.Minuses(System.Text.RegularExpressions.Regex.Replace(text, @"(\d+(?:\.\d+)?)E([+-]?\d+)", m =>
        {
            double mantissa = double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
            string power = "10" + FigureText.Superscript(int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture).ToString(System.Globalization.CultureInfo.InvariantCulture));
            return mantissa == 1 ? power : $"{m.Groups[1].Value}×{power}";
        }));

    /// <summary>Shows data plotted as log₁₀ values on <paramref name="axis"/> with value labels and logarithmic minor ticks.</summary>
    public static void UseLogTicks(IAxis axis) => axis.TickGenerator = new LogTickGenerator();

    /// <summary>log₁₀ of each value (values must be positive).</summary>
    public static double[] Log10(IEnumerable<double> values) => [.. values.Select(Math.Log10)];

    /// <summary>A horizontal reference line (dashed unless <paramref name="pattern"/> says otherwise) with a legend entry.</summary>
    public static void AddLevel(Plot plot, double y, string label, LinePattern? pattern = null)
    {
        var line = plot.Add.HorizontalLine(y, 1.5f, FigureColors.Reference, pattern ?? LinePattern.Dashed);
        line.LegendText = label;
    }
}
