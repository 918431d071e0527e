namespace Dynamics.Fields;

/// <summary>
/// A vector field that describes itself, so figures and reports label themselves: the system's name, its parameter
/// values and the names (with units, where there are any) of the state components.
/// </summary>
public interface IModel : IVectorField
{
    /// <summary>The system's name, e.g. "Van der Pol oscillator".</summary>
    string Name { get; }

    /// <summary>The parameter values in plain text, e.g. "μ = 1"; empty when there are none.</summary>
    string Parameters { get; }

    /// <summary>One label per state component, e.g. ["θ (rad)", "ω (rad/s)"]; its length is <see cref="IVectorField.Dimension"/>.</summary>
    IReadOnlyList<string> ComponentNames { get; }
}
