namespace Dynamics.Models.Estimators;

/// <summary>
/// The exact gradient ∂L/∂oⱼ = pⱼ(fⱼ − Σᵢ pᵢ fᵢ) by enumerating the K categories, behind the estimator interface so a
/// noisy iteration driven by it is plain gradient descent: the reference every estimator is compared with.
/// </summary>
/// <param name="objective">f on the simplex.</param>
public sealed class CategoricalExactEstimator(SimplexObjective objective) : IGradientEstimator
{
    private readonly SimplexObjective _objective = objective ?? throw new ArgumentNullException(nameof(objective));

    /// <inheritdoc/>
    public int Dimension => _objective.Categories;

    /// <inheritdoc/>
    public int Samples => 0;

    /// <inheritdoc/>
    public string Name => "exact (enumeration)";

    /// <inheritdoc/>
    public void Reset()
    {
    }

    /// <inheritdoc/>
    public void Estimate(ReadOnlySpan<double> parameters, ulong seed, long index, Span<double> gradient)
    {
        EstimatorChecks.Arguments(parameters, Dimension, index, gradient);
        _objective.ExactGradient(parameters, gradient);
    }
}
