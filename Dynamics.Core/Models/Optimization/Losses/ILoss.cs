using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// A differentiable loss L: ℝᵈ → ℝ to be minimised, with its gradient. Implementations must not allocate in
/// <see cref="Value"/> and <see cref="Gradient(ReadOnlySpan{double}, Span{double})"/>; optimizers and flows call them in
/// their inner loops.
/// </summary>
/// <remarks>
/// The value and the gradient are each written once, as <see cref="Value{T, TParameters, TVector}"/> and
/// <see cref="Gradient{T, TParameters, TVector}"/>, generic over the number type like <see cref="ILaneField.Derivative"/>:
/// the double value and gradient (<see cref="LossValue.Evaluate{TLoss}"/>, <see cref="LossGradient.Evaluate{TLoss}"/>),
/// the flows' lane formulas (so a gradient or Polyak flow runs in SIMD lanes) and the exact Hessian by automatic
/// differentiation (<see cref="LossGradient.Hessian{TLoss}"/>, <see cref="LossGradient.HessianTimes{TLoss}"/>) all come
/// from them. Both read the same parameter indices, so a flow that uses both hands them one parameter block.
/// </remarks>
public interface ILoss
{
    /// <summary>The number d of parameters θ.</summary>
    int Dimension { get; }

    /// <summary>The loss's name for titles, e.g. "Rosenbrock".</summary>
    string Name { get; }

    /// <summary>Its parameters in plain text, e.g. "a = 1, b = 100"; empty when there are none.</summary>
    string Parameters { get; }

    /// <summary>L(θ) on doubles (usually <see cref="LossValue.Evaluate{TLoss}"/> of the generic formula, after any checks).</summary>
    /// <param name="theta">The parameters, length <see cref="Dimension"/>.</param>
    /// <returns>The loss.</returns>
    double Value(ReadOnlySpan<double> theta);

    /// <summary>
    /// L(θ) as a formula generic over the number type: reads θᵢ at <c>theta[i]</c>, i &lt; d, and each parameter through
    /// <c>parameters.Read(index, value)</c> with the indices <see cref="Gradient{T, TParameters, TVector}"/> uses.
    /// </summary>
    /// <typeparam name="T">The number type: one double, a SIMD lane or a dual number.</typeparam>
    /// <typeparam name="TParameters">The parameter accessor.</typeparam>
    /// <typeparam name="TVector">The vector accessor.</typeparam>
    /// <param name="parameters">Gives parameter i.</param>
    /// <param name="theta">θ; read only.</param>
    /// <returns>L(θ) (with a dual number, also its derivative along θ's seed: ∇L·v).</returns>
    T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct;

    /// <summary>Writes ∇L(θ) into <paramref name="gradient"/>.</summary>
    /// <param name="theta">The parameters, length <see cref="Dimension"/>.</param>
    /// <param name="gradient">Receives the gradient, length <see cref="Dimension"/>.</param>
    void Gradient(ReadOnlySpan<double> theta, Span<double> gradient);

    /// <summary>
    /// ∇L(θ) as a formula generic over the number type: reads θᵢ at <c>theta[i]</c> and writes ∂L/∂θᵢ to
    /// <c>gradient[i]</c>, i &lt; d, reading each parameter through <c>parameters.Read(index, value)</c> (indices 0, 1, …).
    /// </summary>
    /// <typeparam name="T">The number type: one double, a SIMD lane or a dual number.</typeparam>
    /// <typeparam name="TParameters">The parameter accessor.</typeparam>
    /// <typeparam name="TVector">The vector accessor.</typeparam>
    /// <param name="parameters">Gives parameter i.</param>
    /// <param name="theta">θ; read only.</param>
    /// <param name="gradient">Receives the gradient in components 0 … d − 1 (it may be a flow's derivative, whose other components are left alone).</param>
    void Gradient<T, TParameters, TVector>(in TParameters parameters, in TVector theta, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct;
}
