using ScottPlot;

namespace Dynamics.Plotting.Styling;

/// <summary>
/// Quiver arrows the way a vector-field plot in a paper draws them: a thin shaft and a solid triangular head, both in data
/// units, so that an arrow's length reads as the field's magnitude against a key (needs equal axis units).
/// </summary>
public static class Quiver
{
    // The head is a third of the arrow, capped so that long arrows keep slim heads; its half-width is under half its
    // length, the proportions of matplotlib's quiver.
    private const double HeadFraction = 0.35, HeadHalfWidth = 0.45;

    /// <summary>Adds an arrow from (<paramref name="x"/>, <paramref name="y"/>) to (x + dx, y + dy), all in data units.</summary>
    /// <param name="plot">The plot (with equal axis units).</param>
    /// <param name="x">The tail's abscissa.</param>
    /// <param name="y">The tail's ordinate.</param>
    /// <param name="dx">The arrow's horizontal extent.</param>
    /// <param name="dy">The arrow's vertical extent.</param>
    /// <param name="color">Shaft and head colour.</param>
    /// <param name="maxHead">The longest head, in data units (typically a quarter of the grid spacing).</param>
    public static void AddArrow(Plot plot, double x, double y, double dx, double dy, Color color, double maxHead)
    {
        ArgumentNullException.ThrowIfNull(plot);
        double length = Math.Sqrt(dx * dx + dy * dy);
        if (!(length > 0)) return;
        double head = Math.Min(HeadFraction * length, maxHead);
        double ux = dx / length, uy = dy / length;
        double baseX = x + dx - head * ux, baseY = y + dy - head * uy, half = HeadHalfWidth * head;
        var shaft = plot.Add.Line(x, y, baseX, baseY);
        shaft.LineColor = color;
        shaft.LineWidth = 1.3f;
        var tip = plot.Add.Polygon(
        [
            new Coordinates(x + dx, y + dy),
            new Coordinates(baseX - half * uy, baseY + half * ux),
            new Coordinates(baseX + half * uy, baseY - half * ux),
        ]);
        tip.FillColor = color;
        tip.LineWidth = 0;
    }

    /// <summary>A key: a horizontal arrow of <paramref name="length"/> data units at (x, y) with its meaning to the right.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="x">The key arrow's tail abscissa.</param>
    /// <param name="y">The key arrow's ordinate.</param>
    /// <param name="length">The arrow's length in data units.</param>
    /// <param name="label">What that length stands for, e.g. "|s| = 1".</param>
    /// <param name="color">The arrows' colour.</param>
    /// <param name="maxHead">As in <see cref="AddArrow"/>.</param>
    public static void AddKey(Plot plot, double x, double y, double length, string label, Color color, double maxHead)
    {
        AddArrow(plot, x, y, length, 0, color, maxHead);
        var text = plot.Add.Text(label, x + length + 0.5 * maxHead, y);
        text.LabelFontSize = 16;
        text.LabelAlignment = Alignment.MiddleLeft;
    }
}
