using Dynamics.Examples;
using Dynamics.Examples.Gallery;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using ScottPlot;

namespace Dynamics.Tests.Examples.Gallery;

/// <summary>
/// Regressions of the referee's fixes to the generative, diffusion and estimator figures: legends that were moved inside
/// the frame stay there, particle clouds and quiver fields keep equal units, and windows hold every plotted point
/// (stray particles had been cut off).
/// </summary>
public sealed class FigureRuleDiffusionTests : IDisposable
{
    // Figures (by panel: "file#1" is the second panel) whose legend the data leave room for inside the frame.
    private static readonly HashSet<(string Experiment, string Figure)> LegendInside =
    [
        ("gan-as-diffusion", "parameter-ode.png"), ("monoflow", "gaussian-moments.png"), ("monoflow", "gaussian-moments.png#1"),
        ("gan-as-diffusion", "comparison-particles.png"), ("monoflow", "particles-by-h.png"),
    ];

    // Figures whose axes are positions in the same units, and whose every marker and line must lie inside the window.
    private static readonly HashSet<(string Experiment, string Figure)> GeometricWhole =
    [
        ("denoising-score", "score-fields.png"), ("denoising-score", "score-fields.png#1"),
        .. Enumerable.Range(0, 6).Select(p => ("gan-as-diffusion", p == 0 ? "comparison-particles.png" : $"comparison-particles.png#{p}")),
        .. Enumerable.Range(0, 6).Select(p => ("monoflow", p == 0 ? "particles-by-h.png" : $"particles-by-h.png#{p}")),
    ];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dynamics-figp-" + Guid.NewGuid().ToString("N"));

    /// <summary>The problems of the plots an experiment wrote under these rules (empty when it follows them).</summary>
    public static List<string> Problems(string experiment, IEnumerable<(string Path, Plot Plot)> seen)
    {
        var problems = new List<string>();
        var panels = new Dictionary<string, int>();
        foreach (var (path, plot) in seen)
        {
            string file = Path.GetFileName(path);
            int panel = panels[path] = panels.GetValueOrDefault(path, -1) + 1;
            string key = panel == 0 ? file : $"{file}#{panel}";
            bool outside = plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().Any();
            if (LegendInside.Contains((experiment, key)) && (!plot.Legend.IsVisible || outside))
                problems.Add($"{key}: the legend is not inside the frame");
            if (!GeometricWhole.Contains((experiment, key))) continue;

            var limits = plot.Axes.GetLimits();
            var area = plot.RenderManager.LastRender.DataRect;
            double ratio = (limits.Right - limits.Left) / (limits.Top - limits.Bottom) / (area.Width / area.Height);
            if (Math.Abs(ratio - 1) > 0.02) problems.Add($"{key}: unequal axis units (ratio {ratio:F3})");
            foreach (var plottable in plot.GetPlottables().Where(p => p is ScottPlot.Plottables.Scatter or ScottPlot.Plottables.Markers or ScottPlot.Plottables.LinePlot))
            {
                var data = plottable.GetAxisLimits();
                if (data.Left < limits.Left || data.Right > limits.Right || data.Bottom < limits.Bottom || data.Top > limits.Top)
                    problems.Add($"{key}: data [{data.Left:G3}, {data.Right:G3}] × [{data.Bottom:G3}, {data.Top:G3}] leave the window [{limits.Left:G3}, {limits.Right:G3}] × [{limits.Bottom:G3}, {limits.Top:G3}]");
            }
        }

        return problems;
    }

    [Theory]
    [InlineData("denoising-score")]
    [InlineData("gan-as-diffusion")]
    [InlineData("monoflow")]
    public void The_fixed_figures_keep_legends_inside_equal_units_and_whole_windows(string name)
    {
        var seen = new List<(string Path, Plot Plot)>();
        using (FigureAudit.Observe((path, plot) => seen.Add((path, plot))))
            ExperimentRunner.Run(ExperimentCatalog.Find(name)!, _folder);
        var keys = seen.Select(s => Path.GetFileName(s.Path)).ToHashSet();
        // Every figure these rules name was seen, so a renamed figure cannot slip past them.
        Assert.All(LegendInside.Concat(GeometricWhole).Where(f => f.Experiment == name), f => Assert.Contains(f.Figure.Split('#')[0], keys));
        var problems = Problems(name, seen);
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_rules_catch_a_cut_window_unequal_units_and_a_legend_outside()
    {
        var plot = FigureStyle.NewPlot("particles", "x₁", "x₂");
        var cloud = plot.Add.Markers(new[] { 0.0, 1, 4 }, new[] { 0.0, 1, 0.5 });
        cloud.LegendText = "particles";
        plot.Axes.SetLimits(-3.2, 3.2, -2.4, 2.4);
        FigureStyle.ShowLegendOutside(plot);
        string path = PngFile.Save(plot, Path.Combine(_folder, "particles-by-h.png"), 900, 500);
        var problems = Problems("monoflow", [(path, plot)]);
        Assert.Contains(problems, p => p.Contains("leave the window"));
        Assert.Contains(problems, p => p.Contains("unequal axis units"));
        Assert.Contains(problems, p => p.Contains("not inside the frame"));

        plot.Axes.SetLimits(-4.2, 4.2, -2.4, 2.4);
        plot.Axes.Rules.Add(new ScottPlot.AxisRules.SquareZoomOut(plot.Axes.Bottom, plot.Axes.Left));
        FigureStyle.ShowLegendInside(plot, Alignment.UpperLeft);
        PngFile.Save(plot, path, 900, 500);
        Assert.Empty(Problems("monoflow", [(path, plot)]));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
