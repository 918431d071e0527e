using System.Text.RegularExpressions;
using Dynamics.Examples.Gallery;
using Dynamics.Plotting.Figures;
using ScottPlot;

namespace Dynamics.Tests.Examples.Gallery;

/// <summary>
/// The house rules of the gallery's figures, checked on every plot each experiment writes (seen through
/// <see cref="FigureAudit"/> in <see cref="GalleryTests"/>): no internal references in titles, real super/subscripts instead of carets and
/// underscores in titles and axis labels, equal units on geometric x–y plots, and no blank picture.
/// </summary>
public sealed partial class FigureRuleTests
{
    // Plots whose two axes are lengths in the same units (positions, parameter planes): one unit must span as many
    // pixels across as up.
    private static readonly HashSet<(string Experiment, string Figure)> Geometric =
    [
        ("pursuit", "variant-a.png"), ("pursuit", "pursuit-curves.png"),
        ("solar-furnace", "mirror-rays.png"), ("solar-furnace", "family.png"),
        ("gan-dynamics", "vanilla.png"), ("gan-dynamics", "wgan.png"), ("gan-dynamics", "wgan-gp-0.png"), ("gan-dynamics", "wgan-gp-1.png"),
        ("gan-dynamics", "gan-qp.png"), ("gan-dynamics", "gan-qp-l2.png"), ("gan-dynamics", "ema.png"), ("gan-discrete", "vanilla-discrete.png"),
        ("optimizers", "rosenbrock.png"), ("optimizers", "himmelblau.png"), ("optimizers", "beale.png"),
        ("lorenz", "attractor-xz.png"),
    ];

    /// <summary>
    /// The problems with the plots one experiment wrote (empty when it follows the rules). Called from the gallery test,
    /// which runs every experiment once under <see cref="FigureAudit.Observe"/>.
    /// </summary>
    public static List<string> Problems(string experiment, IEnumerable<(string Path, Plot Plot)> seen)
    {
        var problems = new List<string>();
        foreach (var (path, plot) in seen)
        {
            string file = Path.GetFileName(path), title = plot.Axes.Title.Label.Text;
            if (InternalReference().IsMatch(title)) problems.Add($"{file}: internal reference in the title '{title}'");
            foreach (var text in new[] { title, plot.Axes.Bottom.Label.Text, plot.Axes.Left.Label.Text })
            {
                if (text.Contains('^') || text.Contains('_')) problems.Add($"{file}: caret or underscore in '{text}'");
            }

            if (PngFile.InkFraction(File.ReadAllBytes(path)) < PngFile.MinimumInkFraction) problems.Add($"{file} is blank");
            if (Geometric.Contains((experiment, file)))
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

    [GeneratedRegex(@"MODELS|§|errata|\bSu \d|\bE\d\b")]
    private static partial Regex InternalReference();
}
