using Dynamics.Analysis;
using Dynamics.Fields;

namespace Dynamics.Models.Gan;

/// <summary>
/// The common shape of the Dirac GAN flows (Mescheder, Geiger &amp; Nowozin, arXiv 1801.04406; Su,
/// kexue.fm/archives/6583, docs/gan.md): state (φ, θ) ∈ ℝᵈ × ℝᵈ, discriminator first, and an optional L2 weight decay
/// μ on the discriminator, which adds −μφ to φ̇ (a reconstruction: the article gives no coefficient). Each variant is a
/// struct that writes its right-hand side once, as a lane formula, so SIMD lane ensembles (a parameter sweep with a
/// different μ, λ, … per lane) inline it and exact Jacobians come with it. The formulas read μ as parameter 0 and the
/// variant's own numbers from 1 on; d and the variant's switches (saturating, the GAN-QP denominator) are structure,
/// shared by every member of a lane ensemble.
/// </summary>
public interface IDiracGanFlow : IModel, IHasInvariants, ILaneField
{
    /// <summary>The L2 weight decay μ ≥ 0 on the discriminator.</summary>
    double WeightDecay { get; }

    /// <summary>The dimension d of φ and of θ (2 in the article; 1 for the misleading 1-D Dirac GAN).</summary>
    int PlayerDimension { get; }
}
