using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Dynamics.Simd;

/// <summary>
/// A dual number a + a′ε (ε² = 0) over any field number <typeparamref name="T"/>, so a lane formula can differentiate
/// a formula of its own, lane by lane: the value and its directional derivative are both <typeparamref name="T"/>s,
/// propagated exactly by the chain rule (forward-mode automatic differentiation; Griewank &amp; Walther,
/// <i>Evaluating Derivatives</i>, 2nd ed. 2008, ch. 3). <see cref="DualNumber"/> is the double case the Jacobians use;
/// this one serves formulas that need a derivative inside themselves, such as a flow that follows a Hessian-vector
/// product.
/// </summary>
/// <typeparam name="T">The number type of the value and of the derivative.</typeparam>
/// <param name="Value">The value a.</param>
/// <param name="Derivative">The directional derivative a′.</param>
[SuppressMessage("Design", "CA1000:Do not declare static members on generic types",
    Justification = "They implement IFieldNumber's static abstract operations, which generic formulas call through the type parameter.")]
public readonly record struct Dual<T>(T Value, T Derivative) : IFieldNumber<Dual<T>> where T : struct, IFieldNumber<T>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Create(double value) => new(T.Create(value), T.Create(0.0));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator +(Dual<T> left, Dual<T> right) => new(left.Value + right.Value, left.Derivative + right.Derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> left, Dual<T> right) => new(left.Value - right.Value, left.Derivative - right.Derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator *(Dual<T> left, Dual<T> right) =>
        new(left.Value * right.Value, left.Derivative * right.Value + left.Value * right.Derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator /(Dual<T> left, Dual<T> right)
    {
        T quotient = left.Value / right.Value;
        return new(quotient, (left.Derivative - quotient * right.Derivative) / right.Value);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> operator -(Dual<T> value) => new(-value.Value, -value.Derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> MultiplyAdd(Dual<T> a, Dual<T> b, Dual<T> c) =>
        new(T.MultiplyAdd(a.Value, b.Value, c.Value), a.Derivative * b.Value + a.Value * b.Derivative + c.Derivative);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> MultiplySubtract(Dual<T> a, Dual<T> b, Dual<T> c) =>
        new(T.MultiplySubtract(a.Value, b.Value, c.Value), a.Derivative * b.Value + a.Value * b.Derivative - c.Derivative);

    /// <inheritdoc/>
    /// <remarks>(√a)′ = a′ / (2√a).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Sqrt(Dual<T> value)
    {
        T root = T.Sqrt(value.Value);
        return new(root, value.Derivative / (root + root));
    }

    /// <inheritdoc/>
    /// <remarks>(sin a)′ = a′ cos a, with cos a = sin(a + π/2) (the contract has no cosine; the shifted argument costs
    /// the derivative at most an ulp of a).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Sin(Dual<T> value) =>
        new(T.Sin(value.Value), value.Derivative * T.Sin(value.Value + T.Create(Math.PI / 2)));

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Exp(Dual<T> value)
    {
        T exp = T.Exp(value.Value);
        return new(exp, value.Derivative * exp);
    }

    /// <inheritdoc/>
    /// <remarks>(eᵃ − 1)′ = a′eᵃ.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> ExpM1(Dual<T> value) => new(T.ExpM1(value.Value), value.Derivative * T.Exp(value.Value));

    /// <inheritdoc/>
    /// <remarks>(ln a)′ = a′ / a.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Log(Dual<T> value) => new(T.Log(value.Value), value.Derivative / value.Value);

    /// <inheritdoc/>
    /// <remarks>Lane by lane the derivative is the one of the operand that gave the maximum (the left one on a tie).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> Max(Dual<T> left, Dual<T> right)
    {
        T max = T.Max(left.Value, right.Value);
        return new(max, T.WhereZero(max - left.Value, left.Derivative, right.Derivative));
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Dual<T> WhereZero(Dual<T> value, Dual<T> whenZero, Dual<T> otherwise) =>
        new(T.WhereZero(value.Value, whenZero.Value, otherwise.Value), T.WhereZero(value.Value, whenZero.Derivative, otherwise.Derivative));
}
