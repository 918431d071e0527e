using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

using Dynamics.Numerics;

namespace Dynamics.Simd;

/// <summary>
/// One double, for remainders and machines without SIMD. It computes exactly what one lane of <see cref="Lane512"/>
/// computes: fused multiply-adds via <see cref="Math.FusedMultiplyAdd"/>, and the transcendental functions through the
/// runtime's vectorised implementations (one lane wide) rather than <see cref="Math.Sin"/>, which may differ by an ulp.
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
    public static ScalarLane Create(double value) => new(value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ScalarLane Load(ReadOnlySpan<double> source, int offset) =>
        new(Unsafe.Add(ref MemoryMarshal.GetReference(source), offset));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Store(Span<double> destination, int offset) => Unsafe.Add(ref MemoryMarshal.GetReference(destination), offset) = _value;

    /// <inheritdoc/>
    public static ScalarLane operator +(ScalarLane left, ScalarLane right) => new(left._value + right._value);

    /// <inheritdoc/>
    public static ScalarLane operator -(ScalarLane left, ScalarLane right) => new(left._value - right._value);

    /// <inheritdoc/>
    public static ScalarLane operator *(ScalarLane left, ScalarLane right) => new(left._value * right._value);

    /// <inheritdoc/>
    public static ScalarLane operator /(ScalarLane left, ScalarLane right) => new(left._value / right._value);

    /// <inheritdoc/>
    public static ScalarLane operator -(ScalarLane value) => new(-value._value);

    /// <inheritdoc/>
    public static ScalarLane MultiplyAdd(ScalarLane a, ScalarLane b, ScalarLane c) => new(Math.FusedMultiplyAdd(a._value, b._value, c._value));

    /// <inheritdoc/>
    public static ScalarLane Abs(ScalarLane value) => new(Math.Abs(value._value));

    /// <inheritdoc/>
    public static ScalarLane Max(ScalarLane left, ScalarLane right) => new(Math.Max(left._value, right._value));

    /// <inheritdoc/>
    public static ScalarLane Min(ScalarLane left, ScalarLane right) => new(Math.Min(left._value, right._value));

    /// <inheritdoc/>
    public static ScalarLane Sqrt(ScalarLane value) => new(Math.Sqrt(value._value));

    /// <inheritdoc/>
    public static ScalarLane Sin(ScalarLane value) => new(Vector128.Sin(Vector128.CreateScalar(value._value)).ToScalar());

    /// <inheritdoc/>
    public static ScalarLane Exp(ScalarLane value) => new(LaneMath.Exp(value._value));

    /// <inheritdoc/>
    public static ScalarLane Log(ScalarLane value) => new(LaneMath.Log(value._value));

    /// <inheritdoc/>
    public static ScalarLane LessThanOrEqual(ScalarLane left, ScalarLane right) => new(left._value <= right._value ? TrueMask : 0.0);

    /// <inheritdoc/>
    public static ScalarLane IsFinite(ScalarLane value) => new(double.IsFinite(value._value) ? TrueMask : 0.0);

    /// <inheritdoc/>
    public static ScalarLane ConditionalSelect(ScalarLane mask, ScalarLane whenTrue, ScalarLane whenFalse) =>
        BitConverter.DoubleToInt64Bits(mask._value) < 0 ? whenTrue : whenFalse;

    /// <inheritdoc/>
    public static ScalarLane BothTrue(ScalarLane left, ScalarLane right) =>
        new(BitConverter.Int64BitsToDouble(BitConverter.DoubleToInt64Bits(left._value) & BitConverter.DoubleToInt64Bits(right._value)));

    /// <inheritdoc/>
    public static uint MaskBits(ScalarLane mask) => BitConverter.DoubleToInt64Bits(mask._value) < 0 ? 1u : 0u;
}
