using Dynamics.Validation;
using ScottPlot;

namespace Dynamics.Plotting.Styling;

/// <summary>
/// Colour for a continuous quantity that orders the series of a figure (time, a parameter such as μ): values in
/// [<see cref="Min"/>, <see cref="Max"/>] map onto <see cref="FigureColors.Sequential"/>, and
/// <see cref="AddColorBar"/> draws the key beside the frame. The light yellow end of Viridis vanishes on white, so the
/// scale stops at 85 % of the map.
/// </summary>
public sealed class SequentialScale : IHasColorAxis
{
    private const double LightestFraction = 0.85;

    /// <summary>Creates the scale for values from <paramref name="min"/> to <paramref name="max"/>.</summary>
    /// <param name="min">The value drawn darkest (e.g. the first time).</param>
    /// <param name="max">The value drawn lightest; greater than <paramref name="min"/>.</param>
    public SequentialScale(double min, double max)
    {
        Require.Finite(min, nameof(min));
        Require.Finite(max, nameof(max));
        if (!(max > min)) throw new ArgumentOutOfRangeException(nameof(max), max, $"max must exceed min = {Require.Format(min)}, but was {Require.Format(max)}.");
        Min = min;
        Max = max;
    }

    /// <summary>The value at the dark end.</summary>
    public double Min { get; }

    /// <summary>The value at the light end.</summary>
    public double Max { get; }

    /// <inheritdoc/>
    public IColormap Colormap { get; } = new Truncated();

    /// <inheritdoc/>
    public ScottPlot.Range GetRange() => new(Min, Max);

    /// <summary>The colour of <paramref name="value"/> (clamped to the range).</summary>
    /// <param name="value">A value of the quantity.</param>
    /// <returns>The colour.</returns>
    public Color ColorOf(double value) => Colormap.GetColor(Math.Clamp((value - Min) / (Max - Min), 0, 1));

    /// <summary>Adds the colour bar, labelled <paramref name="label"/>, at the right edge of <paramref name="plot"/>.</summary>
    /// <param name="plot">The plot whose series use this scale.</param>
    /// <param name="label">What the colour encodes, e.g. "t" or "μ".</param>
    public void AddColorBar(Plot plot, string label)
    {
        ArgumentNullException.ThrowIfNull(plot);
        var bar = new ScottPlot.Panels.ColorBar(this, Edge.Right) { Label = label };
        bar.LabelStyle.FontSize = 18;
        bar.LabelStyle.Bold = true;
        bar.Axis.TickLabelStyle.FontSize = 14;
        bar.Axis.TickGenerator = FigureStyle.LinearTicks();
        plot.Axes.AddPanel(bar);
    }

    // Viridis from its dark end to 85 %, where it is still a saturated yellow-green.
    private sealed class Truncated : IColormap
    {
        public string Name => "Viridis (to 85 %)";

        public Color GetColor(double position) => FigureColors.Sequential.GetColor(LightestFraction * Math.Clamp(position, 0, 1));
    }
}
