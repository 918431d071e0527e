using System.Reflection;

namespace Dynamics.Examples.Gallery;

/// <summary>Every experiment in this assembly, found by reflection and ordered by name.</summary>
public static class ExperimentCatalog
{
    /// <summary>All experiments.</summary>
    public static IReadOnlyList<IExperiment> All { get; } =
    [
        .. typeof(ExperimentCatalog).Assembly.GetTypes()
            .Where(t => t is { IsClass: true, IsAbstract: false } && typeof(IExperiment).IsAssignableFrom(t))
            .Select(t => (IExperiment)Activator.CreateInstance(t)!)
            .OrderBy(e => e.Name, StringComparer.Ordinal),
    ];

    /// <summary>The experiment called <paramref name="name"/>, or null.</summary>
    /// <param name="name">The name (case-insensitive).</param>
    /// <returns>The experiment or null.</returns>
    public static IExperiment? Find(string name) =>
        All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase));
}
