using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// Everything an <see cref="ILaneField"/> gets from its one formula: the scalar evaluation, exact Jacobians by forward-mode
/// automatic differentiation, and the parameter list the SIMD ensembles load into lanes.
/// </summary>
public static class LaneField
{
    /// <summary>The most parameters a lane field's formula may read.</summary>
    public const int MaxParameters = 16;

    // Larger states borrow pooled buffers rather than risk the stack (as MemberwiseBatchField does).
    private const int StackLimit = 128;

    /// <summary>
    /// f(t, y) for one trajectory: the formula on <see cref="ScalarLane"/> with the field's own parameters as constants.
    /// Implement <see cref="IVectorField.Evaluate"/> with it; it costs what the same formula written on doubles costs.
    /// </summary>
    /// <typeparam name="TField">The field type; a struct is inlined.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="t">The time.</param>
    /// <param name="y">The state (at least n components).</param>
    /// <param name="dydt">Receives f(t, y) (at least n components).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Evaluate<TField>(in TField field, double t, ReadOnlySpan<double> y, Span<double> dydt) where TField : ILaneField
    {
        // Sliced to exactly n (a constant once inlined for a fixed-size field), so the JIT drops the per-component bounds checks.
        int n = field.Dimension;
        var state = new SpanVector<ScalarLane>(MemoryMarshal.Cast<double, ScalarLane>(MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(y), y.Length)[..n]));
        var derivative = new SpanVector<ScalarLane>(MemoryMarshal.Cast<double, ScalarLane>(dydt[..n]));
        field.Derivative(default(BroadcastParameters<ScalarLane>), ScalarLane.Create(t), in state, ref derivative);
    }

    /// <summary>
    /// The force F(t, q) of a second-order field written on y = (q, v) (<see cref="ISecondOrderField"/>): the formula's
    /// velocity block at v = 0, where (v, F − λv) is exactly (0, F), so the force needs no second formula.
    /// </summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field; its dimension is 2d.</param>
    /// <param name="t">The time.</param>
    /// <param name="position">q, length d.</param>
    /// <param name="acceleration">Receives F(t, q), length d.</param>
    public static void Acceleration<TField>(in TField field, double t, ReadOnlySpan<double> position, Span<double> acceleration) where TField : ILaneField
    {
        int n = field.Dimension, d = n / 2;
        double[]? rented = n > StackLimit ? ArrayPool<double>.Shared.Rent(2 * n) : null;
        Span<double> scratch = rented is null ? stackalloc double[2 * n] : rented.AsSpan(0, 2 * n);
        scratch.Clear();
        position[..d].CopyTo(scratch);
        Evaluate(field, t, scratch[..n], scratch[n..]);
        scratch.Slice(n + d, d).CopyTo(acceleration);
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
    }

    /// <summary>
    /// The Jacobian ∂fᵢ/∂yⱼ at (t, y), row-major (entry i·n + j), exact to round-off: the formula evaluated n times on
    /// <see cref="DualNumber"/>s seeded with the unit vector eⱼ gives column j (forward-mode automatic differentiation;
    /// Griewank &amp; Walther 2008). Implement <see cref="IJacobianField.Jacobian"/> with it when no closed form is at hand.
    /// </summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="t">The time.</param>
    /// <param name="y">The state, length n = <see cref="IVectorField.Dimension"/>.</param>
    /// <param name="jacobian">Receives the n × n matrix, length n².</param>
    public static void Jacobian<TField>(in TField field, double t, ReadOnlySpan<double> y, Span<double> jacobian) where TField : ILaneField
    {
        int n = field.Dimension;
        if (y.Length != n) throw new ArgumentException($"y has length {y.Length}, but the field has dimension {n}.", nameof(y));
        if (jacobian.Length != n * n) throw new ArgumentException($"jacobian has length {jacobian.Length}, but an n × n matrix needs {n * n} (n = {n}).", nameof(jacobian));
        DualNumber[]? rented = n > StackLimit ? ArrayPool<DualNumber>.Shared.Rent(2 * n) : null;
        Span<DualNumber> scratch = rented is null ? stackalloc DualNumber[2 * n] : rented.AsSpan(0, 2 * n);
        Span<DualNumber> state = scratch[..n], derivative = scratch[n..];
        var time = DualNumber.Create(t);
        for (int j = 0; j < n; j++)
        {
            for (int i = 0; i < n; i++) state[i] = new DualNumber(y[i], i == j ? 1.0 : 0.0);
            var stateVector = new SpanVector<DualNumber>(state);
            var derivativeVector = new SpanVector<DualNumber>(derivative);
            field.Derivative(default(BroadcastParameters<DualNumber>), time, in stateVector, ref derivativeVector);
            for (int i = 0; i < n; i++) jacobian[i * n + j] = derivative[i].Derivative;
        }

        if (rented is not null) ArrayPool<DualNumber>.Shared.Return(rented);
    }

    /// <summary>
    /// Writes the parameters the field's formula reads, in index order, as the SIMD ensembles load them into lanes; the
    /// values are recorded from one call of the formula, so no model lists its parameters a second time.
    /// </summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="parameters">Receives the parameters; at least <see cref="MaxParameters"/> long.</param>
    /// <param name="state">A state at which the formula is defined (a member's initial state), or empty for the zero state.</param>
    /// <returns>How many parameters the formula reads (the highest index read, plus one).</returns>
    public static int WriteParameters<TField>(in TField field, Span<double> parameters, ReadOnlySpan<double> state = default) where TField : ILaneField
    {
        if (parameters.Length < MaxParameters)
            throw new ArgumentException($"parameters has length {parameters.Length}; it must hold at least {MaxParameters}.", nameof(parameters));
        int n = field.Dimension;
        if (n < 1) throw new ArgumentException($"The field's dimension is {n}; it must be at least 1.", nameof(field));
        // The values computed are discarded, only the parameters read matter; a member's own state keeps a formula that
        // rejects some states (and throws there) on ground where it is defined.
        if (!state.IsEmpty && state.Length != n) throw new ArgumentException($"state has length {state.Length}, but the field has dimension {n}.", nameof(state));
        double[]? rented = n > StackLimit ? ArrayPool<double>.Shared.Rent(2 * n) : null;
        Span<double> scratch = rented is null ? stackalloc double[2 * n] : rented.AsSpan(0, 2 * n);
        scratch.Clear();
        state.CopyTo(scratch);
        var stateVector = new SpanVector<ScalarLane>(MemoryMarshal.Cast<double, ScalarLane>(scratch[..n]));
        var derivativeVector = new SpanVector<ScalarLane>(MemoryMarshal.Cast<double, ScalarLane>(scratch[n..]));
        int count = 0;
        var recorder = new ParameterRecorder(parameters[..MaxParameters], ref count, typeof(TField));
        field.Derivative(in recorder, ScalarLane.Create(0.0), in stateVector, ref derivativeVector);
        if (rented is not null) ArrayPool<double>.Shared.Return(rented);
        return count;
    }

    /// <summary>How many parameters the field's formula reads (see <see cref="WriteParameters{TField}"/>).</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="state">A state at which the formula is defined, or empty for the zero state.</param>
    /// <returns>The count, 0 … <see cref="MaxParameters"/>.</returns>
    public static int ParameterCount<TField>(in TField field, ReadOnlySpan<double> state = default) where TField : ILaneField
    {
        Span<double> parameters = stackalloc double[MaxParameters];
        return WriteParameters(field, parameters, state);
    }

    private readonly ref struct ParameterRecorder : IFieldParameters<ScalarLane>
    {
        private readonly Span<double> _values;
        private readonly ref int _count;
        // The type, not its name: Type.Name allocates whenever a collection has freed the type's reflection cache, and
        // this runs for every member a lane loads, so the name is read only for the message.
        private readonly Type _fieldType;

        public ParameterRecorder(Span<double> values, ref int count, Type fieldType)
        {
            _values = values;
            _count = ref count;
            _fieldType = fieldType;
        }

        public ScalarLane Read(int index, double value)
        {
            if ((uint)index >= (uint)_values.Length)
                throw new ArgumentException($"{_fieldType.Name}'s formula reads parameter {index}; a lane field reads parameters 0 … {MaxParameters - 1}.", "field");
            _values[index] = value;
            _count = Math.Max(_count, index + 1);
            return ScalarLane.Create(value);
        }
    }
}
