using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;

namespace Dynamics.Tests.Plotting.Styling;

/// <summary>The house axes: few linear ticks with true minus signs, and log axes marked as log when saved.</summary>
public sealed class AxisStyleTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dynamics-axes-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData(900, 800)]
    [InlineData(2400, 1600)]
    public void A_linear_axis_gets_a_scale_not_a_ruler_at_any_size(int width, int height)
    {
        var plot = FigureStyle.NewPlot("decay", "t", "x");
        double[] xs = [.. Enumerable.Range(0, 101).Select(i => -2 + 0.04 * i)];
        plot.Add.Scatter(xs, [.. xs.Select(x => 3 * x)]);
        plot.GetImageBytes(width, height, ScottPlot.ImageFormat.Png);
        foreach (var axis in new ScottPlot.IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            var major = axis.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
            // ScottPlot's default put about twenty ticks on an 800-pixel vertical axis.
            Assert.InRange(major.Length, 3, LinearTickGenerator.MostIntervals + 1);
            Assert.All(major.Where(t => t.Position < 0), t => Assert.StartsWith("−", t.Label, StringComparison.Ordinal));
        }
    }

    [Fact]
    public void Saving_marks_a_log_axis_as_log_once()
    {
        var plot = FigureStyle.NewPlot("errors", "h", "error");
        plot.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { -3, -5, -7 });
        plot.Axes.Left.TickGenerator = new LogTickGenerator();
        string path = Path.Combine(_folder, "errors.png");
        PngFile.Save(plot, path, 600, 400);
        PngFile.Save(plot, path, 600, 400);
        Assert.Equal("error (log scale)", plot.Axes.Left.Label.Text);
        Assert.Equal("h", plot.Axes.Bottom.Label.Text);
    }

    [Fact]
    public void A_portrait_can_put_its_legend_inside_the_frame()
    {
        var inside = PhasePortrait.Of(new Dynamics.Models.Classical.VanDerPol(), (-3, 3), (-4, 4)).LegendInside(ScottPlot.Alignment.LowerRight);
        inside.SavePng(Path.Combine(_folder, "inside.png"));
        Assert.True(inside.Plot.Legend.IsVisible);
        Assert.Empty(inside.Plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
        var outside = PhasePortrait.Of(new Dynamics.Models.Classical.VanDerPol(), (-3, 3), (-4, 4));
        outside.SavePng(Path.Combine(_folder, "outside.png"));
        Assert.Single(outside.Plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>());
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
