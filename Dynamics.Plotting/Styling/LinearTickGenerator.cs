using ScottPlot;
using ScottPlot.TickGenerators;

namespace Dynamics.Plotting.Styling;

/// <summary>
/// Ticks for a linear axis (or colour bar) in the house style: labels with a true minus sign (U+2212) where ScottPlot's
/// default writes a hyphen, and at most about <see cref="MostIntervals"/> intervals between major ticks however long the
/// axis, never closer than <see cref="MinimumSpacing"/> pixels. ScottPlot spaces a vertical axis' ticks by the height of
/// one label, which put twenty on a 700-pixel axis: a reader needs a scale, not a ruler.
/// </summary>
public sealed class LinearTickGenerator : ITickGenerator
{
    /// <summary>The least distance between two major ticks, in pixels.</summary>
    public const float MinimumSpacing = 75;

    /// <summary>The most intervals between major ticks on one axis (so at most one more tick than this).</summary>
    public const int MostIntervals = 10;

    private readonly NumericAutomatic _automatic = new() { LabelFormatter = FigureStyle.TickLabel, TickDensity = 0.5 };

    /// <inheritdoc/>
    public Tick[] Ticks
    {
        get => _automatic.Ticks;
        set => _automatic.Ticks = value;
    }

    /// <inheritdoc/>
    public int MaxTickCount
    {
        get => _automatic.MaxTickCount;
        set => _automatic.MaxTickCount = value;
    }

    /// <inheritdoc/>
    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        _automatic.MinimumTickSpacing = Math.Max(MinimumSpacing, size.Length / MostIntervals);
        _automatic.Regenerate(range, edge, size, paint, labelStyle);
    }
}
