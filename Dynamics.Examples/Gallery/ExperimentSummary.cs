namespace Dynamics.Examples.Gallery;

/// <summary>The machine-readable record of one experiment run, written as summary.json next to its figures.</summary>
/// <param name="Experiment">The experiment's name.</param>
/// <param name="Description">What it shows.</param>
/// <param name="Passed">Whether every check passed.</param>
/// <param name="Checks">The checks against theory.</param>
/// <param name="Figures">The figure files, relative to the experiment's folder.</param>
/// <param name="Values">Other reported numbers (statistics, settings).</param>
/// <param name="ElapsedSeconds">Wall-clock time of the run.</param>
public sealed record ExperimentSummary(
    string Experiment,
    string Description,
    bool Passed,
    IReadOnlyList<Check> Checks,
    IReadOnlyList<string> Figures,
    IReadOnlyDictionary<string, double> Values,
    double ElapsedSeconds)
{
    /// <summary>Each figure's caption (what it shows and its parameters), by file name; figures without one are absent.</summary>
    public IReadOnlyDictionary<string, string> Captions { get; init; } = new Dictionary<string, string>();
}
