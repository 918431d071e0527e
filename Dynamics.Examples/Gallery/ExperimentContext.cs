using System.Text.Json;
using System.Text.Json.Serialization;
using Dynamics.Plotting.Files;
using Dynamics.Validation;

namespace Dynamics.Examples.Gallery;

/// <summary>What an experiment sees while it runs: its output folder, the checks it records and a progress sink.</summary>
public sealed class ExperimentContext
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
        // Keep σ, ρ and the like readable in the JSON instead of \u escapes.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly List<Check> _checks = [];
    private readonly List<string> _figures = [];
    private readonly Dictionary<string, string> _captions = [];
    private readonly Dictionary<string, double> _values = [];
    private readonly Action<string> _progress;

    /// <summary>Creates a context writing into <paramref name="outputDirectory"/>.</summary>
    /// <param name="outputDirectory">The experiment's own folder (created if needed).</param>
    /// <param name="progress">Receives progress lines.</param>
    public ExperimentContext(string outputDirectory, Action<string>? progress = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(outputDirectory);
        OutputDirectory = Path.GetFullPath(outputDirectory);
        Directory.CreateDirectory(OutputDirectory);
        _progress = progress ?? (_ => { });
    }

    /// <summary>The experiment's folder.</summary>
    public string OutputDirectory { get; }

    /// <summary>The checks recorded so far.</summary>
    public IReadOnlyList<Check> Checks => _checks;

    /// <summary>The figures registered so far (file names).</summary>
    public IReadOnlyList<string> Figures => _figures;

    /// <summary>Records a comparison with theory: passed when |computed − expected| ≤ tolerance.</summary>
    /// <param name="name">What is compared.</param>
    /// <param name="computed">The computed value.</param>
    /// <param name="expected">The predicted value.</param>
    /// <param name="tolerance">The accepted error (≥ 0), justified where the experiment calls this.</param>
    /// <returns>The check.</returns>
    public Check Check(string name, double computed, double expected, double tolerance)
    {
        Require.NonNegative(tolerance, nameof(tolerance));
        var check = new Check(name, computed, expected, tolerance, Math.Abs(computed - expected) <= tolerance);
        _checks.Add(check);
        return check;
    }

    /// <summary>Records a comparison of the given kind (two-sided, at most, at least).</summary>
    /// <param name="name">What is compared.</param>
    /// <param name="computed">The computed value.</param>
    /// <param name="expected">The predicted value, or the bound of a one-sided check.</param>
    /// <param name="tolerance">The accepted error or slack (≥ 0).</param>
    /// <param name="kind">How the values are compared.</param>
    /// <returns>The check.</returns>
    public Check Check(string name, double computed, double expected, double tolerance, CheckKind kind)
    {
        Require.NonNegative(tolerance, nameof(tolerance));
        var check = new Check(name, computed, expected, tolerance, Gallery.Check.Holds(kind, computed, expected, tolerance)) { Kind = kind };
        _checks.Add(check);
        return check;
    }

    /// <summary>
    /// Records a one-sided check that a quantity that should ideally be 0 (a drift, a residual) is at most a bound:
    /// expected 0, tolerance = the bound, kind "at most", passed when computed ≤ bound.
    /// </summary>
    /// <param name="name">What is bounded.</param>
    /// <param name="computed">The computed value.</param>
    /// <param name="bound">The largest accepted value (≥ 0).</param>
    /// <returns>The check.</returns>
    public Check CheckAtMost(string name, double computed, double bound)
    {
        Require.NonNegative(bound, nameof(bound));
        return Check(name, computed, 0, bound, CheckKind.AtMost);
    }

    /// <summary>Records a one-sided check that a quantity is at least <paramref name="bound"/> (kind "at least", tolerance 0).</summary>
    /// <param name="name">What is bounded below.</param>
    /// <param name="computed">The computed value.</param>
    /// <param name="bound">The smallest accepted value.</param>
    /// <returns>The check.</returns>
    public Check CheckAtLeast(string name, double computed, double bound)
    {
        Require.Finite(bound, nameof(bound));
        return Check(name, computed, bound, 0, CheckKind.AtLeast);
    }

    /// <summary>Records a one-sided check that a quantity is at most <paramref name="bound"/>, a bound that need not be
    /// 0 or positive (kind "at most", tolerance 0).</summary>
    /// <param name="name">What is bounded above.</param>
    /// <param name="computed">The computed value.</param>
    /// <param name="bound">The largest accepted value.</param>
    /// <returns>The check.</returns>
    public Check CheckBelow(string name, double computed, double bound)
    {
        Require.Finite(bound, nameof(bound));
        return Check(name, computed, bound, 0, CheckKind.AtMost);
    }

    /// <summary>Records another number for the summary (statistics, settings).</summary>
    /// <param name="name">The key.</param>
    /// <param name="value">The value.</param>
    public void Report(string name, double value) => _values[name] = value;

    /// <summary>The captions given so far, by figure file name.</summary>
    public IReadOnlyDictionary<string, string> Captions => _captions;

    /// <summary>Returns the path for a figure file in the experiment's folder and registers it in the summary.</summary>
    /// <param name="fileName">The file name, e.g. "phase-portrait.png".</param>
    /// <param name="caption">
    /// What the figure shows and its parameters, in a sentence or two, for the gallery page (optional; see
    /// <see cref="Caption"/> to add it later).
    /// </param>
    /// <returns>The full path.</returns>
    public string FigurePath(string fileName, string? caption = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        _figures.Add(fileName);
        if (!string.IsNullOrWhiteSpace(caption)) _captions[fileName] = caption;
        return Path.Combine(OutputDirectory, fileName);
    }

    /// <summary>Sets the caption of a figure registered with <see cref="FigurePath"/> (what it shows, its parameters).</summary>
    /// <param name="fileName">The figure's file name.</param>
    /// <param name="caption">The caption.</param>
    public void Caption(string fileName, string caption)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fileName);
        ArgumentException.ThrowIfNullOrWhiteSpace(caption);
        if (!_figures.Contains(fileName)) throw new ArgumentException($"No figure '{fileName}' was registered; call FigurePath first.", nameof(fileName));
        _captions[fileName] = caption;
    }

    /// <summary>Sends a progress line (plain text) to the console or log.</summary>
    /// <param name="message">The message.</param>
    public void Progress(string message) => _progress(message);

    /// <summary>Builds the summary and writes it as summary.json (atomically).</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="elapsedSeconds">The run's wall-clock time.</param>
    /// <returns>The summary.</returns>
    public ExperimentSummary WriteSummary(IExperiment experiment, double elapsedSeconds)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var summary = new ExperimentSummary(experiment.Name, experiment.Description, _checks.TrueForAll(c => c.Passed),
            [.. _checks], [.. _figures], new Dictionary<string, double>(_values), elapsedSeconds)
        {
            Captions = new Dictionary<string, string>(_captions),
        };
        AtomicFile.Write(Path.Combine(OutputDirectory, "summary.json"), JsonSerializer.SerializeToUtf8Bytes(summary, JsonOptions));
        return summary;
    }
}
