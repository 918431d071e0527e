using System.Net;
using System.Text.RegularExpressions;
using Dynamics.Examples.Gallery;

namespace Dynamics.Tests.Examples.Gallery;

/// <summary>The gallery page is read back by parsing: every image it references exists, every check of every summary appears.</summary>
public sealed partial class GalleryPageTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dynamics-page-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void The_page_links_every_figure_that_exists_and_lists_every_check_with_failures_marked()
    {
        var summaries = new[] { "ntk", "simsiam", "pursuit" }.Select(name => ExperimentRunner.Run(ExperimentCatalog.Find(name)!, _folder)).ToList();
        // A summary with a failing check, as a new experiment would write it through the same API.
        var context = new ExperimentContext(Path.Combine(_folder, "manual"));
        context.Check("a check that fails <&>", 1.0, 2.0, 0.5);
        context.CheckAtMost("a bound that holds", 0.5, 1.0);
        summaries.Add(context.WriteSummary(new Renamed(ExperimentCatalog.Find("ntk")!, "manual"), 0.1));
        string path = GalleryPage.Write(_folder, summaries, new Dictionary<string, string> { ["broken"] = "threw IOException: disk full" });

        string html = File.ReadAllText(path);
        var images = ImageSource().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToList();
        Assert.Equal(summaries.Sum(s => s.Figures.Count), images.Count);
        foreach (var image in images) Assert.True(File.Exists(Path.Combine(_folder, Uri.UnescapeDataString(image))), $"{image} is referenced but missing");
        foreach (var link in Href().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).Where(h => !h.StartsWith('#')))
            Assert.True(File.Exists(Path.Combine(_folder, Uri.UnescapeDataString(link))), $"{link} is linked but missing");

        var rows = CheckRow().Matches(html).Select(m => (Failed: m.Groups[1].Success, Name: WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        var checks = summaries.SelectMany(s => s.Checks).ToList();
        Assert.Equal(checks.Count, rows.Count);
        for (int i = 0; i < checks.Count; i++)
        {
            Assert.Equal(checks[i].Name, rows[i].Name);
            Assert.Equal(!checks[i].Passed, rows[i].Failed);
        }

        foreach (var summary in summaries)
        {
            Assert.Contains($"id=\"{summary.Experiment}\"", html);
            foreach (var caption in summary.Captions.Values) Assert.Contains(WebUtility.HtmlEncode(caption), html);
        }

        Assert.Contains("did not finish: threw IOException: disk full", html);
        Assert.Contains($"{checks.Count(c => c.Passed)} of {checks.Count} checks", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }

    [GeneratedRegex("<img src=\"([^\"]+)\"")]
    private static partial Regex ImageSource();

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();

    [GeneratedRegex("<tr( class=\"fail\")?><td>([^<]*)</td><td class=\"num\">[^<]*</td><td class=\"num\">[^<]*</td><td class=\"num\">[^<]*</td><td>(?:within|at most|at least)")]
    private static partial Regex CheckRow();

    private sealed class Renamed(IExperiment inner, string name) : IExperiment
    {
        public string Name => name;

        public string Description => "a hand-made summary: " + inner.Description;

        public void Run(ExperimentContext context) => inner.Run(context);
    }
}
