namespace Dynamics.Models.Generative;

/// <summary>
/// The generator losses of MonoFlow (Yi, Zhu &amp; Liu, ICML 2023; arXiv 2302.01075) and the f-divergence Wasserstein
/// flows. Each one moves a particle along dx/dt = h'(d)∇d with d = log r = log p/q the discriminator's logit; only the
/// scalar weight h'(d) differs (see <see cref="MonoFlowWeight.Derivative"/>).
/// </summary>
public enum GeneratorLoss
{
    /// <summary>−E[d]: h(d) = d, h' = 1. The exact Wasserstein gradient flow of KL(q‖p).</summary>
    Logit,

    /// <summary>−E[log σ(d)] (non-saturating GAN): h' = σ(−d), ≈ 1 where fakes are easily detected (d ≪ 0).</summary>
    NonSaturating,

    /// <summary>E[log(1 − σ(d + C))] (the original minimax loss with shift C): h' = σ(d + C), → 0 for d ≪ −C (vanishing gradient).</summary>
    Minimax,

    /// <summary>−E[arcsinh d]: h' = (1 + d²)^{−1/2}.</summary>
    Arcsinh,

    /// <summary>−E[e^{1.5d}] ("Exp" loss of the MonoFlow notebooks): h' = 1.5e^{1.5d}.</summary>
    Exponential,

    /// <summary>W-flow of reverse KL, f(r) = −log r: h'(u) = e^{2u}f''(e^u) = 1 (the same field as <see cref="Logit"/>).</summary>
    ReverseKl,

    /// <summary>W-flow of forward KL, f(r) = r log r: h'(u) = e^u.</summary>
    ForwardKl,

    /// <summary>W-flow of χ², f(r) = (r − 1)²: h'(u) = 2e^{2u}.</summary>
    ChiSquared,

    /// <summary>W-flow of the squared Hellinger distance, f(r) = (√r − 1)²: h'(u) = ½e^{u/2}.</summary>
    SquaredHellinger,

    /// <summary>W-flow of the ½-weighted Jensen–Shannon divergence: h'(u) = ½σ(u) (σ(u) for 2·JS, the minimax direction).</summary>
    JensenShannon,
}
