using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Problems;

/// <summary>
/// An initial-value problem dy/dt = f(t, y), y(t₀) = y₀, integrated from <see cref="InitialValueProblem{TField}.StartTime"/> to
/// <see cref="InitialValueProblem{TField}.EndTime"/>. The end may lie before the start: the solvers then integrate backwards in time.
/// </summary>
/// <typeparam name="TField">The field type; a struct field is devirtualised by the solvers.</typeparam>
public sealed class OdeProblem<TField> : InitialValueProblem<TField> where TField : IVectorField
{
    /// <summary>Creates and validates a problem.</summary>
    /// <param name="field">The vector field f.</param>
    /// <param name="initialState">y₀, of length <c>field.Dimension</c>, every entry finite. It is copied.</param>
    /// <param name="startTime">t₀, finite.</param>
    /// <param name="endTime">The final time, finite and different from t₀.</param>
    /// <exception cref="ArgumentException">A dimension mismatch, a non-finite value or an empty span.</exception>
    public OdeProblem(TField field, ReadOnlySpan<double> initialState, double startTime, double endTime)
        : base(field, initialState, startTime, endTime)
    {
        if (startTime == endTime)
            throw new ArgumentException(
                $"The time span is empty: startTime and endTime are both {Require.Format(startTime)}.", nameof(endTime));
    }

    /// <summary>+1 when integrating forwards in time, −1 backwards.</summary>
    public int Direction => EndTime > StartTime ? 1 : -1;

    /// <summary>The same field and span from another initial state.</summary>
    /// <param name="initialState">The new y₀.</param>
    /// <returns>A new validated problem.</returns>
    public OdeProblem<TField> WithInitialState(ReadOnlySpan<double> initialState) => new(Field, initialState, StartTime, EndTime);

    /// <summary>The same field and initial state over another span.</summary>
    /// <param name="startTime">The new t₀.</param>
    /// <param name="endTime">The new final time.</param>
    /// <returns>A new validated problem.</returns>
    public OdeProblem<TField> WithTimeSpan(double startTime, double endTime) => new(Field, InitialState, startTime, endTime);

    /// <summary>The same initial state and span with another field (for parameter sweeps over records).</summary>
    /// <param name="field">The new field, of the same dimension.</param>
    /// <returns>A new validated problem.</returns>
    public OdeProblem<TField> WithField(TField field) => new(field, InitialState, StartTime, EndTime);
}
