using Dynamics.Fields;

namespace Dynamics.Solvers.Stochastic;

/// <summary>Type-inferring factory for <see cref="SdeProblem{TField}"/>.</summary>
public static class SdeProblem
{
    /// <summary>Creates the problem dX = f dt + g⊙dW, X(t₀) = x₀ on [t₀, t₁].</summary>
    /// <typeparam name="TField">The field type, inferred.</typeparam>
    /// <param name="field">The drift and diffusion.</param>
    /// <param name="initialState">x₀.</param>
    /// <param name="startTime">t₀.</param>
    /// <param name="endTime">t₁ &gt; t₀.</param>
    /// <returns>The validated problem.</returns>
    public static SdeProblem<TField> Create<TField>(TField field, ReadOnlySpan<double> initialState, double startTime, double endTime)
        where TField : IStochasticField => new(field, initialState, startTime, endTime);
}
