using System.Text.RegularExpressions;
using Dynamics.Examples.Gallery;
using Dynamics.Plotting.Figures;
using ScottPlot;

namespace Dynamics.Tests.Examples;

/// <summary>
/// The house rules of the gallery's figures, checked on every plot each experiment writes (seen through
/// <see cref="FigureAudit"/>): no internal references in titles, real super/subscripts instead of carets and
/// underscores in titles and axis labels, equal units on geometric x–y plots, and no blank picture.
/// </summary>
public sealed partial class FigureRuleTests : IDisposable
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

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dynamics-rules-" + Guid.NewGuid().ToString("N"));

    public static TheoryData<string> Experiments()
    {
        var data = new TheoryData<string>();
        foreach (var name in Geometric.Select(g => g.Experiment).Distinct()) data.Add(name);
        data.Add("pendulum");
        data.Add("lotka-volterra");
        return data;
    }

    [Theory]
    [MemberData(nameof(Experiments))]
    public void Every_figure_follows_the_house_rules(string name)
    {
        var seen = new List<(string Path, Plot Plot)>();
        using (FigureAudit.Observe((path, plot) => seen.Add((path, plot))))
            ExperimentRunner.Run(ExperimentCatalog.Find(name)!, _folder);

        Assert.NotEmpty(seen);
        var problems = new List<string>();
        foreach (var (path, plot) in seen)
        {
            string file = Path.GetFileName(path), title = plot.Axes.Title.Label.Text;
            if (InternalReference().IsMatch(title)) problems.Add($"{file}: internal reference in the title '{title}'");
            foreach (var text in new[] { title, plot.Axes.Bottom.Label.Text, plot.Axes.Left.Label.Text })
            {
                if (text.Contains('^') || text.Contains('_')) problems.Add($"{file}: caret or underscore in '{text}'");
            }

            Assert.True(PngFile.InkFraction(File.ReadAllBytes(path)) >= PngFile.MinimumInkFraction, $"{file} is blank");
            if (Geometric.Contains((name, file)))
            {
                var limits = plot.Axes.GetLimits();
                var area = plot.RenderManager.LastRender.DataRect;
                double unitsRatio = (limits.Right - limits.Left) / (limits.Top - limits.Bottom), pixelRatio = area.Width / area.Height;
                if (Math.Abs(unitsRatio / pixelRatio - 1) > 0.02) problems.Add($"{file}: unequal axis units (x/y units per pixel ratio {unitsRatio / pixelRatio:F3})");
            }
        }

        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex(@"MODELS|§|errata|\bSu \d|\bE\d\b")]
    private static partial Regex InternalReference();
}
