namespace Dynamics.Models.Optimization.Flows;

/// <summary>Builds the parameter text of a flow from its own parameters and its loss's.</summary>
internal static class FlowLabels
{
    /// <summary>"first; second", or whichever of the two is not empty.</summary>
    public static string Combine(string first, string second) =>
        string.IsNullOrWhiteSpace(second) ? first : string.IsNullOrWhiteSpace(first) ? second : $"{first}; {second}";
}
