using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// Su's one-dimensional example for the Polyak flow, L(x) = x(x − 1)(x − 3)² + c = x⁴ − 7x³ + 15x² − 9x + c with
/// c = 1.62276, so L′ = 4x³ − 21x² + 30x − 9 = (x − 3)(4x² − 9x + 3). Critical points: the local minimum x = 3
/// (L = c), the global minimum (9 − √33)/8 ≈ 0.4069297 (L ≈ 5.5e-7 ≈ 0) and the local maximum (9 + √33)/8 ≈ 1.8430703.
/// Gradient descent from x₀ = 4 stops at 3; the clipped Polyak iteration escapes (kexue.fm/archives/6261,
/// docs/learning.md).
/// </summary>
/// <param name="Offset">The constant c that puts the global minimum at L ≈ 0 (Su's 1.62276).</param>
public readonly record struct PolyakQuarticLoss(double Offset) : ILoss
{
    /// <summary>Su's offset c = 1.62276 (which makes the two minima differ by exactly c).</summary>
    public const double SuOffset = 1.62276;

    /// <summary>The global minimiser (9 − √33)/8.</summary>
    public static readonly double GlobalMinimizer = (9 - Math.Sqrt(33)) / 8;

    /// <summary>The local maximiser (9 + √33)/8.</summary>
    public static readonly double LocalMaximizer = (9 + Math.Sqrt(33)) / 8;

    /// <summary>The local (non-global) minimiser 3, where gradient descent from x₀ = 4 stops.</summary>
    public const double LocalMinimizer = 3.0;

    /// <summary>Su's loss with c = 1.62276. (A struct's default value has c = 0; use this constructor.)</summary>
    public PolyakQuarticLoss()
        : this(SuOffset)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 1;

    /// <inheritdoc/>
    public string Name => "quartic x(x − 1)(x − 3)² + c";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("c", Offset));

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta) => LossValue.Evaluate(this, theta);

    /// <inheritdoc/>
    /// <remarks>The offset c is parameter 0 (the gradient does not read it).</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        return Evaluate(theta[0], parameters.Read(0, Offset));
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) => LossGradient.Evaluate(this, theta, gradient);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T, TParameters, TVector>(in TParameters parameters, in TVector theta, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        gradient[0] = Derivative(theta[0]);
    }

    /// <summary>L(x), written as Su writes it, x(x − 1)(x − 3)² + c.</summary>
    /// <param name="x">The point.</param>
    /// <returns>L(x).</returns>
    public double Evaluate(double x) => Evaluate(ScalarLane.Create(x), ScalarLane.Create(Offset)).Value;

    /// <summary>L(x) = x(x − 1)(x − 3)² + c on any number type: the one formula of the value.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="x">x.</param>
    /// <param name="offset">c.</param>
    /// <returns>L(x).</returns>
    public static T Evaluate<T>(T x, T offset) where T : struct, IFieldNumber<T>
    {
        T one = T.Create(1.0), three = T.Create(3.0);
        return x * (x - one) * (x - three) * (x - three) + offset;
    }

    /// <summary>L′(x) = 4x³ − 21x² + 30x − 9, Su's g.</summary>
    /// <param name="x">The point.</param>
    /// <returns>L′(x).</returns>
    public static double Derivative(double x) => Derivative(ScalarLane.Create(x)).Value;

    /// <summary>L′(x) = 4x³ − 21x² + 30x − 9 on any number type: the one formula the gradient, lanes and the AD Hessian use.</summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="x">x.</param>
    /// <returns>L′(x).</returns>
    public static T Derivative<T>(T x) where T : struct, IFieldNumber<T> =>
        T.Create(4.0) * x * x * x - T.Create(21.0) * x * x + T.Create(30.0) * x - T.Create(9.0);

    /// <summary>L″(x) = 12x² − 42x + 30.</summary>
    /// <param name="x">The point.</param>
    /// <returns>L″(x).</returns>
    public static double SecondDerivative(double x) => 12 * x * x - 42 * x + 30;
}
