using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Validation;

namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// An Itô initial-value problem dX = f(t, X) dt + g(t, X)⊙dW, X(t₀) = x₀, on [t₀, t₁] (forwards in time), with the
/// drift f and the diagonal noise amplitudes g given by one <see cref="IStochasticField"/>.
/// </summary>
/// <typeparam name="TField">The field type.</typeparam>
public sealed class SdeProblem<TField> : InitialValueProblem<TField> where TField : IStochasticField
{
    /// <summary>Creates and validates a problem.</summary>
    /// <param name="field">The drift and diffusion.</param>
    /// <param name="initialState">x₀, of the field's dimension, finite. It is copied.</param>
    /// <param name="startTime">t₀, finite.</param>
    /// <param name="endTime">t₁ &gt; t₀, finite.</param>
    public SdeProblem(TField field, ReadOnlySpan<double> initialState, double startTime, double endTime)
        : base(field, initialState, startTime, endTime)
    {
        if (!(endTime > startTime))
            throw new ArgumentOutOfRangeException(nameof(endTime), endTime,
                $"endTime must be later than startTime = {Require.Format(startTime)} (SDEs run forwards), but was {Require.Format(endTime)}.");
    }
}
