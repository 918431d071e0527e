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
    public double Value(ReadOnlySpan<double> theta)
    {
        _ = QuadraticCritic.FromCoefficients(theta);  // validates the length and finiteness
        return LossValue.Evaluate(this, theta);
    }

    /// <inheritdoc/>
    /// <remarks>The samples are data, shared by every lane; each lane (or dual number) carries its own critic.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct => -CriticValue.Evaluate<T, TVector>(Objective, in theta, Sample, batch);

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Require.Length(theta.Length, Dimension, nameof(theta));
        Require.Length(gradient.Length, Dimension, nameof(gradient));
        LossGradient.Evaluate(this, theta, gradient);
    }

    /// <inheritdoc/>
    /// <remarks>The samples are data, shared by every lane; each lane (or dual number) carries its own critic.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T, TParameters, TVector>(in TParameters parameters, in TVector theta, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        CriticGradient.Evaluate<T, TVector>(Objective, in theta, Sample, batch, ref gradient);
        for (int k = 0; k < QuadraticCritic.ParameterCount; k++) gradient[k] = -gradient[k];
    }
}
