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

    /// <summary>A scatter panel of a 2-D cloud over a faint target sample, equal axis units.</summary>
    public static Plot Cloud(string title, ReadOnlySpan<double> particles, ReadOnlySpan<double> target, int index, MarkerShape shape, double half = 3.2)
    {
        var plot = FigureStyle.NewPlot(title, "x₁", "x₂");
        int n = particles.Length / 2, m = target.Length / 2;
        // The target sample is drawn with a shape no particle series uses (see Shape), so it differs by more than colour.
        var reference = plot.Add.Markers(target[..m].ToArray(), target[m..].ToArray(), TargetShape, 5, FigureColors.Background);
        reference.LegendText = "target sample";
        var cloud = plot.Add.Markers(particles[..n].ToArray(), particles[n..].ToArray(), shape, 5, FigureColors.At(index));
        cloud.LegendText = "particles";
        plot.Axes.SetLimits(-half, half, -half * 0.75, half * 0.75);
        plot.Axes.SquareUnits();
        plot.Legend.Alignment = Alignment.UpperLeft;
        plot.ShowLegend();
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
}
