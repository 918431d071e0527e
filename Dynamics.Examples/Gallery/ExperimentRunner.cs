using System.Diagnostics;

namespace Dynamics.Examples.Gallery;

/// <summary>Runs experiments into an output folder, one sub-folder each, and reports how they went.</summary>
public static class ExperimentRunner
{
    /// <summary>Runs one experiment into <c>outputRoot/name</c> and writes its summary.</summary>
    /// <param name="experiment">The experiment.</param>
    /// <param name="outputRoot">The gallery's output folder.</param>
    /// <param name="progress">Receives progress lines.</param>
    /// <returns>The summary.</returns>
    public static ExperimentSummary Run(IExperiment experiment, string outputRoot, Action<string>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(experiment);
        var context = new ExperimentContext(Path.Combine(outputRoot, experiment.Name), progress);
        var clock = Stopwatch.StartNew();
        experiment.Run(context);
        return context.WriteSummary(experiment, clock.Elapsed.TotalSeconds);
    }
}
