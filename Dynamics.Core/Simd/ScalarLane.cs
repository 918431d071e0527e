using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;


namespace Dynamics.Simd;

/// <summary>
/// One double, for remainders and machines without SIMD. It computes exactly what one lane of <see cref="Lane512"/>
/// computes: fused multiply-adds via <see cref="Math.FusedMultiplyAdd"/>, exact binary exponent and significand, and bitwise
/// blends for selections.
/// </summary>
public readonly struct ScalarLane : ILane<ScalarLane>
{
    private static readonly double TrueMask = BitConverter.Int64BitsToDouble(-1);
    private readonly double _value;

    private ScalarLane(double value) => _value = value;

    /// <inheritdoc/>
    public static int Count => 1;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => true;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Create(double value) => new(value);

    /// <summary>The double.</summary>
    public double Value => _value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Load(ReadOnlySpan<double> source, int offset) =>
        new(Unsafe.Add(ref MemoryMarshal.GetReference(source), offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> destination, int offset) => Unsafe.Add(ref MemoryMarshal.GetReference(destination), offset) = _value;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane operator +(ScalarLane left, ScalarLane right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane operator -(ScalarLane left, ScalarLane right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane operator *(ScalarLane left, ScalarLane right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane operator /(ScalarLane left, ScalarLane right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane operator -(ScalarLane value) => new(-value._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane MultiplyAdd(ScalarLane a, ScalarLane b, ScalarLane c) => new(Math.FusedMultiplyAdd(a._value, b._value, c._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane MultiplySubtract(ScalarLane a, ScalarLane b, ScalarLane c) => new(Math.FusedMultiplyAdd(a._value, b._value, -c._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Abs(ScalarLane value) => new(Math.Abs(value._value));

    /// <inheritdoc/>
    /// <remarks>
    /// Ordered distinct operands take a compare and a branch, which is predicted (the solvers' maxima are clamps and
    /// scale choices that rarely flip) and so takes the comparison off the value's dependency chain; equal operands
    /// (±0) and NaN fall through to <see cref="Math.Max(double, double)"/>, so every input keeps its IEEE 754 maximum, as
    /// <see cref="Lane512"/>'s lanes compute it (the JIT's <see cref="Math.Max(double, double)"/> is three dependent
    /// instructions).
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Max(ScalarLane left, ScalarLane right)
    {
        double a = left._value, b = right._value;
        return new(a > b ? a : b > a ? b : Math.Max(a, b));
    }

    /// <inheritdoc/>
    /// <remarks>As <see cref="Max"/>: a predicted branch for ordered distinct operands, the IEEE 754 minimum otherwise.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Min(ScalarLane left, ScalarLane right)
    {
        double a = left._value, b = right._value;
        return new(a < b ? a : b < a ? b : Math.Min(a, b));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Sqrt(ScalarLane value) => new(Math.Sqrt(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Exponent(ScalarLane value) =>
        new(((BitConverter.DoubleToInt64Bits(value._value) >>> 52) & 0x7FF) - BinaryLayout.ExponentBias);

    /// <inheritdoc/>
    /// <remarks>
    /// The bits <c>(bits &amp; fraction) | bits of 1</c>, formed in the vector register: the round trip through a general
    /// register cost about six cycles on the critical path of every step's logarithm.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Significand(ScalarLane value) =>
        new(((Vector128.CreateScalarUnsafe(value._value).AsInt64() & Vector128.Create(BinaryLayout.FractionMask))
            | Vector128.Create(BinaryLayout.OneBits)).AsDouble().ToScalar());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane ScaleB(ScalarLane value, ScalarLane power) =>
        new(value._value * BitConverter.Int64BitsToDouble(((long)power._value + (long)BinaryLayout.ExponentBias) << 52));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane AtLeast(ScalarLane value, ScalarLane floor) => new(floor._value > value._value ? floor._value : value._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane PowerOfTwoBySixteenths(ScalarLane shifted, ReadOnlySpan<long> table)
    {
        long k = BitConverter.DoubleToInt64Bits(shifted._value);
        return new(BitConverter.Int64BitsToDouble(table[(int)(k & 15)] + (k << 48)));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane LessThanOrEqual(ScalarLane left, ScalarLane right) =>
        new(Vector128.LessThanOrEqual(Vector128.CreateScalarUnsafe(left._value), Vector128.CreateScalarUnsafe(right._value)).ToScalar());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane IsFinite(ScalarLane value) => new(double.IsFinite(value._value) ? TrueMask : 0.0);

    /// <inheritdoc/>
    /// <remarks>A bitwise blend, not a branch: masks from comparisons of varying data would mispredict half the time.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane ConditionalSelect(ScalarLane mask, ScalarLane whenTrue, ScalarLane whenFalse) =>
        new(Vector128.ConditionalSelect(Vector128.CreateScalarUnsafe(mask._value), Vector128.CreateScalarUnsafe(whenTrue._value),
            Vector128.CreateScalarUnsafe(whenFalse._value)).ToScalar());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane BothTrue(ScalarLane left, ScalarLane right) =>
        new(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(left._value) & BitConverter.DoubleToInt64Bits(right._value)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MaskBits(ScalarLane mask) => BitConverter.DoubleToInt64Bits(mask._value) < 0 ? 1u : 0u;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Sin(ScalarLane value) => LaneMath.Sin(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Exp(ScalarLane value) => LaneMath.Exp(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane ExpM1(ScalarLane value) => LaneMath.ExpM1(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Log(ScalarLane value) => LaneMath.Log(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane WhereZero(ScalarLane value, ScalarLane whenZero, ScalarLane otherwise) =>
        ConditionalSelect(LessThanOrEqual(Abs(value), Create(0.0)), whenZero, otherwise);
}
