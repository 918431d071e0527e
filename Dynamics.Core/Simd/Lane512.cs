using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dynamics.Simd;

/// <summary>Eight doubles in one AVX-512 register (<see cref="Vector512{T}"/>), with fused multiply-add.</summary>
public readonly struct Lane512 : ILane<Lane512>
{
#pragma warning disable CS0649 // assigned through Unsafe.BitCast (see below)
    private readonly Vector512<double> _value;
#pragma warning restore CS0649

    // Results are made by Unsafe.BitCast, not by a constructor: the JIT expands the cast in place, whereas every
    // constructor call counted as one more inlinee against a kernel's inlining budget (each operation cost two).

    /// <inheritdoc/>
    public static int Count => Vector512<double>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Create(double value) => Unsafe.BitCast<Vector512<double>, Lane512>(Vector512.Create(value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Load(ReadOnlySpan<double> source, int offset) =>
        Unsafe.BitCast<Vector512<double>, Lane512>(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(source), (nuint)offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> destination, int offset) => _value.StoreUnsafe(ref MemoryMarshal.GetReference(destination), (nuint)offset);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator +(Lane512 left, Lane512 right) => Unsafe.BitCast<Vector512<double>, Lane512>(left._value + right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator -(Lane512 left, Lane512 right) => Unsafe.BitCast<Vector512<double>, Lane512>(left._value - right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator *(Lane512 left, Lane512 right) => Unsafe.BitCast<Vector512<double>, Lane512>(left._value * right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator /(Lane512 left, Lane512 right) => Unsafe.BitCast<Vector512<double>, Lane512>(left._value / right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 operator -(Lane512 value) => Unsafe.BitCast<Vector512<double>, Lane512>(-value._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 MultiplyAdd(Lane512 a, Lane512 b, Lane512 c) => Unsafe.BitCast<Vector512<double>, Lane512>(Vector512.FusedMultiplyAdd(a._value, b._value, c._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 MultiplySubtract(Lane512 a, Lane512 b, Lane512 c) => Unsafe.BitCast<Vector512<double>, Lane512>(Avx512F.FusedMultiplySubtract(a._value, b._value, c._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Abs(Lane512 value) => Unsafe.BitCast<Vector512<double>, Lane512>(Vector512.Abs(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Max(Lane512 left, Lane512 right) => Unsafe.BitCast<Vector512<double>, Lane512>(Vector512.Max(left._value, right._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Min(Lane512 left, Lane512 right) => Unsafe.BitCast<Vector512<double>, Lane512>(Vector512.Min(left._value, right._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Sqrt(Lane512 value) => Unsafe.BitCast<Vector512<double>, Lane512>(Vector512.Sqrt(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Exponent(Lane512 value) => Unsafe.BitCast<Vector512<double>, Lane512>(Avx512F.GetExponent(value._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Significand(Lane512 value) => Unsafe.BitCast<Vector512<double>, Lane512>(Avx512F.GetMantissa(value._value, 0));  // interval [1, 2), sign of a

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 ScaleB(Lane512 value, Lane512 power) => Unsafe.BitCast<Vector512<double>, Lane512>(Avx512F.Scale(value._value, power._value));

    /// <inheritdoc/>
    /// <remarks><c>vmaxpd</c> returns its second operand when the operands are unordered or equal.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 AtLeast(Lane512 value, Lane512 floor) => Unsafe.BitCast<Vector512<double>, Lane512>(Avx512F.Max(floor._value, value._value));

    /// <inheritdoc/>
    /// <remarks>The 16 entries sit in two registers and one <c>vpermt2q</c> picks each lane's by the low 4 bits of k.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 PowerOfTwoBySixteenths(Lane512 shifted, ReadOnlySpan<long> table)
    {
        ref long start = ref MemoryMarshal.GetReference(table);
        var k = shifted._value.AsInt64();
        var entry = Avx512F.PermuteVar8x64x2(Vector512.LoadUnsafe(ref start), k, Vector512.LoadUnsafe(ref start, 8));
        return Unsafe.BitCast<Vector512<double>, Lane512>((entry + (k << 48)).AsDouble());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 LessThanOrEqual(Lane512 left, Lane512 right) => Unsafe.BitCast<Vector512<double>, Lane512>(Vector512.LessThanOrEqual(left._value, right._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 IsFinite(Lane512 value) => Unsafe.BitCast<Vector512<double>, Lane512>(Vector512.IsFinite(value._value).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 ConditionalSelect(Lane512 mask, Lane512 whenTrue, Lane512 whenFalse) =>
        Unsafe.BitCast<Vector512<double>, Lane512>(Vector512.ConditionalSelect(mask._value, whenTrue._value, whenFalse._value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 BothTrue(Lane512 left, Lane512 right) => Unsafe.BitCast<Vector512<double>, Lane512>(left._value & right._value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MaskBits(Lane512 mask) => (uint)mask._value.ExtractMostSignificantBits();

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Sin(Lane512 value) => LaneMath.Sin(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Exp(Lane512 value) => LaneMath.Exp(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 ExpM1(Lane512 value) => LaneMath.ExpM1(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 Log(Lane512 value) => LaneMath.Log(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512 WhereZero(Lane512 value, Lane512 whenZero, Lane512 otherwise) =>
        ConditionalSelect(LessThanOrEqual(Abs(value), Create(0.0)), whenZero, otherwise);
}
