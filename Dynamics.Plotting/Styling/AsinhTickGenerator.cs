using ScottPlot;

namespace Dynamics.Plotting.Styling;

/// <summary>
/// Ticks for an axis whose data are plotted as asinh(x / w) (<see cref="Transform"/>): linear for |x| ≲ w and
/// logarithmic beyond, so values that span from the data's scale to a hundred times more (a variance-exploding
/// diffusion's noise against its data) share one readable axis, signs and zero included. Major ticks at 0 and
/// ±1, 2, 5·10ᵏ (thinned to 1, 5·10ᵏ or 10ᵏ where they would crowd it), each labelled with the value itself and a true minus sign.
/// </summary>
/// <param name="width">w &gt; 0, the half-width of the linear part (the data's own scale).</param>
public sealed class AsinhTickGenerator(double width) : ITickGenerator
{
    // A scale, not a ruler: at most this many major ticks (the gallery's rule allows twelve).
    private const int MostTicks = 11;
    private static readonly double[] OneTwoFive = [1, 2, 5];

    /// <summary>The half-width w of the linear part.</summary>
    public double Width { get; } = width > 0 && double.IsFinite(width)
        ? width
        : throw new ArgumentOutOfRangeException(nameof(width), width, $"width must be positive and finite, but was {width}.");

    /// <inheritdoc/>
    public Tick[] Ticks { get; set; } = [];

    /// <inheritdoc/>
    public int MaxTickCount { get; set; } = 1000;

    /// <summary>The plotted coordinate asinh(x / w) of the value <paramref name="x"/>.</summary>
    /// <param name="x">The value.</param>
    /// <returns>asinh(x / w).</returns>
    public double Transform(double x) => Math.Asinh(x / Width);

    /// <inheritdoc/>
    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        double lo = Math.Min(range.Min, range.Max), hi = Math.Max(range.Min, range.Max);
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || hi - lo <= 0)
        {
            Ticks = [];
            return;
        }

        // Candidate magnitudes 1, 2, 5·10ᵏ from w up to the largest value shown; coarser sets when they crowd the axis.
        // Rounding slack, so that a window whose edge is exactly a tick value keeps that tick.
        const double slack = 1e-9;
        double largest = Width * Math.Sinh(Math.Max(Math.Abs(lo), Math.Abs(hi))) * (1 + slack);
        var values = new List<double>();
        foreach (var mantissas in new[] { OneTwoFive, [1, 5], [1] })
        {
            values = [0];
            for (int k = (int)Math.Floor(Math.Log10(Width)); Math.Pow(10, k) <= largest; k++)
            {
                foreach (double m in mantissas)
                {
                    double v = m * Math.Pow(10, k);
                    // Within ±w the axis is linear and short: a tick there other than 0 would only crowd it.
                    if (v < Width || v > largest) continue;
                    values.Add(v);
                    values.Add(-v);
                }
            }

            values.RemoveAll(v => Transform(v) < lo - slack || Transform(v) > hi + slack);
            if (values.Count <= MostTicks) break;
        }

        Ticks = [.. values.Order().Select(v => Tick.Major(Transform(v), FigureText.Number(v, 3)))];
    }
}
