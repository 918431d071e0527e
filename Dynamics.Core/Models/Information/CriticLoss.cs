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
        Require.Length(theta.Length, Dimension, nameof(theta));
        Require.Length(gradient.Length, Dimension, nameof(gradient));
        Span<double> w = stackalloc double[QuadraticCritic.ParameterCount];
        theta.CopyTo(w);
        gradient.Clear();
        double positiveScale = 1.0 / Sample.Count, negativeScale = 1.0 / Sample.NegativeCount;
        for (int i = 0; i < Sample.Count; i++)
        {
            var phi = Sample.PositiveFeatures(i);
            double weight = -(1 - Sigmoid(Dot(w, phi))) * positiveScale;
            for (int k = 0; k < phi.Length; k++) gradient[k] += weight * phi[k];
        }

        for (int j = 0; j < Sample.NegativeCount; j++)
        {
            var phi = Sample.NegativeFeatures(j);
            double weight = Sigmoid(Dot(w, phi)) * negativeScale;
            for (int k = 0; k < phi.Length; k++) gradient[k] += weight * phi[k];
        }
    }

    private static double Sigmoid(double u) => u >= 0 ? 1 / (1 + Math.Exp(-u)) : Math.Exp(u) / (1 + Math.Exp(u));

    private static double Dot(ReadOnlySpan<double> w, ReadOnlySpan<double> phi)
    {
        double t = 0;
        for (int k = 0; k < w.Length; k++) t += w[k] * phi[k];
        return t;
    }
}
