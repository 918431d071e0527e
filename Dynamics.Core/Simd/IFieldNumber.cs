namespace Dynamics.Simd;

/// <summary>
/// The arithmetic a vector field's formula needs, and nothing a solver needs besides: a formula written once as a
/// generic method over <typeparamref name="TSelf"/> runs on one double (<see cref="ScalarLane"/>), on SIMD lanes that
/// each hold a different member (<see cref="Lane256"/>, <see cref="Lane512"/>, <see cref="Lane512Pair"/>) and on dual
/// numbers that carry a directional derivative along (<see cref="DualNumber"/>, forward-mode automatic differentiation).
/// </summary>
/// <remarks>
/// The lanes compute every operation the same way at every width (fused multiply-adds rounded once,
/// <see cref="LaneMath"/>'s sine), so a member's result does not depend on the width that computed it.
/// </remarks>
/// <typeparam name="TSelf">The implementing number type.</typeparam>
public interface IFieldNumber<TSelf> where TSelf : struct, IFieldNumber<TSelf>
{
    /// <summary>The constant <paramref name="value"/> (in every lane; with zero derivative for a dual number).</summary>
    /// <param name="value">The value.</param>
    /// <returns>The constant.</returns>
    static abstract TSelf Create(double value);

    /// <summary>a + b.</summary>
    /// <param name="left">a.</param>
    /// <param name="right">b.</param>
    /// <returns>The sum.</returns>
    static abstract TSelf operator +(TSelf left, TSelf right);

    /// <summary>a − b.</summary>
    /// <param name="left">a.</param>
    /// <param name="right">b.</param>
    /// <returns>The difference.</returns>
    static abstract TSelf operator -(TSelf left, TSelf right);

    /// <summary>a · b.</summary>
    /// <param name="left">a.</param>
    /// <param name="right">b.</param>
    /// <returns>The product.</returns>
    static abstract TSelf operator *(TSelf left, TSelf right);

    /// <summary>a / b.</summary>
    /// <param name="left">a.</param>
    /// <param name="right">b.</param>
    /// <returns>The quotient.</returns>
    static abstract TSelf operator /(TSelf left, TSelf right);

    /// <summary>−a.</summary>
    /// <param name="value">a.</param>
    /// <returns>The negation.</returns>
    static abstract TSelf operator -(TSelf value);

    /// <summary>a · b + c rounded once (IEEE 754 fusedMultiplyAdd).</summary>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    /// <param name="c">c.</param>
    /// <returns>a · b + c.</returns>
    static abstract TSelf MultiplyAdd(TSelf a, TSelf b, TSelf c);

    /// <summary>
    /// a · b − c rounded once: the value of <c>MultiplyAdd(a, b, -c)</c>, in one instruction where the hardware has it
    /// (the JIT does not fold the negation into the fused operation).
    /// </summary>
    /// <param name="a">a.</param>
    /// <param name="b">b.</param>
    /// <param name="c">c.</param>
    /// <returns>a · b − c.</returns>
    static abstract TSelf MultiplySubtract(TSelf a, TSelf b, TSelf c);

    /// <summary>√a, correctly rounded.</summary>
    /// <param name="value">a.</param>
    /// <returns>The square root.</returns>
    static abstract TSelf Sqrt(TSelf value);

    /// <summary>sin a (radians), by <see cref="LaneMath.Sin{TLane}"/> on the lanes, so every width gives the same bits.</summary>
    /// <param name="value">a.</param>
    /// <returns>The sine.</returns>
    static abstract TSelf Sin(TSelf value);

    /// <summary>eᵃ, by <see cref="LaneMath.Exp{TLane}"/> on the lanes, so every width gives the same bits (∞ above
    /// ln(MaxValue), 0 far below, as <see cref="Math.Exp"/>).</summary>
    /// <param name="value">a.</param>
    /// <returns>The exponential.</returns>
    static abstract TSelf Exp(TSelf value);

    /// <summary>eᵃ − 1 to full relative accuracy also for |a| ≪ 1, where eᵃ − 1 cancels, by
    /// <see cref="LaneMath.ExpM1{TLane}"/> on the lanes, so every width gives the same bits.</summary>
    /// <param name="value">a.</param>
    /// <returns>eᵃ − 1.</returns>
    static abstract TSelf ExpM1(TSelf value);

    /// <summary>ln a, by <see cref="LaneMath.Log{TLane}"/> on the lanes (special cases as <see cref="Math.Log(double)"/>).</summary>
    /// <param name="value">a.</param>
    /// <returns>The natural logarithm.</returns>
    static abstract TSelf Log(TSelf value);

    /// <summary>max(a, b), lane by lane (IEEE 754 maximum: NaN propagates; a dual number keeps the larger one's derivative).</summary>
    /// <param name="left">a.</param>
    /// <param name="right">b.</param>
    /// <returns>The larger value.</returns>
    static abstract TSelf Max(TSelf left, TSelf right);

    /// <summary>
    /// <paramref name="whenZero"/> where <paramref name="value"/> is ±0, <paramref name="otherwise"/> elsewhere (lane by
    /// lane): a formula's branch-free guard for the value it takes by convention at a point where its expression is 0/0,
    /// such as a direction at the origin. Both arguments are computed; the one not chosen may be NaN.
    /// </summary>
    /// <param name="value">The value tested against zero.</param>
    /// <param name="whenZero">The result where the value is zero.</param>
    /// <param name="otherwise">The result elsewhere.</param>
    /// <returns>The chosen value (for a dual number, with the chosen derivative).</returns>
    static abstract TSelf WhereZero(TSelf value, TSelf whenZero, TSelf otherwise);
}
