using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Gan;

/// <summary>
/// The common shape of the Dirac GAN flows (Mescheder, Geiger &amp; Nowozin, arXiv 1801.04406; Su,
/// kexue.fm/archives/6583, docs/gan.md): state (φ, θ) ∈ ℝᵈ × ℝᵈ, discriminator first, and an optional L2 weight decay
/// μ on the discriminator, which adds −μφ to φ̇ (a reconstruction: the article gives no coefficient). Each variant
/// supplies its right-hand side (once, as a lane formula, so lanes and exact Jacobians come with it), its parameters and
/// its invariants. The formulas read μ as parameter 0 and the variant's own numbers from 1 on; d and the variant's
/// switches (saturating, the GAN-QP denominator) are structure, shared by every member of a lane ensemble.
/// </summary>
public abstract record DiracGanFlow : IModel, IHasInvariants, ILaneField
{
    /// <summary>Sets the shared parameters.</summary>
    /// <param name="weightDecay">μ ≥ 0.</param>
    /// <param name="playerDimension">d ≥ 1 (2 in the article).</param>
    protected DiracGanFlow(double weightDecay, int playerDimension)
    {
        WeightDecay = weightDecay;
        PlayerDimension = playerDimension;
    }

    /// <summary>The L2 weight decay μ ≥ 0 on the discriminator.</summary>
    public double WeightDecay
    {
        get;
        init
        {
            Require.NonNegative(value, nameof(WeightDecay));
            field = value;
        }
    }

    /// <summary>The dimension d of φ and of θ (2 in the article; 1 for the misleading 1-D Dirac GAN).</summary>
    public int PlayerDimension
    {
        get;
        init
        {
            Require.AtLeast(value, 1, nameof(PlayerDimension));
            field = value;
        }
    }

    /// <inheritdoc/>
    public int Dimension => 2 * PlayerDimension;

    /// <inheritdoc/>
    public abstract string Name { get; }

    /// <summary>The variant's own parameters, then the weight decay (when μ &gt; 0) and d (when d ≠ 2).</summary>
    public string Parameters
    {
        get
        {
            var parts = new List<string>();
            if (!string.IsNullOrEmpty(VariantParameters)) parts.Add(VariantParameters);
            if (WeightDecay != 0) parts.Add($"L2 μ = {ParameterText.Number(WeightDecay)}");
            if (PlayerDimension != 2) parts.Add($"d = {PlayerDimension}");
            return string.Join(", ", parts);
        }
    }

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => DiracGan.ComponentNames(PlayerDimension);

    /// <summary>The invariants and Lyapunov functions theory gives for this variant.</summary>
    public abstract IReadOnlyList<Invariant> Invariants { get; }

    /// <summary>The variant's own parameters in plain text (empty when it has none).</summary>
    protected abstract string VariantParameters { get; }

    /// <inheritdoc/>
    public abstract void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt);

    /// <inheritdoc/>
    public abstract void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : IFieldVector<T>, allows ref struct;
}
