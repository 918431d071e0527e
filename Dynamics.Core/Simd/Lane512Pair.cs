using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dynamics.Simd;

/// <summary>
/// Sixteen doubles in two AVX-512 registers, each operation applied to both. A latency-bound kernel (an adaptive step
/// whose stages depend on each other) written once over <see cref="ILane{TSelf}"/> then has two independent dependency
/// chains in flight, which the core overlaps, without a second copy of the kernel: unrolling it by hand instead
/// doubles the inlined lane operations and exceeds the JIT's inlining budget. Lane i computes exactly what lane i mod 8
/// of <see cref="Lane512"/> computes.
/// </summary>
public readonly struct Lane512Pair : ILane<Lane512Pair>
{
    private readonly Vector512<double> _low, _high;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Lane512Pair(Vector512<double> low, Vector512<double> high)
    {
        _low = low;
        _high = high;
    }

    /// <summary>Lanes 0–7 and lanes 8–15, for a kernel that reduces a pair into eight sums.</summary>
    public (Vector512<double> Low, Vector512<double> High) Halves
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => (_low, _high);
    }

    /// <inheritdoc/>
    public static int Count => 2 * Vector512<double>.Count;

    /// <inheritdoc/>
    public static bool IsHardwareAccelerated => Vector512.IsHardwareAccelerated;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Create(double value)
    {
        var broadcast = Vector512.Create(value);
        return new(broadcast, broadcast);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Load(ReadOnlySpan<double> source, int offset)
    {
        ref double start = ref MemoryMarshal.GetReference(source);
        return new(Vector512.LoadUnsafe(ref start, (nuint)offset), Vector512.LoadUnsafe(ref start, (nuint)offset + 8));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> destination, int offset)
    {
        ref double start = ref MemoryMarshal.GetReference(destination);
        _low.StoreUnsafe(ref start, (nuint)offset);
        _high.StoreUnsafe(ref start, (nuint)offset + 8);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair operator +(Lane512Pair left, Lane512Pair right) => new(left._low + right._low, left._high + right._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair operator -(Lane512Pair left, Lane512Pair right) => new(left._low - right._low, left._high - right._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair operator *(Lane512Pair left, Lane512Pair right) => new(left._low * right._low, left._high * right._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair operator /(Lane512Pair left, Lane512Pair right) => new(left._low / right._low, left._high / right._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair operator -(Lane512Pair value) => new(-value._low, -value._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair MultiplyAdd(Lane512Pair a, Lane512Pair b, Lane512Pair c) =>
        new(Vector512.FusedMultiplyAdd(a._low, b._low, c._low), Vector512.FusedMultiplyAdd(a._high, b._high, c._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair MultiplySubtract(Lane512Pair a, Lane512Pair b, Lane512Pair c) =>
        new(Avx512F.FusedMultiplySubtract(a._low, b._low, c._low), Avx512F.FusedMultiplySubtract(a._high, b._high, c._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Abs(Lane512Pair value) => new(Vector512.Abs(value._low), Vector512.Abs(value._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Max(Lane512Pair left, Lane512Pair right) =>
        new(Vector512.Max(left._low, right._low), Vector512.Max(left._high, right._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Min(Lane512Pair left, Lane512Pair right) =>
        new(Vector512.Min(left._low, right._low), Vector512.Min(left._high, right._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Sqrt(Lane512Pair value) => new(Vector512.Sqrt(value._low), Vector512.Sqrt(value._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Exponent(Lane512Pair value) => new(Avx512F.GetExponent(value._low), Avx512F.GetExponent(value._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Significand(Lane512Pair value) =>
        new(Avx512F.GetMantissa(value._low, 0), Avx512F.GetMantissa(value._high, 0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair ScaleB(Lane512Pair value, Lane512Pair power) =>
        new(Avx512F.Scale(value._low, power._low), Avx512F.Scale(value._high, power._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair AtLeast(Lane512Pair value, Lane512Pair floor) =>
        new(Avx512F.Max(floor._low, value._low), Avx512F.Max(floor._high, value._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair PowerOfTwoBySixteenths(Lane512Pair shifted, ReadOnlySpan<long> table)
    {
        ref long start = ref MemoryMarshal.GetReference(table);
        Vector512<long> lower = Vector512.LoadUnsafe(ref start), upper = Vector512.LoadUnsafe(ref start, 8);
        Vector512<long> low = shifted._low.AsInt64(), high = shifted._high.AsInt64();
        return new((Avx512F.PermuteVar8x64x2(lower, low, upper) + (low << 48)).AsDouble(),
            (Avx512F.PermuteVar8x64x2(lower, high, upper) + (high << 48)).AsDouble());
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair LessThanOrEqual(Lane512Pair left, Lane512Pair right) =>
        new(Vector512.LessThanOrEqual(left._low, right._low), Vector512.LessThanOrEqual(left._high, right._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair IsFinite(Lane512Pair value) =>
        new(Vector512.IsFinite(value._low).AsDouble(), Vector512.IsFinite(value._high).AsDouble());

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair ConditionalSelect(Lane512Pair mask, Lane512Pair whenTrue, Lane512Pair whenFalse) =>
        new(Vector512.ConditionalSelect(mask._low, whenTrue._low, whenFalse._low),
            Vector512.ConditionalSelect(mask._high, whenTrue._high, whenFalse._high));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair BothTrue(Lane512Pair left, Lane512Pair right) => new(left._low & right._low, left._high & right._high);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint MaskBits(Lane512Pair mask) =>
        (uint)mask._low.ExtractMostSignificantBits() | ((uint)mask._high.ExtractMostSignificantBits() << 8);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Sin(Lane512Pair value) => LaneMath.Sin(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Exp(Lane512Pair value) => LaneMath.Exp(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair ExpM1(Lane512Pair value) => LaneMath.ExpM1(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair Log(Lane512Pair value) => LaneMath.Log(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Lane512Pair WhereZero(Lane512Pair value, Lane512Pair whenZero, Lane512Pair otherwise) =>
        ConditionalSelect(LessThanOrEqual(Abs(value), Create(0.0)), whenZero, otherwise);
}
