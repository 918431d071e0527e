using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
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
        Accumulate(w, Sample.AllPositiveFeatures, positive: true, 1.0 / Sample.Count, gradient);
        Accumulate(w, Sample.AllNegativeFeatures, positive: false, 1.0 / Sample.NegativeCount, gradient);
    }

    // Adds scale·Σ weight(T)·φ over pairs: weight −(1 − σ(T)) for positives, σ(T) for negatives.
    private static void Accumulate(ReadOnlySpan<double> w, ReadOnlySpan<double> features, bool positive, double scale, Span<double> gradient)
    {
        double g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0, g5 = 0;
        double w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
        for (int i = 0; i + 5 < features.Length; i += 6)
        {
            double t = w0 * features[i] + w1 * features[i + 1] + w2 * features[i + 2] + w3 * features[i + 3] + w4 * features[i + 4] + w5 * features[i + 5];
            double weight = positive ? Sigmoid(t) - 1 : Sigmoid(t);
            g0 += weight * features[i];
            g1 += weight * features[i + 1];
            g2 += weight * features[i + 2];
            g3 += weight * features[i + 3];
            g4 += weight * features[i + 4];
            g5 += weight * features[i + 5];
        }

        gradient[0] += scale * g0;
        gradient[1] += scale * g1;
        gradient[2] += scale * g2;
        gradient[3] += scale * g3;
        gradient[4] += scale * g4;
        gradient[5] += scale * g5;
    }

    private static double Sigmoid(double u) => u >= 0 ? 1 / (1 + Math.Exp(-u)) : Math.Exp(u) / (1 + Math.Exp(u));
}
