namespace Dynamics.Examples.Gallery;

/// <summary>
/// One entry of the gallery: it runs a system, checks the numbers against theory through
/// <see cref="ExperimentContext.Check"/>, and writes its figures with <see cref="ExperimentContext.FigurePath"/>.
/// Implementations are found by reflection, so adding an experiment is adding one class.
/// </summary>
public interface IExperiment
{
    /// <summary>The command-line name, lower case with hyphens, e.g. "van-der-pol".</summary>
    string Name { get; }

    /// <summary>One sentence saying what the experiment shows.</summary>
    string Description { get; }

    /// <summary>Runs the experiment.</summary>
    /// <param name="context">Where figures go and where checks are recorded.</param>
    void Run(ExperimentContext context);
}
