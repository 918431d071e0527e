using System.Text.RegularExpressions;
using Dynamics.Examples.Gallery;
using Dynamics.Plotting.Figures;
using ScottPlot;

namespace Dynamics.Tests.Examples.Gallery;

/// <summary>
/// The house rules of the gallery's figures, checked on every plot each experiment writes (seen through
/// <see cref="FigureAudit"/> in <see cref="GalleryTests"/>): no internal references in titles, real super/subscripts instead of carets and
/// underscores, true minus signs and powers of ten (no E notation) in titles, axis labels and legends, equal units on geometric x–y plots, no blank picture, every
/// labelled series in a shown legend, and no two legend entries that look alike (same colour, line and marker).
/// </summary>
public sealed partial class FigureRuleTests
{
    // Plots whose two axes are lengths in the same units (positions, parameter planes): one unit must span as many
    // pixels across as up. A multi-panel figure's panels are told apart by their order ("file#1" is its second panel).
    private static readonly HashSet<(string Experiment, string Figure)> Geometric =
    [
        ("pursuit", "variant-a.png"), ("pursuit", "pursuit-curves.png"),
        ("solar-furnace", "mirror-rays.png"), ("solar-furnace", "family.png"),
        ("gan-dynamics", "vanilla.png"), ("gan-dynamics", "wgan.png"), ("gan-dynamics", "wgan-gp-0.png"), ("gan-dynamics", "wgan-gp-1.png"),
        ("gan-dynamics", "gan-qp.png"), ("gan-dynamics", "gan-qp-l2.png"), ("gan-dynamics", "ema.png"), ("gan-discrete", "vanilla-discrete.png"), ("gan-discrete", "vanilla-discrete.png#1"),
        ("optimizers", "rosenbrock.png"), ("optimizers", "himmelblau.png"), ("optimizers", "beale.png"),
        ("lorenz", "attractor-xz.png"),
        ("gan-dynamics", "ema.png#1"), ("simsiam", "phase-plane.png"), ("simsiam", "phase-plane.png#1"),
        ("optimizers", "rosenbrock.png#1"), ("optimizers", "rosenbrock.png#2"), ("optimizers", "rosenbrock.png#3"), ("optimizers", "rosenbrock.png#4"),
    ];

    // Experiments held to the tick rules (issue 14): at most MaxTickLabels labelled ticks per axis, and a log axis says so
    // in its label. The others join as their figures are redone.
    private static readonly HashSet<string> TickRules =
    [
        "optimizers", "momentum", "modified-equation", "polyak", "gan-dynamics", "gan-discrete", "simsiam", "ntk",
        "monoflow", "gan-as-diffusion", "ddpm", "samplers", "probability-flow", "denoising-score", "langevin",
    ];

    private const int MaxTickLabels = 9;

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
            var legend = plot.Legend.GetItems().Where(item => !string.IsNullOrWhiteSpace(item.LabelText)).ToList();
            foreach (var text in new[] { title, plot.Axes.Bottom.Label.Text, plot.Axes.Left.Label.Text }.Concat(legend.Select(item => item.LabelText)))
            {
                if (text.Contains('^') || text.Contains('_')) problems.Add($"{file}: caret or underscore in '{text}'");
                if (HyphenMinus().IsMatch(text)) problems.Add($"{file}: hyphen for a minus sign in '{text}'");
                if (ENotation().IsMatch(text)) problems.Add($"{file}: E notation instead of a power of ten in '{text}'");
            }

            // A labelled series whose legend is hidden cannot be identified by the reader.
            bool legendShown = plot.Legend.IsVisible || plot.Axes.GetPanels().OfType<ScottPlot.Panels.LegendPanel>().Any();
            if (legend.Count > 0 && !legendShown) problems.Add($"{file}: {legend.Count} labelled series but no legend");
            // Two entries drawn alike (colour, line pattern and marker) cannot be told apart, in the legend or on the plot.
            foreach (var twins in legend.GroupBy(Look).Where(g => g.Select(item => item.LabelText).Distinct().Count() > 1))
                problems.Add($"{file}: legend entries drawn alike: {string.Join(" | ", twins.Select(item => $"'{item.LabelText}'"))}");

            if (PngFile.InkFraction(File.ReadAllBytes(path)) < PngFile.MinimumInkFraction) problems.Add($"{file} is blank");
            if (TickRules.Contains(experiment)) problems.AddRange(TickProblems(file, plot));
            if (Geometric.Contains((experiment, panel == 0 ? file : $"{file}#{panel}")))
            {
                var limits = plot.Axes.GetLimits();
                var area = plot.RenderManager.LastRender.DataRect;
                double unitsRatio = (limits.Right - limits.Left) / (limits.Top - limits.Bottom), pixelRatio = area.Width / area.Height;
                if (Math.Abs(unitsRatio / pixelRatio - 1) > 0.02) problems.Add($"{file}: unequal axis units (x/y units per pixel ratio {unitsRatio / pixelRatio:F3})");
            }
        }

        return problems;
    }

    [Fact]
    public void The_rules_catch_an_internal_reference_a_caret_and_unequal_units()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dynamics-rules-" + Guid.NewGuid().ToString("N"));
        try
        {
            var plot = new TimeSeriesFigure("GAN (errata E3)", "x_n").AddSeries([0.0, 1, 2], [0.0, 1, 0.5], "a").Plot;
            string path = PngFile.Save(plot, Path.Combine(folder, "vanilla.png"), 900, 500);
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
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_rules_catch_a_hidden_legend_twin_entries_and_a_hyphen_minus()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dynamics-rules-" + Guid.NewGuid().ToString("N"));
        try
        {
            var figure = new TimeSeriesFigure("Decay, rate 1.5E-05", "x") { LegendCorner = Alignment.UpperRight }.AddSeries([0.0, 1, 2], [1.0, 0.5, 0.25], "x₀ = -1");
            figure.AddSeries([0.0, 1, 2], [1.0, 0.6, 0.3], "exact", dashed: true).AddSeries([0.0, 1, 2], [1.0, 0.7, 0.4], "bound", dashed: true);
            string path = figure.SavePng(Path.Combine(folder, "decay.png"), 900, 500);
            var problems = Problems("none", [(path, figure.Plot)]);
            Assert.Contains(problems, p => p.Contains("hyphen for a minus sign"));
            Assert.Contains(problems, p => p.Contains("E notation"));
            Assert.Contains(problems, p => p.Contains("drawn alike") && p.Contains("'exact'") && p.Contains("'bound'"));
            figure.Plot.HideLegend();
            Assert.Contains(Problems("none", [(path, figure.Plot)]), p => p.Contains("no legend"));

            var fixedFigure = new TimeSeriesFigure("Decay", "x").AddSeries([0.0, 1, 2], [1.0, 0.5, 0.25], "x₀ = −1").AddSeries([0.0, 1, 2], [1.0, 0.6, 0.3], "exact", dashed: true);
            string fixedPath = fixedFigure.SavePng(Path.Combine(folder, "decay.png"), 900, 500);
            Assert.Empty(Problems("none", [(fixedPath, fixedFigure.Plot)]));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void The_rules_catch_a_ruler_of_ticks_and_an_unmarked_log_axis()
    {
        string folder = Path.Combine(Path.GetTempPath(), "dynamics-rules-" + Guid.NewGuid().ToString("N"));
        try
        {
            var figure = new TimeSeriesFigure("Decay", "x").AddSeries([.. Enumerable.Range(0, 41).Select(i => (double)i)], [.. Enumerable.Range(0, 41).Select(i => -0.1 * i)], "x");
            var plot = figure.Plot;
            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(2);
            plot.Axes.Left.TickGenerator = new Dynamics.Plotting.Styling.LogTickGenerator();
            string path = figure.SavePng(Path.Combine(folder, "decay.png"), 900, 500);
            var problems = Problems("optimizers", [(path, plot)]);
            Assert.Contains(problems, p => p.Contains("tick labels on 't'"));
            Assert.Contains(problems, p => p.Contains("log axis 'x'"));
            Assert.DoesNotContain(Problems("lorenz", [(path, plot)]), p => p.Contains("tick"));

            plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(10);
            plot.YLabel("x (log scale)");
            path = figure.SavePng(Path.Combine(folder, "decay.png"), 900, 500);
            Assert.Empty(Problems("optimizers", [(path, plot)]));
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    // A reader needs a scale, not a ruler; and a log axis must say so, since its labels alone (0.01, 0.1, 1) may not.
    private static IEnumerable<string> TickProblems(string file, Plot plot)
    {
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left })
        {
            int labelled = axis.TickGenerator.Ticks.Count(tick => tick.IsMajor && !string.IsNullOrWhiteSpace(tick.Label));
            if (labelled > MaxTickLabels) yield return $"{file}: {labelled} tick labels on '{axis.Label.Text}' (at most {MaxTickLabels})";
            if (axis.TickGenerator is Dynamics.Plotting.Styling.LogTickGenerator && !axis.Label.Text.Contains("log", StringComparison.OrdinalIgnoreCase))
                yield return $"{file}: log axis '{axis.Label.Text}' does not say it is logarithmic";
        }
    }

    // What a reader sees of a legend entry: colour, line pattern and width, marker shape and colour.
    private static (Color, LinePattern, bool, MarkerShape, Color, Color, Color) Look(LegendItem item) =>
        (item.LineStyle.Color, item.LineStyle.Pattern, item.LineStyle.Width > 0 && item.LineStyle.IsVisible,
            item.MarkerStyle.Size > 0 ? item.MarkerStyle.Shape : MarkerShape.None, item.MarkerStyle.FillColor, item.MarkerStyle.LineColor, item.FillStyle.Color);

    // Computer notation for powers of ten ("1.5E-05", "1e-6"): the house format is 1.5×10⁻⁵ (FigureText.Number).
    [GeneratedRegex(@"\d[eE][+\-−]?\d")]
    private static partial Regex ENotation();

    [GeneratedRegex(@"MODELS|§|errata|\bSu \d|\bE\d\b")]
    private static partial Regex InternalReference();

    // A hyphen used as a minus: before a digit, π or ∞ at the start of a term ("= -3", "(-1, 2)", "e-6" is left to the number format).
    [GeneratedRegex(@"(^|[\s(\[=,≈<>≤≥])-[\d.π∞]")]
    private static partial Regex HyphenMinus();
}
