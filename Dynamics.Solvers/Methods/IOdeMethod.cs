using Dynamics.Fields;

namespace Dynamics.Solvers.Methods;

/// <summary>
/// An integration method (Euler, RK4, Dormand–Prince 5(4), …). A method is immutable and can be shared across
/// threads; each trajectory gets its own <see cref="IStepper"/> workspace from <see cref="CreateStepper{TField}"/>.
/// </summary>
public interface IOdeMethod
{
    /// <summary>The method's name, e.g. "Dormand–Prince 5(4)".</summary>
    string Name { get; }

    /// <summary>The order p of the propagated solution: the global error is O(hᵖ).</summary>
    int Order { get; }

    /// <summary>The order of the embedded error estimate, or null when the method has none (fixed step only).</summary>
    int? EmbeddedOrder { get; }

    /// <summary>The order of the method's dense output.</summary>
    int InterpolantOrder { get; }

    /// <summary>Creates a per-trajectory workspace; it allocates once and never again per step.</summary>
    /// <typeparam name="TField">The field type; struct fields are devirtualised.</typeparam>
    /// <param name="field">The vector field.</param>
    /// <returns>The stepper.</returns>
    IStepper CreateStepper<TField>(TField field) where TField : IVectorField;
}
