using Dynamics.Models.Classical;
using Dynamics.Plotting;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Tests.Plotting.Figures;

/// <summary>
/// Every figure type draws its data whether or not its series carry legend labels. Before the fix an edge legend with
/// no labelled items collapsed the data area (ScottPlot measures it NaN pixels wide) and a blank white PNG was written.
/// </summary>
public sealed class NoBlankFigureTests : IDisposable
{
    private const int MinimumSeriesPixels = 300;
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dynamics-ink-" + Guid.NewGuid().ToString("N"));

    [Theory]
    [InlineData("")]
    [InlineData("a labelled series")]
    public void Time_series_draw_their_line(string label)
    {
        var figure = new TimeSeriesFigure("title", "y").AddSeries([0.0, 1, 2, 3], [0.0, 1, 4, 9], label);
        string path = figure.SavePng(Path.Combine(_folder, "series.png"));
        Assert.True(ImageInk.CountColor(path, FigureColors.At(0)) > MinimumSeriesPixels, "the series' colour is missing from the picture");
    }

    [Theory]
    [InlineData("")]
    [InlineData("a path")]
    public void Trajectory_figures_draw_their_path(string label)
    {
        var figure = new TrajectoryFigure("title", "x", "y").AddPath([0.0, 1, 2, 3], [0.0, 1, 0, 1], label);
        string path = figure.SavePng(Path.Combine(_folder, "path.png"));
        Assert.True(ImageInk.CountColor(path, FigureColors.At(0)) > MinimumSeriesPixels);
    }

    [Theory]
    [InlineData("")]
    [InlineData("method")]
    public void Convergence_figures_draw_their_series(string label)
    {
        var figure = new ConvergenceFigure("title", "h", "error").AddSeries([1.0, 0.1, 0.01], [1.0, 1e-2, 1e-4], label);
        string path = figure.SavePng(Path.Combine(_folder, "convergence.png"));
        Assert.True(ImageInk.CountColor(path, FigureColors.At(0)) > MinimumSeriesPixels);
    }

    [Fact]
    public void Work_precision_figures_draw_each_method_in_the_house_palette()
    {
        var figure = new WorkPrecisionFigure("title");
        figure.AddMethod("A", [1e-3, 1e-2, 1e-1], [1e-3, 1e-6, 1e-9]);
        figure.AddMethod("B", [2e-3, 2e-2, 2e-1], [1e-2, 1e-5, 1e-8]);
        string path = Path.Combine(_folder, "work.png");
        figure.SavePng(path);
        Assert.True(ImageInk.CountColor(path, FigureColors.At(0)) > MinimumSeriesPixels);
        Assert.True(ImageInk.CountColor(path, FigureColors.At(1)) > MinimumSeriesPixels);
    }

    [Fact]
    public void Phase_portraits_and_panels_without_any_legend_item_still_draw()
    {
        var portrait = PhasePortrait.Of(new HarmonicOscillator(), (-2, 2), (-2, 2))
            .Background(FieldBackground.None).Nullclines(false).FixedPoints(false)
            .Trajectories([[1.0, 0.0]], forward: 7);
        string single = portrait.SavePng(Path.Combine(_folder, "portrait.png"));
        var trajectoryColor = FigureColors.At(3);
        Assert.True(ImageInk.CountColor(single, trajectoryColor) > MinimumSeriesPixels);

        var unlabelled = new TimeSeriesFigure("panel", "y").AddSeries([0.0, 1, 2], [2.0, 0, 1], "");
        unlabelled.Plot.ShowLegend(Edge.Right);
        string panels = new MultiPanelFigure(1, 2).Add(unlabelled.Plot).Add(new TimeSeriesFigure("other", "y").AddSeries([0.0, 1], [0.0, 1], "b").Plot)
            .SavePng(Path.Combine(_folder, "panels.png"));
        Assert.True(ImageInk.CountColor(panels, FigureColors.At(0)) > 2 * MinimumSeriesPixels);
    }

    [Fact]
    public void A_plot_that_would_render_blank_is_refused_and_nothing_is_written()
    {
        var plot = new Plot();
        plot.Add.ScatterLine(new double[] { 0, 1 }, new double[] { 0, 1 });
        plot.ShowLegend(Edge.Right); // the raw ScottPlot call that collapses the data area
        string path = Path.Combine(_folder, "blank.png");
        var ex = Assert.Throws<InvalidOperationException>(() => PngFile.Save(plot, path));
        Assert.Contains("blank", ex.Message);
        Assert.False(File.Exists(path));
        Assert.True(PngFile.InkFraction(new Plot().GetImageBytes(300, 200, ImageFormat.Png)) > 0, "an empty frame with ticks still has ink");
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
