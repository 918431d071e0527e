using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Problems;

/// <summary>
/// An initial-value problem dy/dt = f(t, y), y(t₀) = y₀, integrated from <see cref="StartTime"/> to
/// <see cref="EndTime"/>. The end may lie before the start: the solvers then integrate backwards in time.
/// </summary>
/// <typeparam name="TField">The field type; a struct field is devirtualised by the solvers.</typeparam>
public sealed class OdeProblem<TField> where TField : IVectorField
{
    private readonly double[] _initialState;

    /// <summary>Creates and validates a problem.</summary>
    /// <param name="field">The vector field f.</param>
    /// <param name="initialState">y₀, of length <c>field.Dimension</c>, every entry finite. It is copied.</param>
    /// <param name="startTime">t₀, finite.</param>
    /// <param name="endTime">The final time, finite and different from t₀.</param>
    /// <exception cref="ArgumentException">A dimension mismatch, a non-finite value or an empty span.</exception>
    public OdeProblem(TField field, ReadOnlySpan<double> initialState, double startTime, double endTime)
    {
        if (field is null) throw new ArgumentNullException(nameof(field));
        Require.InitialValueProblem(field.Dimension, initialState, startTime, endTime);
        if (startTime == endTime)
            throw new ArgumentException(
                $"The time span is empty: startTime and endTime are both {Require.Format(startTime)}.", nameof(endTime));
        Field = field;
        _initialState = initialState.ToArray();
        StartTime = startTime;
        EndTime = endTime;
    }

    /// <summary>The vector field f.</summary>
    public TField Field { get; }

    /// <summary>The initial state y₀ (a read-only view of the problem's own copy).</summary>
    public ReadOnlySpan<double> InitialState => _initialState;

    /// <summary>The initial time t₀.</summary>
    public double StartTime { get; }

    /// <summary>The final time.</summary>
    public double EndTime { get; }

    /// <summary>The state dimension n.</summary>
    public int Dimension => _initialState.Length;

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
    public OdeProblem<TField> WithTimeSpan(double startTime, double endTime) => new(Field, _initialState, startTime, endTime);

    /// <summary>The same initial state and span with another field (for parameter sweeps over records).</summary>
    /// <param name="field">The new field, of the same dimension.</param>
    /// <returns>A new validated problem.</returns>
    public OdeProblem<TField> WithField(TField field) => new(field, _initialState, StartTime, EndTime);
}
