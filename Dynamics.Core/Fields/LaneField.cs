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
    /// The Jacobian ∂fᵢ/∂yⱼ at (t, y), row-major (entry i·n + j), exact to round-off: the formula evaluated on dual
    /// numbers seeded with the unit vector eⱼ gives column j (forward-mode automatic differentiation; Griewank &amp;
    /// Walther 2008). The derivative parts are SIMD lanes (<see cref="Dual{T}"/> over the widest lane), so one evaluation
    /// gives W columns at once (W = 8 with AVX-512) and the Jacobian costs ⌈n/W⌉ evaluations rather than n. Every lane
    /// computes the same operations, so the result does not depend on W. Implement <see cref="IJacobianField.Jacobian"/>
    /// with it when no closed form is at hand.
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
        if (Lane512.IsHardwareAccelerated) JacobianColumns<TField, Lane512>(field, t, y, jacobian);
        else if (Lane256.IsHardwareAccelerated) JacobianColumns<TField, Lane256>(field, t, y, jacobian);
        else JacobianColumns<TField, ScalarLane>(field, t, y, jacobian);
    }

    // Columns j₀ … j₀ + W − 1 per evaluation: lane l of every derivative carries the direction e_{j₀+l}.
    private static void JacobianColumns<TField, TLane>(in TField field, double t, ReadOnlySpan<double> y, Span<double> jacobian)
        where TField : ILaneField
        where TLane : unmanaged, ILane<TLane>
    {
        int n = field.Dimension, w = TLane.Count;
        Dual<TLane>[]? rented = n > StackLimit ? ArrayPool<Dual<TLane>>.Shared.Rent(2 * n) : null;
        Span<Dual<TLane>> scratch = rented is null ? stackalloc Dual<TLane>[2 * n] : rented.AsSpan(0, 2 * n);
        Span<Dual<TLane>> state = scratch[..n], derivative = scratch[n..];
        Span<double> lanes = stackalloc double[w];
        var time = Dual<TLane>.Create(t);
        var zero = TLane.Create(0.0);
        for (int j0 = 0; j0 < n; j0 += w)
        {
            for (int i = 0; i < n; i++)
            {
                var seed = zero;
                if ((uint)(i - j0) < (uint)w)
                {
                    lanes.Clear();
                    lanes[i - j0] = 1.0;
                    seed = TLane.Load(lanes, 0);
                }

                state[i] = new Dual<TLane>(TLane.Create(y[i]), seed);
            }

            var stateVector = new SpanVector<Dual<TLane>>(state);
            var derivativeVector = new SpanVector<Dual<TLane>>(derivative);
            field.Derivative(default(BroadcastParameters<Dual<TLane>>), time, in stateVector, ref derivativeVector);
            int columns = Math.Min(w, n - j0);
            for (int i = 0; i < n; i++)
            {
                derivative[i].Derivative.Store(lanes, 0);
                lanes[..columns].CopyTo(jacobian.Slice(i * n + j0, columns));
            }
        }

        if (rented is not null) ArrayPool<Dual<TLane>>.Shared.Return(rented);
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
        var recorder = new ParameterRecorder(parameters[..MaxParameters], ref count, typeof(TField).Name);
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
        private readonly string _fieldName;

        public ParameterRecorder(Span<double> values, ref int count, string fieldName)
        {
            _values = values;
            _count = ref count;
            _fieldName = fieldName;
        }

        public ScalarLane Read(int index, double value)
        {
            if ((uint)index >= (uint)_values.Length)
                throw new ArgumentException($"{_fieldName}'s formula reads parameter {index}; a lane field reads parameters 0 … {MaxParameters - 1}.", "field");
            _values[index] = value;
            _count = Math.Max(_count, index + 1);
            return ScalarLane.Create(value);
        }
    }
}
