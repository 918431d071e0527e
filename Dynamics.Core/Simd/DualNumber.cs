using System.Runtime.CompilerServices;

namespace Dynamics.Simd;

/// <summary>
/// A dual number a + a′ε with ε² = 0: a value and its derivative along one direction, propagated exactly by the chain
/// rule through every operation (forward-mode automatic differentiation). Evaluating a field's formula on dual numbers
/// seeded with the unit vector eⱼ gives f and the column ∂f/∂yⱼ of its Jacobian, exact to round-off, with no step
/// size to choose (Griewank &amp; Walther, <i>Evaluating Derivatives</i>, 2nd ed. 2008, ch. 3).
/// </summary>
/// <param name="Value">The value a.</param>
/// <param name="Derivative">The directional derivative a′.</param>
public readonly record struct DualNumber(double Value, double Derivative) : IFieldNumber<DualNumber>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber Create(double value) => new(value, 0.0);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber operator +(DualNumber left, DualNumber right) => new(left.Value + right.Value, left.Derivative + right.Derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber operator -(DualNumber left, DualNumber right) => new(left.Value - right.Value, left.Derivative - right.Derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber operator *(DualNumber left, DualNumber right) =>
        new(left.Value * right.Value, left.Derivative * right.Value + left.Value * right.Derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber operator /(DualNumber left, DualNumber right)
    {
        double quotient = left.Value / right.Value;
        return new(quotient, (left.Derivative - quotient * right.Derivative) / right.Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber operator -(DualNumber value) => new(-value.Value, -value.Derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber MultiplyAdd(DualNumber a, DualNumber b, DualNumber c) =>
        new(Math.FusedMultiplyAdd(a.Value, b.Value, c.Value), a.Derivative * b.Value + a.Value * b.Derivative + c.Derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber MultiplySubtract(DualNumber a, DualNumber b, DualNumber c) =>
        new(Math.FusedMultiplyAdd(a.Value, b.Value, -c.Value), a.Derivative * b.Value + a.Value * b.Derivative - c.Derivative);

    /// <inheritdoc/>
    /// <remarks>(√a)′ = a′ / (2√a).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber Sqrt(DualNumber value)
    {
        double root = Math.Sqrt(value.Value);
        return new(root, value.Derivative / (2 * root));
    }

    /// <inheritdoc/>
    /// <remarks>(sin a)′ = a′ cos a; the value is <see cref="LaneMath.Sin(double)"/>'s, as on the lanes.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber Sin(DualNumber value) => new(LaneMath.Sin(value.Value), value.Derivative * Math.Cos(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber Exp(DualNumber value)
    {
        double exp = LaneMath.Exp(value.Value);
        return new(exp, value.Derivative * exp);
    }

    /// <inheritdoc/>
    /// <remarks>(eᵃ − 1)′ = a′eᵃ.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber ExpM1(DualNumber value) => new(LaneMath.ExpM1(value.Value), value.Derivative * LaneMath.Exp(value.Value));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber Log(DualNumber value) => new(LaneMath.Log(value.Value), value.Derivative / value.Value);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber Max(DualNumber left, DualNumber right) =>
        double.IsNaN(left.Value) ? left : double.IsNaN(right.Value) ? right : left.Value >= right.Value ? left : right;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static DualNumber WhereZero(DualNumber value, DualNumber whenZero, DualNumber otherwise) => value.Value == 0 ? whenZero : otherwise;
}
