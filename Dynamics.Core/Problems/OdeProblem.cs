using Dynamics.Fields;

namespace Dynamics.Problems;

/// <summary>Type-inferring factory for <see cref="OdeProblem{TField}"/>.</summary>
public static class OdeProblem
{
    /// <summary>Creates the problem dy/dt = f(t, y), y(t₀) = y₀ on [t₀, t₁] (or [t₁, t₀] backwards).</summary>
    /// <typeparam name="TField">The field type, inferred.</typeparam>
    /// <param name="field">The vector field f.</param>
    /// <param name="initialState">y₀.</param>
    /// <param name="startTime">t₀.</param>
    /// <param name="endTime">t₁.</param>
    /// <returns>The validated problem.</returns>
    public static OdeProblem<TField> Create<TField>(TField field, ReadOnlySpan<double> initialState, double startTime, double endTime)
        where TField : IVectorField => new(field, initialState, startTime, endTime);
}
