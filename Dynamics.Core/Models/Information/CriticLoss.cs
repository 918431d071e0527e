using Dynamics.Fields;
using Dynamics.Models.Optimization;
using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// The negative JS critic objective of a <see cref="QuadraticCritic"/> on a fixed <see cref="CriticSample"/>, as a loss
/// on its six coefficients w: L(w) = −(E_P log σ(w·φ) + E_Q log(1 − σ(w·φ))), with
/// ∇L = −E_P (1 − σ(T))φ + E_Q σ(T)φ. It is convex in w (logistic regression of positives against negatives), so its
/// gradient flow ẇ = −∇L (a <see cref="GradientFlow{TLoss}"/>) converges to the sample's best critic, which tends to
/// ln(dP/dQ) as N grows (Nowozin, Cseke &amp; Tomioka 2016, f-GAN).
/// </summary>
/// <param name="sample">The positive and negative pairs.</param>
public sealed class CriticLoss(CriticSample sample) : ILoss
{
    /// <summary>The pairs.</summary>
    public CriticSample Sample { get; } = sample ?? throw new ArgumentNullException(nameof(sample));

    /// <inheritdoc/>
    public int Dimension => QuadraticCritic.ParameterCount;

    /// <inheritdoc/>
    public string Name => "negative JS critic objective";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("N", Sample.Count), ("S", Sample.NegativesPerPositive), ("d", Sample.Dimensions));

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta) => -VariationalBounds.JensenShannonObjective(QuadraticCritic.FromCoefficients(theta), Sample);

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        VariationalBounds.Gradient(CriticObjective.JensenShannon, theta, Sample, 0, gradient);
        for (int k = 0; k < gradient.Length; k++) gradient[k] = -gradient[k];
    }
}
