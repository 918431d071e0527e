using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Tests.Plotting;

public class LogTickGeneratorTests
{
    [Theory]
    [InlineData(-7.2, -1.8, new[] { "1e-7", "1e-6", "1e-5", "1e-4", "0.001", "0.01" })]
    [InlineData(-1.6, -0.4, new[] { "0.05", "0.1", "0.2" })]
    [InlineData(-2.95, -1.95, new[] { "0.0015", "0.002", "0.003", "0.005", "0.007", "0.01" })]
    public void Major_ticks_label_the_values_at_a_density_that_suits_the_range(double lo, double hi, string[] labels)
    {
        var generator = new LogTickGenerator();
        generator.Regenerate(new CoordinateRange(lo, hi), Edge.Left, new PixelLength(500), null!, new LabelStyle());
        var major = generator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.Equal(labels, major.Select(t => t.Label));
        Assert.All(major, t => Assert.Equal(double.Parse(t.Label, System.Globalization.CultureInfo.InvariantCulture), Math.Pow(10, t.Position), 1e-12 * Math.Pow(10, t.Position)));
        Assert.All(generator.Ticks, t => Assert.InRange(t.Position, lo, hi));
    }

    [Fact]
    public void An_empty_or_invalid_range_has_no_ticks()
    {
        var generator = new LogTickGenerator();
        generator.Regenerate(new CoordinateRange(1, 1), Edge.Left, new PixelLength(500), null!, new LabelStyle());
        Assert.Empty(generator.Ticks);
    }
}
