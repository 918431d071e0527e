using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;

namespace Dynamics.Models.Estimators;

/// <summary>
/// L(o) = E_{y∼softmax(o)} f(y) = Σᵢ pᵢ fᵢ as a loss on the logits, so its exact gradient flow ȯ = −∇L is a
/// <see cref="GradientFlow{TLoss}"/> that the ODE solvers integrate: the path every estimator-driven iteration is compared with.
/// </summary>
/// <param name="objective">f on the simplex.</param>
public sealed class CategoricalLoss(SimplexObjective objective) : ILoss
{
    /// <summary>f on the simplex.</summary>
    public SimplexObjective Objective { get; } = objective ?? throw new ArgumentNullException(nameof(objective));

    /// <inheritdoc/>
    public int Dimension => Objective.Categories;

    /// <inheritdoc/>
    public string Name => $"E f(y), y ∼ softmax(o), K = {Objective.Categories}";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("w", Objective.Weight));

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta) => Objective.Expectation(theta);

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) => Objective.ExactGradient(theta, gradient);

    /// <inheritdoc/>
    /// <remarks>The objective's costs and target are data, shared by every lane.</remarks>
    public void Gradient<T, TParameters, TVector>(in TParameters parameters, in TVector theta, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct => Objective.ExactGradient<T, TVector>(theta, ref gradient);

    /// <inheritdoc/>
    /// <remarks>The objective's costs and target are data, shared by every lane.</remarks>
    public T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct => Objective.Expectation<T, TVector>(theta);
}
