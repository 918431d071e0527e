using ScottPlot;

namespace Dynamics.Plotting.Styling;

/// <summary>
/// Draws paths the house way: a line, a cross (×) at the start and filled arrowheads along it showing the direction
/// of motion, placed at equal fractions of the arc length and sized in pixels so they read at any zoom.
/// </summary>
internal static class PathDrawing
{
    /// <summary>Adds the path as a line with a start marker and direction arrows; returns the line for legend wiring.</summary>
    public static ScottPlot.Plottables.Scatter Add(Plot plot, double[] xs, double[] ys, Color color, float lineWidth, int arrows, bool startMarker = true,
        LinePattern? pattern = null)
    {
        var line = plot.Add.ScatterLine(xs, ys, color);
        line.LineWidth = lineWidth;
        if (pattern is { } p) line.LinePattern = p;
        if (startMarker)
        {
            var start = plot.Add.Marker(xs[0], ys[0], FixedPointStyle.StartShape, 12, color);
            start.MarkerLineWidth = 2.5f;
        }

        foreach (int i in ArrowIndices(xs, ys, arrows)) AddArrowhead(plot, xs[i], ys[i], xs[i + 1], ys[i + 1], color, 16);
        return line;
    }

    /// <summary>A filled arrowhead at (x0, y0) pointing towards (x1, y1), <paramref name="size"/> pixels long.</summary>
    public static void AddArrowhead(Plot plot, double x0, double y0, double x1, double y1, Color color, float size)
    {
        var arrow = plot.Add.Arrow(new Coordinates(x0, y0), new Coordinates(x1, y1));
        arrow.ArrowFillColor = color;
        arrow.ArrowLineColor = color;
        arrow.ArrowLineWidth = 0;
        arrow.ArrowWidth = 0;
        arrow.ArrowheadLength = size;
        arrow.ArrowheadWidth = 0.875f * size;
        arrow.ArrowheadAxisLength = size;
        arrow.ArrowMinimumLength = size;
        arrow.ArrowMaximumLength = size;
    }

    /// <summary>Indices i (with i + 1 valid) at equal fractions of the path's arc length, skipping degenerate segments.</summary>
    public static List<int> ArrowIndices(double[] xs, double[] ys, int count)
    {
        var indices = new List<int>();
        if (count <= 0 || xs.Length < 2) return indices;
        var cumulative = new double[xs.Length];
        for (int i = 1; i < xs.Length; i++) cumulative[i] = cumulative[i - 1] + Math.Sqrt(Square(xs[i] - xs[i - 1]) + Square(ys[i] - ys[i - 1]));
        double total = cumulative[^1];
        if (!(total > 0)) return indices;
        int j = 0;
        for (int k = 1; k <= count; k++)
        {
            double target = total * k / (count + 1);
            while (j < xs.Length - 2 && (cumulative[j + 1] < target || cumulative[j + 1] == cumulative[j])) j++;
            if (cumulative[j + 1] > cumulative[j] && !indices.Contains(j)) indices.Add(j);
        }

        return indices;
    }

    private static double Square(double v) => v * v;
}
