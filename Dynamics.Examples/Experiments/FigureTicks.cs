using ScottPlot;

namespace Dynamics.Examples.Experiments;

/// <summary>Tick density of the gallery's figures, shared by every experiment folder.</summary>
internal static class FigureTicks
{
    /// <summary>
    /// About <paramref name="count"/> labelled ticks on each linear axis (log and π axes keep their own generators): the
    /// house style's automatic ticks still put 12–15 labels on a 1000-pixel axis, a ruler where a reader needs a scale.
    /// </summary>
    /// <param name="plot">The plot, before it is rendered.</param>
    /// <param name="count">The number of ticks to aim for.</param>
    public static void Fewer(Plot plot, int count = 6)
    {
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            if (axis.TickGenerator is ScottPlot.TickGenerators.NumericAutomatic automatic) automatic.TargetTickCount = count;
        }
    }
}
