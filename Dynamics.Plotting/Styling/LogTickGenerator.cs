using System.Globalization;
using ScottPlot;

namespace Dynamics.Plotting.Styling;

/// <summary>
/// Ticks for an axis whose data are plotted as log₁₀ of the values: major ticks at 10ᵏ over wide ranges, at 1, 2, 5·10ᵏ
/// over one or two decades and at 1, 1.5, 2, 3, 5, 7·10ᵏ within one, each labelled with the value itself (0.03, 10⁻⁷);
/// minor ticks at 2 … 9·10ᵏ. One number format per axis: when one label lies beyond [10⁻³, 10⁴], every label is written
/// with a power of ten (10⁻⁴, 10⁻³, …, 1, … 10⁵; 5×10⁻⁴, 10⁻³), never 0.001 beside 10⁻⁴ or 5×10⁻⁴.
/// </summary>
public sealed class LogTickGenerator : ITickGenerator
{
    private const int MinPlainExponent = -3, MaxPlainExponent = 4;
    private static readonly double[] Decades = [1];
    private static readonly double[] OneTwoFive = [1, 2, 5];
    private static readonly double[] Dense = [1, 1.5, 2, 3, 5, 7];

    /// <inheritdoc/>
    public Tick[] Ticks { get; set; } = [];

    /// <inheritdoc/>
    public int MaxTickCount { get; set; } = 1000;

    /// <summary>
    /// Values (not logarithms) to put the major ticks at instead of the powers of ten or 1-2-5 sequence, e.g. the sampled
    /// N = 250, 500, …, 4000 of a doubling sweep, whose ends the 1-2-5 ticks would leave unlabelled; null for the default.
    /// </summary>
    public IReadOnlyList<double>? MajorValues { get; init; }

    /// <inheritdoc/>
    public void Regenerate(CoordinateRange range, Edge edge, PixelLength size, Paint paint, LabelStyle labelStyle)
    {
        double lo = Math.Min(range.Min, range.Max), hi = Math.Max(range.Min, range.Max);
        if (!double.IsFinite(lo) || !double.IsFinite(hi) || hi - lo <= 0)
        {
            Ticks = [];
            return;
        }

        double span = hi - lo;
        var mantissas = span > 2.5 ? Decades : span > 1.2 ? OneTwoFive : Dense;
        int every = span > 8 ? (int)Math.Ceiling(span / 8) : 1;
        var majors = new List<(double Position, double Mantissa, int Exponent)>();
        var minors = new List<Tick>();
        for (int k = (int)Math.Floor(lo) - 1; k <= (int)Math.Ceiling(hi); k++)
        {
            if (MajorValues is null)
            {
                foreach (double m in mantissas)
                {
                    double position = k + Math.Log10(m);
                    if (position < lo || position > hi || (m == 1 && k % every != 0)) continue;
                    majors.Add((position, m, k));
                }
            }

            if (span > 8) continue;
            for (int m = 2; m <= 9; m++)
            {
                double position = k + Math.Log10(m);
                if (position >= lo && position <= hi && !mantissas.Contains(m)) minors.Add(Tick.Minor(position));
            }
        }

        foreach (double value in MajorValues ?? [])
        {
            double position = Math.Log10(value);
            int k = (int)Math.Floor(position);
            if (value > 0 && position >= lo && position <= hi) majors.Add((position, value / Math.Pow(10, k), k));
        }

        // One format for the whole axis: powers of ten for every label as soon as one of them needs one.
        bool powers = majors.Any(tick => tick.Exponent is < MinPlainExponent or > MaxPlainExponent);
        var ticks = majors.Select(tick => Tick.Major(tick.Position, Label(tick.Mantissa, tick.Exponent, powers))).Concat(minors).OrderBy(tick => tick.Position);
        Ticks = [.. ticks.Take(MaxTickCount)];
    }

    // m·10ᵏ as a plain decimal for moderate k, else as 10ᵏ or m×10ᵏ with a real superscript and minus sign (10⁻⁷, 2×10⁵);
    // 1 stays "1" even among powers, as in most papers.
    private static string Label(double m, int k, bool powers)
    {
        double value = m * Math.Pow(10, k);
        if (k == 0 && m == 1) return "1";
        if (!powers && k is >= MinPlainExponent and <= MaxPlainExponent) return value.ToString("0.#######", CultureInfo.InvariantCulture);
        string power = "10" + FigureText.Superscript(k.ToString(CultureInfo.InvariantCulture));
        return m == 1 ? power : $"{m.ToString(CultureInfo.InvariantCulture)}×{power}";
    }
}
