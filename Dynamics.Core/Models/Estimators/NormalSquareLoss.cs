using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// L(μ, σ) = E_{z∼N(μ,σ²)}(z − c)² = (μ − c)² + σ² as a loss on θ = (μ, σ); its exact gradient flow μ̇ = −2(μ − c),
/// σ̇ = −2σ has μ(t) − c = (μ₀ − c)e^{−2t}, σ(t) = σ₀e^{−2t}.
/// </summary>
/// <param name="objective">f(z) = (z − c)².</param>
public sealed class NormalSquareLoss(SquareObjective objective) : ILoss
{
    /// <summary>f(z) = (z − c)².</summary>
    public SquareObjective Objective { get; } = objective ?? throw new ArgumentNullException(nameof(objective));

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "E (z − c)², z ∼ N(μ, σ²)";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("c", Objective.Target));

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta)
    {
        Require.Length(theta.Length, 2, nameof(theta));
        return LossValue.Evaluate(this, theta);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T c = T.Create(Objective.Target);
        return (theta[0] - c) * (theta[0] - c) + theta[1] * theta[1];
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Require.Length(theta.Length, 2, nameof(theta));
        Require.Length(gradient.Length, 2, nameof(gradient));
        LossGradient.Evaluate(this, theta, gradient);
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T, TParameters, TVector>(in TParameters parameters, in TVector theta, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T two = T.Create(2.0);
        gradient[0] = two * (theta[0] - T.Create(Objective.Target));
        gradient[1] = two * theta[1];
    }
}
