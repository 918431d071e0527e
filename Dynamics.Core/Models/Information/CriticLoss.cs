using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// The negative of a <see cref="CriticObjective"/> of a <see cref="QuadraticCritic"/> on a fixed <see cref="CriticSample"/>,
/// as a loss on its six coefficients w (<see cref="VariationalBounds.Value"/> and <see cref="VariationalBounds.Gradient"/>).
/// The default, the negative JS objective −(E_P log σ(w·φ) + E_Q log(1 − σ(w·φ))), is convex in w (logistic regression of
/// positives against negatives), so its gradient flow ẇ = −∇L (a <see cref="GradientFlow{TLoss}"/>) converges to the
/// sample's best critic, which tends to ln(dP/dQ) as N grows (Nowozin, Cseke &amp; Tomioka 2016, f-GAN). DV, NWJ and
/// InfoNCE are concave in w as well (log-sum-exp and exp are convex), so the same holds for each.
/// </summary>
/// <param name="sample">The positive and negative pairs.</param>
/// <param name="objective">The objective whose negative is the loss.</param>
/// <param name="batch">K for InfoNCE (∈ [2, N]); ignored otherwise.</param>
public sealed class CriticLoss(CriticSample sample, CriticObjective objective = CriticObjective.JensenShannon, int batch = 0) : ILoss
{
    /// <summary>The pairs.</summary>
    public CriticSample Sample { get; } = sample ?? throw new ArgumentNullException(nameof(sample));

    /// <summary>The objective.</summary>
    public CriticObjective Objective { get; } = objective;

    /// <inheritdoc/>
    public int Dimension => QuadraticCritic.ParameterCount;

    /// <inheritdoc/>
    public string Name => "negative " + Objective switch
    {
        CriticObjective.JensenShannon => "JS critic objective",
        CriticObjective.DonskerVaradhan => "Donsker–Varadhan bound",
        CriticObjective.NguyenWainwrightJordan => "NWJ bound",
        _ => "InfoNCE bound",
    };

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("N", Sample.Count), ("S", Sample.NegativesPerPositive), ("d", Sample.Dimensions));

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta) => -VariationalBounds.Value(Objective, QuadraticCritic.FromCoefficients(theta), Sample, batch);

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Require.Length(theta.Length, Dimension, nameof(theta));
        Require.Length(gradient.Length, Dimension, nameof(gradient));
        VariationalBounds.Gradient(Objective, theta, Sample, batch, gradient);
        for (int k = 0; k < gradient.Length; k++) gradient[k] = -gradient[k];
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The samples are data, shared by every lane. Written for the JS objective, the one whose critic is trained as a
    /// gradient flow in lanes; DV, NWJ and InfoNCE are trained through <see cref="CriticTrainer"/> with the double gradient.
    /// </remarks>
    /// <exception cref="NotSupportedException">For an objective other than JS.</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T, TParameters, TVector>(in TParameters parameters, in TVector theta, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : IFieldVector<T>, allows ref struct
    {
        if (Objective != CriticObjective.JensenShannon)
            throw new NotSupportedException($"The generic (lane or dual-number) gradient of {nameof(CriticLoss)} is written for the JS objective; objective {Objective} has only the double gradient.");
        for (int j = 0; j < QuadraticCritic.ParameterCount; j++) gradient[j] = T.Create(0.0);
        Accumulate<T, TVector>(theta, Sample.AllPositiveFeatures, positive: true, 1.0 / Sample.Count, ref gradient);
        Accumulate<T, TVector>(theta, Sample.AllNegativeFeatures, positive: false, 1.0 / Sample.NegativeCount, ref gradient);
    }

    // Adds scale·Σ weight(T)·φ over pairs: weight −(1 − σ(T)) for positives, σ(T) for negatives.
    private static void Accumulate<T, TVector>(in TVector w, ReadOnlySpan<double> features, bool positive, double scale, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TVector : IFieldVector<T>, allows ref struct
    {
        T zero = T.Create(0.0), one = T.Create(1.0);
        T g0 = zero, g1 = zero, g2 = zero, g3 = zero, g4 = zero, g5 = zero;
        T w0 = w[0], w1 = w[1], w2 = w[2], w3 = w[3], w4 = w[4], w5 = w[5];
        for (int i = 0; i + 5 < features.Length; i += 6)
        {
            T f0 = T.Create(features[i]), f1 = T.Create(features[i + 1]), f2 = T.Create(features[i + 2]);
            T f3 = T.Create(features[i + 3]), f4 = T.Create(features[i + 4]), f5 = T.Create(features[i + 5]);
            T t = w0 * f0 + w1 * f1 + w2 * f2 + w3 * f3 + w4 * f4 + w5 * f5;
            T weight = positive ? FieldFunctions.Sigmoid(t) - one : FieldFunctions.Sigmoid(t);
            g0 += weight * f0;
            g1 += weight * f1;
            g2 += weight * f2;
            g3 += weight * f3;
            g4 += weight * f4;
            g5 += weight * f5;
        }

        T factor = T.Create(scale);
        gradient[0] += factor * g0;
        gradient[1] += factor * g1;
        gradient[2] += factor * g2;
        gradient[3] += factor * g3;
        gradient[4] += factor * g4;
        gradient[5] += factor * g5;
    }
}
