using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dynamics.Simd;

/// <summary>Four doubles in one AVX2 register (<see cref="Vector256{T}"/>), with fused multiply-add.</summary>
public readonly struct Lane256 : ILane<Lane256>
{
    private readonly Vector256<double> _value;

    private Lane256(Vector256<double> value) => _value = value;

    /// <inheritdoc/>
    public static int Count => Vector256<double>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector256.IsHardwareAccelerated;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Create(double value) => new(Vector256.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Load(ReadOnlySpan<double> source, int offset) =>
        new(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> destination, int offset) => _value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator +(Lane256 left, Lane256 right) => new(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator -(Lane256 left, Lane256 right) => new(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator *(Lane256 left, Lane256 right) => new(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator /(Lane256 left, Lane256 right) => new(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 operator -(Lane256 value) => new(-value._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 MultiplyAdd(Lane256 a, Lane256 b, Lane256 c) => new(Vector256.FusedMultiplyAdd(a._value, b._value, c._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 MultiplySubtract(Lane256 a, Lane256 b, Lane256 c) => new(Vector256.FusedMultiplyAdd(a._value, b._value, -c._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Abs(Lane256 value) => new(Vector256.Abs(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Max(Lane256 left, Lane256 right) => new(Vector256.Max(left._value, right._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Min(Lane256 left, Lane256 right) => new(Vector256.Min(left._value, right._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Sqrt(Lane256 value) => new(Vector256.Sqrt(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Exponent(Lane256 value)
    {
        // The biased exponent goes into the low bits of 2⁵², so subtracting 2⁵² + 1023 converts it exactly.
        var biased = Vector256.ShiftRightLogical(value._value.AsInt64(), 52) | Vector256.Create(BinaryLayout.TwoTo52Bits);
        return new(biased.AsDouble() - Vector256.Create(BinaryLayout.TwoTo52 + BinaryLayout.ExponentBias));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Significand(Lane256 value) =>
        new(((value._value.AsInt64() & Vector256.Create(BinaryLayout.FractionMask)) | Vector256.Create(BinaryLayout.OneBits)).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 ScaleB(Lane256 value, Lane256 power)
    {
        // n + 2⁵² + 1023 holds the biased exponent in its low bits; shifted into the exponent field it is 2ⁿ.
        var biased = (power._value + Vector256.Create(BinaryLayout.TwoTo52 + BinaryLayout.ExponentBias)).AsInt64();
        return new(value._value * Vector256.ShiftLeft(biased, 52).AsDouble());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 AtLeast(Lane256 value, Lane256 floor) =>
        new(Vector256.ConditionalSelect(Vector256.GreaterThan(floor._value, value._value), floor._value, value._value));

    /// <inheritdoc/>
    /// <remarks>AVX2 has no 16-entry permute (and its gather needs pointers): the four entries are read one by one.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 PowerOfTwoBySixteenths(Lane256 shifted, ReadOnlySpan<long> table)
    {
        var k = shifted._value.AsInt64();
        var entry = Vector256.Create(table[(int)(k.GetElement(0) & 15)], table[(int)(k.GetElement(1) & 15)],
            table[(int)(k.GetElement(2) & 15)], table[(int)(k.GetElement(3) & 15)]);
        return new((entry + (k << 48)).AsDouble());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 LessThanOrEqual(Lane256 left, Lane256 right) => new(Vector256.LessThanOrEqual(left._value, right._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 IsFinite(Lane256 value) => new(Vector256.IsFinite(value._value).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 ConditionalSelect(Lane256 mask, Lane256 whenTrue, Lane256 whenFalse) =>
        new(Vector256.ConditionalSelect(mask._value, whenTrue._value, whenFalse._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 BothTrue(Lane256 left, Lane256 right) => new(left._value & right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MaskBits(Lane256 mask) => (uint)mask._value.ExtractMostSignificantBits();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Sin(Lane256 value) => LaneMath.Sin(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Exp(Lane256 value) => LaneMath.Exp(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 ExpM1(Lane256 value) => LaneMath.ExpM1(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 Log(Lane256 value) => LaneMath.Log(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane256 WhereZero(Lane256 value, Lane256 whenZero, Lane256 otherwise) =>
        ConditionalSelect(LessThanOrEqual(Abs(value), Create(0.0)), whenZero, otherwise);
}
