using System.Globalization;
using System.Net;
using System.Text;
using Dynamics.Plotting.Files;

namespace Dynamics.Examples.Gallery;

/// <summary>
/// Writes <c>index.html</c> for a gallery run, in the manner of sphinx-gallery: a summary table at the top, then one
/// section per experiment with its description, its figures as thumbnails linking to the full PNGs with their
/// captions, and its table of checks (computed, expected, tolerance, kind, passed) with failures highlighted. The page
/// is static: inline CSS, no scripts, nothing loaded from elsewhere. It is built from the summaries alone, so
/// experiments added later appear without any change here.
/// </summary>
public static class GalleryPage
{
    /// <summary>The page's file name in the output folder.</summary>
    public const string FileName = "index.html";

    private const string Style = """
        body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; margin: 0 auto; max-width: 1400px; padding: 1em 2em; color: #222; }
        h1 { margin-bottom: 0.2em; } h2 { border-bottom: 2px solid #0072B2; padding-bottom: 0.2em; margin-top: 2em; }
        table { border-collapse: collapse; margin: 0.8em 0; font-size: 0.9em; }
        th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; text-align: left; vertical-align: top; }
        th { background: #f0f0f0; } td.num { font-family: "DejaVu Sans Mono", monospace; text-align: right; white-space: nowrap; }
        tr.fail td { background: #fde0dc; } tr.fail td.verdict { color: #b00020; font-weight: bold; }
        td.verdict { color: #006d4f; }
        .badge { display: inline-block; padding: 0.1em 0.6em; border-radius: 0.8em; font-size: 0.8em; color: white; background: #009E73; vertical-align: middle; }
        .badge.fail { background: #D55E00; }
        .figures { display: flex; flex-wrap: wrap; gap: 1em; }
        figure { margin: 0; width: 320px; border: 1px solid #ddd; padding: 0.5em; background: #fafafa; }
        figure img { width: 100%; height: auto; display: block; border: 1px solid #eee; background: white; }
        figcaption { font-size: 0.85em; margin-top: 0.4em; } figcaption code { font-size: 0.95em; }
        .error { background: #fde0dc; padding: 0.5em; border: 1px solid #D55E00; }
        """;

    /// <summary>Writes the page for <paramref name="summaries"/> into <paramref name="outputRoot"/>, atomically.</summary>
    /// <param name="outputRoot">The gallery's output folder (experiments' folders are its children).</param>
    /// <param name="summaries">The summaries of the experiments that ran.</param>
    /// <param name="errors">Experiments that threw, by name, with the message (optional).</param>
    /// <returns>The full path of the page.</returns>
    public static string Write(string outputRoot, IReadOnlyList<ExperimentSummary> summaries, IReadOnlyDictionary<string, string>? errors = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputRoot);
        ArgumentNullException.ThrowIfNull(summaries);
        string html = Render(summaries, errors ?? new Dictionary<string, string>());
        return AtomicFile.Write(Path.Combine(outputRoot, FileName), Encoding.UTF8.GetBytes(html));
    }

    /// <summary>The page as text.</summary>
    /// <param name="summaries">The summaries.</param>
    /// <param name="errors">Experiments that threw, by name, with the message.</param>
    /// <returns>The HTML.</returns>
    public static string Render(IReadOnlyList<ExperimentSummary> summaries, IReadOnlyDictionary<string, string> errors)
    {
        ArgumentNullException.ThrowIfNull(summaries);
        ArgumentNullException.ThrowIfNull(errors);
        var html = new StringBuilder();
        int checks = summaries.Sum(s => s.Checks.Count), passed = summaries.Sum(s => s.Checks.Count(c => c.Passed));
        int figures = summaries.Sum(s => s.Figures.Count);
        bool allPassed = errors.Count == 0 && summaries.All(s => s.Passed);
        html.AppendLine("<!DOCTYPE html>");
        html.AppendLine("<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Dynamics gallery</title>");
        html.AppendLine($"<style>{Style}</style></head><body>");
        html.AppendLine("<h1>Dynamics gallery</h1>");
        html.AppendLine($"<p id=\"summary\">{summaries.Count + errors.Count} experiments, {figures} figures, {passed} of {checks} checks against theory passed{(errors.Count > 0 ? $", {errors.Count} experiments failed to run" : "")}. " +
            $"<span class=\"badge{(allPassed ? "" : " fail")}\">{(allPassed ? "all passed" : "FAILURES")}</span> " +
            $"Total run time {Number(summaries.Sum(s => s.ElapsedSeconds), 3)} s.</p>");
        html.AppendLine("<table class=\"overview\"><tr><th>experiment</th><th>description</th><th>checks passed</th><th>figures</th><th>seconds</th></tr>");
        foreach (var s in summaries)
        {
            string row = s.Passed ? "" : " class=\"fail\"";
            html.AppendLine($"<tr{row}><td><a href=\"#{Encode(s.Experiment)}\">{Encode(s.Experiment)}</a></td><td>{Encode(s.Description)}</td>" +
                $"<td class=\"num\">{s.Checks.Count(c => c.Passed)}/{s.Checks.Count}</td><td class=\"num\">{s.Figures.Count}</td><td class=\"num\">{s.ElapsedSeconds.ToString("F1", CultureInfo.InvariantCulture)}</td></tr>");
        }

        foreach (var (name, message) in errors)
            html.AppendLine($"<tr class=\"fail\"><td><a href=\"#{Encode(name)}\">{Encode(name)}</a></td><td colspan=\"4\">did not finish: {Encode(message)}</td></tr>");
        html.AppendLine("</table>");

        foreach (var s in summaries) AppendSection(html, s);
        foreach (var (name, message) in errors)
            html.AppendLine($"<section id=\"{Encode(name)}\"><h2>{Encode(name)} <span class=\"badge fail\">ERROR</span></h2><p class=\"error\">{Encode(message)}</p></section>");
        html.AppendLine("</body></html>");
        return html.ToString();
    }

    private static void AppendSection(StringBuilder html, ExperimentSummary s)
    {
        html.AppendLine($"<section id=\"{Encode(s.Experiment)}\">");
        html.AppendLine($"<h2>{Encode(s.Experiment)} <span class=\"badge{(s.Passed ? "" : " fail")}\">{(s.Passed ? "passed" : "FAILED")}</span></h2>");
        html.AppendLine($"<p>{Encode(s.Description)}</p>");
        html.AppendLine("<div class=\"figures\">");
        foreach (var figure in s.Figures)
        {
            string href = Encode($"{Uri.EscapeDataString(s.Experiment)}/{Uri.EscapeDataString(figure)}");
            string caption = s.Captions.TryGetValue(figure, out var text) ? text : "";
            html.AppendLine($"<figure><a href=\"{href}\"><img src=\"{href}\" alt=\"{Encode(figure)}\" loading=\"lazy\"></a>" +
                $"<figcaption><code>{Encode(figure)}</code>{(caption.Length > 0 ? " — " + Encode(caption) : "")}</figcaption></figure>");
        }

        html.AppendLine("</div>");
        html.AppendLine("<table class=\"checks\"><tr><th>check</th><th>computed</th><th>expected</th><th>tolerance</th><th>kind</th><th>passed</th></tr>");
        foreach (var c in s.Checks)
        {
            html.AppendLine($"<tr{(c.Passed ? "" : " class=\"fail\"")}><td>{Encode(c.Name)}</td><td class=\"num\">{Number(c.Computed, 10)}</td><td class=\"num\">{Number(c.Expected, 10)}</td>" +
                $"<td class=\"num\">{Number(c.Tolerance, 3)}</td><td>{Kind(c.Kind)}</td><td class=\"verdict\">{(c.Passed ? "yes" : "NO")}</td></tr>");
        }

        html.AppendLine("</table></section>");
    }

    private static string Kind(CheckKind kind) => kind switch
    {
        CheckKind.AtMost => "at most (computed ≤ expected + tolerance)",
        CheckKind.AtLeast => "at least (computed ≥ expected − tolerance)",
        _ => "within (|computed − expected| ≤ tolerance)",
    };

    // G-format with a true minus sign; the raw digits stay in summary.json.
    private static string Number(double value, int digits) =>
        value.ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture).Replace('-', '\u2212');

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
