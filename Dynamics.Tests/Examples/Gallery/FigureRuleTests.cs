using System.Text.RegularExpressions;
using Dynamics.Examples.Gallery;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Tests.Repository;
using ScottPlot;

namespace Dynamics.Tests.Examples.Gallery;

/// <summary>
/// The house rules of the gallery's figures, checked on every plot each experiment writes (seen through
/// <see cref="FigureAudit"/> in <see cref="GalleryTests"/>): no internal references in titles, real super/subscripts instead of carets and
/// underscores, true minus signs and powers of ten (no E notation) in titles, axis labels and legends, equal units on geometric x–y plots, no blank picture, every
/// labelled series in a shown legend, no two legend entries that look alike (same colour, line and marker), and no start markers of
/// several series piled on one shared start. Axes: a
/// log axis (log ticks) says so in its label ("log scale", which every save appends where it is missing), and an axis
/// whose label says "log scale" has log ticks; an angle axis (unit "(rad)") spanning π or more has π-multiple ticks; a linear axis has at most
/// <see cref="MostMajorTicks"/> major ticks. Figures known to have room keep their legend inside the frame, and no
/// heatmap is drawn as blocks large enough to show a staircase.
/// </summary>
public sealed partial class FigureRuleTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dynamics-rules-" + Guid.NewGuid().ToString("N"));

    // Plots whose two axes are lengths in the same units (positions, parameter planes): one unit must span as many
    // pixels across as up. A multi-panel figure's panels are told apart by their order ("file#1" is its second panel).
    private static readonly HashSet<(string Experiment, string Figure)> Geometric =
    [
        ("pursuit", "variant-a.png"), ("pursuit", "pursuit-curves.png"),
        ("solar-furnace", "mirror-rays.png"), ("solar-furnace", "family.png"),
        ("gan-dynamics", "vanilla.png"), ("gan-dynamics", "wgan.png"), ("gan-dynamics", "wgan-gp-0.png"), ("gan-dynamics", "wgan-gp-1.png"),
        ("gan-dynamics", "gan-qp.png"), ("gan-dynamics", "gan-qp-l2.png"), ("gan-dynamics", "ema.png"), ("gan-discrete", "vanilla-discrete.png"), ("gan-discrete", "vanilla-discrete.png#1"),
        ("optimizers", "rosenbrock.png"), ("optimizers", "himmelblau.png"), ("optimizers", "beale.png"),
        ("lorenz", "attractor-xz.png"), ("lorenz", "section-z27.png"), ("lorenz", "lorenz-map.png"),
        ("solar-furnace", "parameterisations.png"), ("solar-furnace", "parameterisations.png#1"), ("solar-furnace", "parameterisations.png#2"),
        ("solar-furnace", "parameterisations.png#3"),
        ("gan-dynamics", "ema.png#1"), ("simsiam", "phase-plane.png"), ("simsiam", "phase-plane.png#1"),
        ("optimizers", "rosenbrock.png#1"), ("optimizers", "rosenbrock.png#2"), ("optimizers", "rosenbrock.png#3"), ("optimizers", "rosenbrock.png#4"),
    ];

    // Figures whose legend has room inside the frame (it was put there, and must not drift back outside, where it
    // narrows the data area).
    private static readonly HashSet<(string Experiment, string Figure)> LegendInside =
    [
        ("optimizers", "map-versus-flow.png"), ("van-der-pol", "phase-portrait.png"), ("pendulum", "phase-portrait.png"),
        ("probability-flow", "trajectories.png"), ("probability-flow", "trajectories.png#1"), ("samplers", "orders.png"),
        ("lotka-volterra", "phase-portrait.png"), ("duffing", "phase-portrait.png"), ("pendulum", "frictionless.png"), ("van-der-pol", "mu-family.png"),
    ];

    // A heatmap (a basin map) drawn as blocks larger than this shows its grid as a staircase along every boundary.
    private const double LargestSharpCell = 3;

    // Start markers closer than this (pixels) sit on one another.
    private const double PileDistance = 4;

    // A reader needs a scale, not a ruler: more major ticks than this on one linear axis crowd it.
    private const int MostMajorTicks = 12;

    /// <summary>
    /// The problems with the plots one experiment wrote (empty when it follows the rules). Called from the gallery test,
    /// which runs every experiment once under <see cref="FigureAudit.Observe"/>.
    /// </summary>
    public static List<string> Problems(string experiment, IEnumerable<(string Path, Plot Plot)> seen)
    {
        var problems = new List<string>();
        var panels = new Dictionary<string, int>();
        foreach (var (path, plot) in seen)
        {
            string file = Path.GetFileName(path), title = plot.Axes.Title.Label.Text;
            int panel = panels[path] = panels.GetValueOrDefault(path, -1) + 1;
            if (InternalReference().IsMatch(title)) problems.Add($"{file}: internal reference in the title '{title}'");
            // A title wider than its panel runs into the next panel's (multi-panel figures) or off the image.
            float titleWidth = TitleWidth(plot), panelWidth = plot.RenderManager.LastRender.FigureRect.Width;
            if (titleWidth > panelWidth) problems.Add($"{file}: title '{title}' is {titleWidth:F0} px wide, its panel {panelWidth:F0} px");
            var legend = plot.Legend.GetItems().Where(item => !string.IsNullOrWhiteSpace(item.LabelText)).ToList();
            problems.AddRange(TypographyProblems(new[] { title, plot.Axes.Bottom.Label.Text, plot.Axes.Left.Label.Text }.Concat(legend.Select(item => item.LabelText)))
                .Select(problem => $"{file}: {problem}"));

            // A labelled series whose legend is hidden cannot be identified by the reader.
            bool legendShown = plot.Legend.IsVisible || plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().Any();
            if (legend.Count > 0 && !legendShown) problems.Add($"{file}: {legend.Count} labelled series but no legend");
            // Two entries drawn alike (colour, line pattern and marker) cannot be told apart, in the legend or on the plot.
            foreach (var twins in legend.GroupBy(Look).Where(g => g.Select(item => item.LabelText).Distinct().Count() > 1))
                problems.Add($"{file}: legend entries drawn alike: {string.Join(" | ", twins.Select(item => $"'{item.LabelText}'"))}");

            if (PngFile.InkFraction(File.ReadAllBytes(path)) < PngFile.MinimumInkFraction) problems.Add($"{file} is blank");
            foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left }) problems.AddRange(AxisProblems(file, axis));
            string key = panel == 0 ? file : $"{file}#{panel}";
            if (LegendInside.Contains((experiment, key)) && (!plot.Legend.IsVisible || plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().Any()))
                problems.Add($"{file}: the legend is outside the frame although the data leave room inside");
            problems.AddRange(PixelatedHeatmaps(plot).Select(problem => $"{file}: {problem}"));
            problems.AddRange(PiledStartMarkers(plot).Select(problem => $"{file}: {problem}"));
            if (Geometric.Contains((experiment, key)))
            {
                var limits = plot.Axes.GetLimits();
                var area = plot.RenderManager.LastRender.DataRect;
                double unitsRatio = (limits.Right - limits.Left) / (limits.Top - limits.Bottom), pixelRatio = area.Width / area.Height;
                if (Math.Abs(unitsRatio / pixelRatio - 1) > 0.02) problems.Add($"{file}: unequal axis units (x/y units per pixel ratio {unitsRatio / pixelRatio:F3})");
            }
        }

        return problems;
    }

    /// <summary>Heatmaps drawn as sharp blocks wider or taller than <see cref="LargestSharpCell"/> pixels.</summary>
    private static IEnumerable<string> PixelatedHeatmaps(Plot plot)
    {
        var limits = plot.Axes.GetLimits();
        var area = plot.RenderManager.LastRender.DataRect;
        foreach (var heatmap in plot.GetPlottables<ScottPlot.Plottables.Heatmap>().Where(h => !h.Smooth))
        {
            double width = heatmap.CellWidth * area.Width / (limits.Right - limits.Left), height = heatmap.CellHeight * area.Height / (limits.Top - limits.Bottom);
            if (Math.Max(width, height) > LargestSharpCell)
                yield return $"heatmap cells of {width:F1} × {height:F1} px drawn as sharp blocks (interpolate, or use a finer grid)";
        }
    }

    /// <summary>
    /// Start crosses of differently coloured series on one point (paths that share a start): only the last one drawn shows,
    /// so the reader cannot tell that the others start there too. A shared start is marked once.
    /// </summary>
    private static IEnumerable<string> PiledStartMarkers(Plot plot)
    {
        var piles = plot.GetPlottables<ScottPlot.Plottables.Marker>()
            .Where(m => m.IsVisible && m.MarkerShape == FixedPointStyle.StartShape)
            .GroupBy(m =>
            {
                var pixel = plot.GetPixel(m.Location);
                return (Math.Round(pixel.X / PileDistance), Math.Round(pixel.Y / PileDistance));
            })
            .Where(g => g.Select(m => m.MarkerLineColor).Distinct().Count() > 1);
        foreach (var pile in piles)
            yield return $"{pile.Count()} start markers of different series piled on one point near ({pile.First().Location.X:G3}, {pile.First().Location.Y:G3}); mark a shared start once";
    }

    private static float TitleWidth(Plot plot)
    {
        using var paint = Paint.NewDisposablePaint();
        return plot.Axes.Title.Label.Measure(paint).Width;
    }

    /// <summary>Carets, underscores, hyphens for minus signs and E notation in texts a reader sees (labels, check names).</summary>
    public static IEnumerable<string> TypographyProblems(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            if (text.Contains('^') || text.Contains('_')) yield return $"caret or underscore in '{text}'";
            if (HyphenMinus().IsMatch(text)) yield return $"hyphen for a minus sign in '{text}'";
            if (ENotation().IsMatch(text)) yield return $"E notation instead of a power of ten in '{text}'";
        }
    }

    /// <summary>The problems of one axis: log axes marked, π ticks on angles, few ticks.</summary>
    private static IEnumerable<string> AxisProblems(string file, IAxis axis)
    {
        string label = axis.Label.Text;
        var major = axis.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        bool logTicks = axis.TickGenerator is LogTickGenerator or ScottPlot.TickGenerators.NumericAutomatic { MinorTickGenerator: ScottPlot.TickGenerators.LogMinorTickGenerator };
        if (logTicks && !label.Contains("log", StringComparison.Ordinal)) yield return $"{file}: log axis '{label}' does not say log in its label";
        if (label.Contains("log scale", StringComparison.Ordinal) && !logTicks) yield return $"{file}: '{label}' says log scale, but its ticks are linear";
        if (AngleAxis().IsMatch(label) && Math.Abs(axis.Max - axis.Min) >= Math.PI && !major.Any(t => t.Label.Contains('π')))
            yield return $"{file}: angle axis '{label}' spans {Math.Abs(axis.Max - axis.Min):F2} rad without π ticks";
        if (!logTicks && major.Length > MostMajorTicks) yield return $"{file}: {major.Length} major ticks on '{label}' (at most {MostMajorTicks})";
    }

    [Fact]
    public void The_rules_catch_an_unmarked_log_axis_an_angle_axis_without_pi_ticks_and_a_crowded_axis()
    {
        double[] angles = [.. Enumerable.Range(0, 50).Select(i => -7 + 14.0 * i / 49)];
        var plot = FigureStyle.NewPlot("Pendulum", "θ (rad)", "error");
        // log₁₀ of errors between 0.003 and 0.006: within one decade, so only the label can say the axis is log.
        plot.Add.Scatter(angles, [.. angles.Select(a => Math.Log10(0.0045 + 0.0015 * Math.Cos(a)))]);
        plot.Axes.Left.TickGenerator = new LogTickGenerator();
        // A ruler: a tick every 0.5 rad.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.5);
        string path = PngFile.Save(plot, Path.Combine(_folder, "angles.png"), 900, 500);
        // Saving marks the log axis as log; a plot that escaped the marking is caught.
        Assert.Equal("error (log scale)", plot.Axes.Left.Label.Text);
        plot.Axes.Left.Label.Text = "error";
        var problems = Problems("none", [(path, plot)]);
        Assert.Contains(problems, p => p.Contains("does not say log"));
        Assert.Contains(problems, p => p.Contains("without π ticks"));
        Assert.Contains(problems, p => p.Contains("major ticks on 'θ (rad)'"));

        plot.Axes.Left.Label.Text = "error (log scale)";
        FigureStyle.PiTicks(plot.Axes.Bottom, -7, 7);
        PngFile.Save(plot, path, 900, 500);
        Assert.Empty(Problems("none", [(path, plot)]));

        plot.Axes.Left.TickGenerator = FigureStyle.LinearTicks();
        PngFile.Save(plot, path, 900, 500);
        Assert.Contains(Problems("none", [(path, plot)]), p => p.Contains("says log scale, but its ticks are linear"));
    }

    [Fact]
    public void The_rules_catch_an_internal_reference_a_caret_and_unequal_units()
    {
        var plot = new TimeSeriesFigure("GAN (errata E3)", "x_n").AddSeries([0.0, 1, 2], [0.0, 1, 0.5], "a").Plot;
        string path = PngFile.Save(plot, Path.Combine(_folder, "vanilla.png"), 900, 500);
        var problems = Problems("gan-dynamics", [(path, plot)]);
        Assert.Contains(problems, p => p.Contains("internal reference"));
        Assert.Contains(problems, p => p.Contains("caret or underscore"));
        Assert.Contains(problems, p => p.Contains("unequal axis units"));
        plot.Axes.SquareUnits();
        // gan-dynamics is held to the tick rule as well: a scale, not a ruler.
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.5);
        plot.Title("GAN");
        plot.YLabel("xₙ");
        PngFile.Save(plot, path, 900, 500);
        Assert.Empty(Problems("gan-dynamics", [(path, plot)]));
    }

    [Fact]
    public void The_rules_catch_a_title_wider_than_its_panel()
    {
        var figure = new TimeSeriesFigure("t = 100: signal ᾱₜ = 0.951, noise √(1 − ᾱₜ²) = 0.310, linear schedule", "x").AddSeries([0.0, 1, 2], [1.0, 0.5, 0.25], "x");
        string path = figure.SavePng(Path.Combine(_folder, "panel.png"), 400, 400);
        Assert.Contains(Problems("none", [(path, figure.Plot)]), p => p.Contains("px wide, its panel 400 px"));
        figure.Plot.Title("t = 100");
        path = figure.SavePng(Path.Combine(_folder, "panel.png"), 400, 400);
        Assert.DoesNotContain(Problems("none", [(path, figure.Plot)]), p => p.Contains("px wide"));
    }

    [Fact]
    public void The_rules_catch_a_hidden_legend_twin_entries_and_a_hyphen_minus()
    {
        var figure = new TimeSeriesFigure("Decay, rate 1.5E-05", "x") { LegendCorner = Alignment.UpperRight }.AddSeries([0.0, 1, 2], [1.0, 0.5, 0.25], "x₀ = -1");
        figure.AddSeries([0.0, 1, 2], [1.0, 0.6, 0.3], "exact", dashed: true).AddSeries([0.0, 1, 2], [1.0, 0.7, 0.4], "bound", dashed: true);
        string path = figure.SavePng(Path.Combine(_folder, "decay.png"), 900, 500);
        var problems = Problems("none", [(path, figure.Plot)]);
        Assert.Contains(problems, p => p.Contains("hyphen for a minus sign"));
        Assert.Contains(problems, p => p.Contains("E notation"));
        Assert.Contains(problems, p => p.Contains("drawn alike") && p.Contains("'exact'") && p.Contains("'bound'"));
        figure.Plot.HideLegend();
        Assert.Contains(Problems("none", [(path, figure.Plot)]), p => p.Contains("no legend"));

        var fixedFigure = new TimeSeriesFigure("Decay", "x").AddSeries([0.0, 1, 2], [1.0, 0.5, 0.25], "x₀ = −1").AddSeries([0.0, 1, 2], [1.0, 0.6, 0.3], "exact", dashed: true);
        string fixedPath = fixedFigure.SavePng(Path.Combine(_folder, "decay.png"), 900, 500);
        Assert.Empty(Problems("none", [(fixedPath, fixedFigure.Plot)]));
    }

    [Fact]
    public void The_rules_catch_a_legend_moved_back_outside_and_a_blocky_heatmap()
    {
        var plot = FigureStyle.NewPlot("Basins", "x", "v");
        // 21 × 21 cells over a 900 × 500 frame: blocks of about 40 × 20 px.
        var values = new double[21, 21];
        for (int i = 0; i < 21; i++)
        {
            for (int j = 0; j < 21; j++) values[i, j] = i * i + j * j < 200 ? 1 : 0;
        }

        var heatmap = plot.Add.Heatmap(values);
        plot.Add.ScatterLine(new double[] { 0, 20 }, new double[] { 0, 20 }).LegendText = "boundary";
        FigureStyle.PlaceLegend(plot, null);
        string path = PngFile.Save(plot, Path.Combine(_folder, "phase-portrait.png"), 900, 500);
        var problems = Problems("van-der-pol", [(path, plot)]);
        Assert.Contains(problems, p => p.Contains("legend is outside"));
        Assert.Contains(problems, p => p.Contains("sharp blocks"));

        heatmap.Smooth = true;
        FigureStyle.PlaceLegend(plot, Alignment.UpperRight);
        PngFile.Save(plot, path, 900, 500);
        Assert.Empty(Problems("van-der-pol", [(path, plot)]));
    }

    [Fact]
    public void The_rules_catch_start_markers_piled_on_a_shared_start()
    {
        double[] xs = [0.0, 1, 2], up = [0.0, 1, 2], down = [0.0, -1, -2];
        var piled = new TrajectoryFigure("Paths", "x", "y").AddPath(xs, up, "up").AddPath(xs, down, "down");
        string path = piled.SavePng(Path.Combine(_folder, "paths.png"), 900, 500);
        Assert.Contains(Problems("none", [(path, piled.Plot)]), p => p.Contains("2 start markers of different series piled"));

        var once = new TrajectoryFigure("Paths", "x", "y").AddPath(xs, up, "up", FigureColors.At(0), startMarker: false)
            .AddPath(xs, down, "down", FigureColors.At(1), startMarker: false).AddPoint(0, 0, "common start", FixedPointStyle.StartShape, FigureColors.Reference);
        path = once.SavePng(Path.Combine(_folder, "paths.png"), 900, 500);
        Assert.Empty(Problems("none", [(path, once.Plot)]));
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    // What a reader sees of a legend entry: colour, line pattern and width, marker shape and colour.
    private static (Color, LinePattern, bool, MarkerShape, Color, Color, Color) Look(LegendItem item) =>
        (item.LineStyle.Color, item.LineStyle.Pattern, item.LineStyle.Width > 0 && item.LineStyle.IsVisible,
            item.MarkerStyle.Size > 0 ? item.MarkerStyle.Shape : MarkerShape.None, item.MarkerStyle.FillColor, item.MarkerStyle.LineColor, item.FillStyle.Color);

    // Computer notation for powers of ten ("1.5E-05", "1e-6"): the house format is 1.5×10⁻⁵ (FigureText.Number).
    [GeneratedRegex(@"\d[eE][+\-−]?\d")]
    private static partial Regex ENotation();

    // The house unit of an angle axis.
    [GeneratedRegex(@"\(rad\)")]
    private static partial Regex AngleAxis();

    // Internal references in a title: the pattern lives with the source audit (StandAloneTests), which exempts only it.
    [GeneratedRegex(StandAloneTests.FigurePattern)]
    private static partial Regex InternalReference();

    // A hyphen used as a minus: before a digit, π or ∞ at the start of a term ("= -3", "(-1, 2)", "e-6" is left to the number format).
    [GeneratedRegex(@"(^|[\s(\[=,≈<>≤≥])-[\d.π∞]")]
    private static partial Regex HyphenMinus();
}
