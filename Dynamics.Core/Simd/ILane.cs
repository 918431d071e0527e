namespace Dynamics.Simd;

/// <summary>
/// A group of <see cref="Count"/> doubles processed together: a SIMD register (<see cref="Lane512"/>, <see cref="Lane256"/>)
/// or one plain double (<see cref="ScalarLane"/>). A kernel written once as a generic method over <typeparamref name="TSelf"/>
/// runs at every width; <see cref="Lanes.ForEach{TKernel}"/> picks the widest accelerated width at run time and finishes
/// the remainder with narrower ones. Every width computes the same operations in the same order, including fused
/// multiply-adds and <see cref="LaneMath"/>'s elementary functions, so a member's result does not depend on which width or
/// position processed it.
/// </summary>
/// <remarks>
/// <see cref="Load"/> and <see cref="Store"/> do not check bounds, so that hot loops pay nothing for them: the caller
/// guarantees that <c>offset + Count</c> lies inside the span (the batch entry points check the spans' lengths once).
/// A mask is a lane value whose lanes are all bits set (true) or zero (false), as the hardware comparisons produce.
/// </remarks>
/// <typeparam name="TSelf">The implementing lane type.</typeparam>
public interface ILane<TSelf> : IFieldNumber<TSelf> where TSelf : struct, ILane<TSelf>
{
    /// <summary>The number of doubles in the group: 8, 4 or 1.</summary>
    static abstract int Count { get; }

    /// <summary>Whether the hardware runs this width natively (the scalar lane always does).</summary>
    static abstract bool IsHardwareAccelerated { get; }

    /// <summary>Loads <see cref="Count"/> consecutive doubles starting at <paramref name="offset"/>, without a bounds check.</summary>
    /// <param name="source">The values.</param>
    /// <param name="offset">The index of the first lane's value.</param>
    /// <returns>The group.</returns>
    static abstract TSelf Load(ReadOnlySpan<double> source, int offset);

    /// <summary>Stores the lanes at <paramref name="offset"/> onwards, without a bounds check.</summary>
    /// <param name="destination">Receives the lanes.</param>
    /// <param name="offset">The index receiving the first lane.</param>
    void Store(Span<double> destination, int offset);

    /// <summary>Lane-wise |a|.</summary>
    /// <param name="value">a.</param>
    /// <returns>The absolute value.</returns>
    static abstract TSelf Abs(TSelf value);

    /// <summary>Lane-wise min(a, b) (IEEE 754 minimum: NaN propagates).</summary>
    /// <param name="left">a.</param>
    /// <param name="right">b.</param>
    /// <returns>The smaller value.</returns>
    static abstract TSelf Min(TSelf left, TSelf right);

    /// <summary>Lane-wise ⌊log₂ a⌋ for a positive normal a: the exponent of its binary representation, exactly.</summary>
    /// <param name="value">a, positive and normal.</param>
    /// <returns>The exponent as a double.</returns>
    static abstract TSelf Exponent(TSelf value);

    /// <summary>Lane-wise a / 2^⌊log₂ a⌋ ∈ [1, 2) for a positive normal a: its significand, exactly.</summary>
    /// <param name="value">a, positive and normal.</param>
    /// <returns>The significand.</returns>
    static abstract TSelf Significand(TSelf value);

    /// <summary>Lane-wise a · 2ⁿ for an integral n in [−1022, 1023] and a normal result, exactly.</summary>
    /// <param name="value">a.</param>
    /// <param name="power">n, an integer stored as a double.</param>
    /// <returns>The scaled value.</returns>
    static abstract TSelf ScaleB(TSelf value, TSelf power);

    /// <summary>
    /// Lane-wise floor &gt; value ? floor : value: value raised to the floor, one instruction (<c>vmaxpd</c>) on 512-bit
    /// lanes (a compare and a blend on 256-bit ones) where <see cref="IFieldNumber{TSelf}.Max"/>'s IEEE 754 maximum takes
    /// four. A NaN value stays NaN (a NaN floor gives the value), and where the two compare equal (±0) the value is kept,
    /// sign included.
    /// </summary>
    /// <param name="value">The values.</param>
    /// <param name="floor">The lower bounds.</param>
    /// <returns>The raised values.</returns>
    static abstract TSelf AtLeast(TSelf value, TSelf floor);

    /// <summary>
    /// Lane-wise 2^(k/16) for an integer k in [−16352, 16383], from a table whose entry j (0 ≤ j &lt; 16) holds the bits of
    /// 2^(j/16) minus j·2⁴⁸: the entry j = k mod 16 with k·2⁴⁸ added to its bits (mod 2⁶⁴), which adds ⌊k/16⌋ to its
    /// binary exponent, exactly. k comes as the double 1.5·2⁵² + k (the sum that rounds a product to an integer), whose
    /// low bits are k in two's complement, so no conversion is needed.
    /// </summary>
    /// <param name="shifted">1.5·2⁵² + k for each lane.</param>
    /// <param name="table">The 16 adjusted entries (not checked: the caller passes exactly 16).</param>
    /// <returns>2^(k/16) with the table entry's rounding.</returns>
    static abstract TSelf PowerOfTwoBySixteenths(TSelf shifted, ReadOnlySpan<long> table);

    /// <summary>The mask a ≤ b (false where either is NaN).</summary>
    /// <param name="left">a.</param>
    /// <param name="right">b.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf LessThanOrEqual(TSelf left, TSelf right);

    /// <summary>The mask of finite lanes (false for NaN and ±∞).</summary>
    /// <param name="value">a.</param>
    /// <returns>The mask.</returns>
    static abstract TSelf IsFinite(TSelf value);

    /// <summary>Lane-wise mask ? a : b.</summary>
    /// <param name="mask">The mask.</param>
    /// <param name="whenTrue">Taken where the mask is set.</param>
    /// <param name="whenFalse">Taken elsewhere.</param>
    /// <returns>The blend.</returns>
    static abstract TSelf ConditionalSelect(TSelf mask, TSelf whenTrue, TSelf whenFalse);

    /// <summary>Lane-wise a AND b of two masks.</summary>
    /// <param name="left">a.</param>
    /// <param name="right">b.</param>
    /// <returns>The conjunction.</returns>
    static abstract TSelf BothTrue(TSelf left, TSelf right);

    /// <summary>Bit i is set when lane i of the mask is set.</summary>
    /// <param name="mask">The mask.</param>
    /// <returns>The bits.</returns>
    static abstract uint MaskBits(TSelf mask);
}
