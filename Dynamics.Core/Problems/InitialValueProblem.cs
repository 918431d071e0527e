using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Problems;

/// <summary>
/// What every initial-value problem holds and checks: a field, a finite initial state of the field's dimension (copied),
/// and finite start and end times. <see cref="OdeProblem{TField}"/> and the SDE problem add only their own rule on the
/// time span.
/// </summary>
/// <typeparam name="TField">The field type; a struct field is devirtualised by the solvers.</typeparam>
public abstract class InitialValueProblem<TField> where TField : IVectorField
{
    private readonly double[] _initialState;

    /// <summary>Checks and stores the common data.</summary>
    /// <param name="field">The field.</param>
    /// <param name="initialState">The initial state, of length <c>field.Dimension</c>, every entry finite. It is copied.</param>
    /// <param name="startTime">t₀, finite.</param>
    /// <param name="endTime">The final time, finite.</param>
    /// <exception cref="ArgumentException">A dimension mismatch, a non-finite value or an empty span.</exception>
    protected InitialValueProblem(TField field, ReadOnlySpan<double> initialState, double startTime, double endTime)
    {
        // `is null` rather than ThrowIfNull: it does not box a struct field.
        if (field is null) throw new ArgumentNullException(nameof(field));
        Require.InitialValueProblem(field.Dimension, initialState, startTime, endTime);
        Field = field;
        _initialState = initialState.ToArray();
        StartTime = startTime;
        EndTime = endTime;
    }

    /// <summary>The field.</summary>
    public TField Field { get; }

    /// <summary>The initial state (a read-only view of the problem's own copy).</summary>
    public ReadOnlySpan<double> InitialState => _initialState;

    /// <summary>The initial time t₀.</summary>
    public double StartTime { get; }

    /// <summary>The final time.</summary>
    public double EndTime { get; }

    /// <summary>The state dimension n.</summary>
    public int Dimension => _initialState.Length;
}
