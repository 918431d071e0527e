using Dynamics.Distributions;
using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Generative;

/// <summary>Figure and sampling conventions shared by the MonoFlow experiments.</summary>
internal static class GenerativeFigures
{
    /// <summary>MonoFlow's notebook target covariance Σ_p = LLᵀ, L = [[1, 0], [0.8, 0.5]].</summary>
    public static readonly double[] NotebookCovariance = [1, 0.8, 0.8, 0.89];

    /// <summary>The 2-D mixture target of the comparisons: weights 0.3/0.7 at (∓1.5, 0), standard deviation 0.5.</summary>
    public static GaussianMixture Mixture() => GaussianMixture.Isotropic([0.3, 0.7], [-1.5, 0, 1.5, 0], [0.5, 0.5]);

    /// <summary>N(m, S) as a one-component mixture.</summary>
    public static GaussianMixture Gaussian(double[] mean, double[] covariance) => new([1.0], mean, covariance);

    /// <summary>N samples of a law, component-major.</summary>
    public static double[] Sample(GaussianMixture law, int count, ulong seed)
    {
        var points = new double[law.Dimension * count];
        law.Sample(seed, 0, count, points, default);
        return points;
    }

    /// <summary>The marker of a target sample under a particle cloud: a plus, never one of <see cref="Shape"/>'s.</summary>
    public const MarkerShape TargetShape = MarkerShape.Cross;

    // The height (data units) of a strip above the clouds that holds the two-entry legend clear of every point.
    private const double LegendStrip = 0.8;

    /// <summary>
    /// The half-widths (x₁, x₂) of a window that holds every point of <paramref name="clouds"/> (component-major 2-D
    /// samples) with a 4 % margin, at least ±3.2 by ±2.4: one window for all panels of a figure, so they compare.
    /// </summary>
    public static (double X, double Y) Window(IEnumerable<double[]> clouds)
    {
        double x = 3.2 / 1.04, y = 2.4 / 1.04;
        foreach (var cloud in clouds)
        {
            int n = cloud.Length / 2;
            for (int i = 0; i < n; i++)
            {
                x = Math.Max(x, Math.Abs(cloud[i]));
                y = Math.Max(y, Math.Abs(cloud[n + i]));
            }
        }

        return (1.04 * x, 1.04 * y);
    }

    /// <summary>
    /// A scatter panel of a 2-D cloud over a faint target sample, equal axis units, in <paramref name="window"/> (see
    /// <see cref="Window"/>) plus a strip on top for the legend.
    /// </summary>
    public static Plot Cloud(string title, ReadOnlySpan<double> particles, ReadOnlySpan<double> target, int index, MarkerShape shape, (double X, double Y) window)
    {
        var plot = FigureStyle.NewPlot(title, "x₁", "x₂");
        int n = particles.Length / 2, m = target.Length / 2;
        // The target sample is drawn with a shape no particle series uses (see Shape), so it differs by more than colour.
        var reference = plot.Add.Markers(target[..m].ToArray(), target[m..].ToArray(), TargetShape, 5, FigureColors.Background);
        reference.LegendText = "target sample";
        var cloud = plot.Add.Markers(particles[..n].ToArray(), particles[n..].ToArray(), shape, 5, FigureColors.At(index));
        cloud.LegendText = "particles";
        plot.Axes.SetLimits(-window.X, window.X, -window.Y, window.Y + LegendStrip);
        // Equal units by zooming out only, so the window (and the legend's strip) is never cut.
        plot.Axes.Rules.Add(new ScottPlot.AxisRules.SquareZoomOut(plot.Axes.Bottom, plot.Axes.Left));
        FigureStyle.ShowLegendInside(plot, Alignment.UpperLeft);
        return plot;
    }

    /// <summary>Distinct marker shapes for series told apart without colour.</summary>
    public static MarkerShape Shape(int index) => (index % 6) switch
    {
        0 => MarkerShape.FilledCircle,
        1 => MarkerShape.FilledSquare,
        2 => MarkerShape.FilledTriangleUp,
        3 => MarkerShape.OpenCircle,
        4 => MarkerShape.OpenSquare,
        _ => MarkerShape.FilledDiamond,
    };

    /// <summary>Line patterns cycling with the series.</summary>
    public static LinePattern Pattern(int index) => (index % 4) switch
    {
        0 => LinePattern.Solid,
        1 => LinePattern.Dashed,
        2 => LinePattern.Dotted,
        _ => LinePattern.DenselyDashed,
    };

    /// <summary>
    /// Names curves at their right ends (x, yᵢ) in their colours, in place of a legend entry per curve; labels closer
    /// than <paramref name="minGap"/> (data units) are pushed apart vertically, keeping their order.
    /// </summary>
    public static void EndLabels(Plot plot, double x, IReadOnlyList<(double Y, string Text, Color Color)> labels, double minGap)
    {
        var sorted = labels.OrderBy(l => l.Y).ToArray();
        var ys = sorted.Select(l => l.Y).ToArray();
        for (int i = 1; i < ys.Length; i++) ys[i] = Math.Max(ys[i], ys[i - 1] + minGap);
        // Pushing up only would drift the whole stack upwards: centre it on the curves' ends again.
        double shift = (sorted.Sum(l => l.Y) - ys.Sum()) / ys.Length;
        for (int i = 0; i < sorted.Length; i++)
        {
            var text = plot.Add.Text(sorted[i].Text, x, ys[i] + shift);
            text.LabelFontSize = 17;
            text.LabelBold = true;
            text.LabelFontColor = sorted[i].Color;
            text.LabelAlignment = Alignment.MiddleLeft;
        }
    }

    /// <summary>A legend entry in the reference grey that explains a line style or marker shared by several colours.</summary>
    public static LegendItem StyleKey(string label, MarkerShape marker = MarkerShape.None, float lineWidth = 0) => new()
    {
        LabelText = label, LineColor = FigureColors.Reference, LineWidth = lineWidth, MarkerShape = marker, MarkerSize = 9,
        MarkerFillColor = FigureColors.Reference, MarkerLineColor = FigureColors.Reference, MarkerLineWidth = 1.5f,
    };
}
