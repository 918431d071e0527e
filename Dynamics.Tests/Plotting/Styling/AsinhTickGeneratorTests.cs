using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Tests.Plotting.Styling;

public class AsinhTickGeneratorTests
{
    [Theory]
    // The VE probability-flow panel: data at ±1.5, starts up to ±61 (1, 2, 5 would make 13 ticks: thinned to 1, 5).
    [InlineData(1.0, 61.0, new[] { "−50", "−10", "−5", "−1", "0", "1", "5", "10", "50" })]
    [InlineData(1.0, 3.0, new[] { "−2", "−1", "0", "1", "2" })]
    [InlineData(0.1, 2.0, new[] { "−2", "−1", "−0.5", "−0.2", "−0.1", "0", "0.1", "0.2", "0.5", "1", "2" })]
    [InlineData(1.0, 5000.0, new[] { "−1000", "−100", "−10", "−1", "0", "1", "10", "100", "1000" })]
    public void Major_ticks_label_the_values_at_their_transformed_positions(double width, double reach, string[] labels)
    {
        var generator = new AsinhTickGenerator(width);
        double edge = generator.Transform(reach);
        generator.Regenerate(new CoordinateRange(-edge, edge), Edge.Left, new PixelLength(500), null!, new LabelStyle());
        Assert.Equal(labels, generator.Ticks.Select(t => t.Label));
        // Each tick sits where its value is drawn: asinh(label / w), to rounding.
        Assert.All(generator.Ticks, t => Assert.Equal(Math.Asinh(double.Parse(t.Label.Replace('−', '-'), System.Globalization.CultureInfo.InvariantCulture) / width), t.Position, 1e-12));
    }

    [Fact]
    public void Transform_is_linear_near_zero_and_logarithmic_far_out()
    {
        var generator = new AsinhTickGenerator(2);
        Assert.Equal(0.001 / 2, generator.Transform(0.001), 1e-9);
        // asinh(u) = ln(2u) + O(u⁻²): a factor 10 in x is ln 10 on the axis.
        Assert.Equal(Math.Log(10), generator.Transform(20_000) - generator.Transform(2_000), 1e-6);
        Assert.Equal(-generator.Transform(7), generator.Transform(-7));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_width_that_is_not_positive_and_finite_is_rejected_by_name(double width)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new AsinhTickGenerator(width));
        Assert.Equal("width", error.ParamName);
    }
}
