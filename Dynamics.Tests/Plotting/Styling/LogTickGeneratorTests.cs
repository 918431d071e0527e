using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Tests.Plotting.Styling;

public class LogTickGeneratorTests
{
    [Theory]
    [InlineData(-7.2, -1.8, new[] { "10⁻⁷", "10⁻⁶", "10⁻⁵", "10⁻⁴", "10⁻³", "10⁻²" })]
    [InlineData(1.5, 5.2, new[] { "10²", "10³", "10⁴", "10⁵" })]
    [InlineData(-2.2, 3.1, new[] { "0.01", "0.1", "1", "10", "100", "1000" })]
    [InlineData(-1.6, -0.4, new[] { "0.05", "0.1", "0.2" })]
    [InlineData(-2.95, -1.95, new[] { "0.0015", "0.002", "0.003", "0.005", "0.007", "0.01" })]
    // One format per axis: 5×10⁻⁴ needs a power of ten, so 0.001 is written 10⁻³ beside it.
    [InlineData(-3.5, -2.4, new[] { "5×10⁻⁴", "7×10⁻⁴", "10⁻³", "1.5×10⁻³", "2×10⁻³", "3×10⁻³" })]
    public void Major_ticks_label_the_values_at_a_density_that_suits_the_range(double lo, double hi, string[] labels)
    {
        var generator = new LogTickGenerator();
        generator.Regenerate(new CoordinateRange(lo, hi), Edge.Left, new PixelLength(500), null!, new LabelStyle());
        var major = generator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.Equal(labels, major.Select(t => t.Label));
        Assert.All(major, t => Assert.Equal(ParseLabel(t.Label), Math.Pow(10, t.Position), 1e-12 * Math.Pow(10, t.Position)));
        Assert.All(generator.Ticks, t => Assert.InRange(t.Position, lo, hi));
    }

    // "0.05", "10⁻⁷" or "2×10⁵" back to a number.
    private static double ParseLabel(string label)
    {
        const string superscripts = "⁰¹²³⁴⁵⁶⁷⁸⁹";
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        int power = label.IndexOf("10", StringComparison.Ordinal);
        if (power < 0 || label.Length == power + 2 || !(superscripts.Contains(label[power + 2]) || label[power + 2] == '⁻')) return double.Parse(label, invariant);
        double mantissa = power > 0 ? double.Parse(label[..(power - 1)], invariant) : 1;
        string exponent = string.Concat(label[(power + 2)..].Select(c => c == '⁻' ? '-' : (char)('0' + superscripts.IndexOf(c))));
        return mantissa * Math.Pow(10, int.Parse(exponent, invariant));
    }

    [Fact]
    public void Chosen_major_values_replace_the_one_two_five_ticks_and_keep_the_label_format()
    {
        // A doubling sweep N = 250 … 4000 (plus one value outside the range, which must be left out).
        var generator = new LogTickGenerator { MajorValues = [125, 250, 500, 1000, 2000, 4000] };
        double lo = Math.Log10(220), hi = Math.Log10(4500);
        generator.Regenerate(new CoordinateRange(lo, hi), Edge.Bottom, new PixelLength(500), null!, new LabelStyle());
        var major = generator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.Equal(["250", "500", "1000", "2000", "4000"], major.Select(t => t.Label));
        Assert.All(major, t => Assert.Equal(ParseLabel(t.Label), Math.Pow(10, t.Position), 1e-9 * Math.Pow(10, t.Position)));
        Assert.Contains(generator.Ticks, t => !t.IsMajor);
    }

    [Fact]
    public void An_empty_or_invalid_range_has_no_ticks()
    {
        var generator = new LogTickGenerator();
        generator.Regenerate(new CoordinateRange(1, 1), Edge.Left, new PixelLength(500), null!, new LabelStyle());
        Assert.Empty(generator.Ticks);
    }
}
