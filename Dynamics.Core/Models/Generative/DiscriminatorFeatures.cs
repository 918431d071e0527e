namespace Dynamics.Models.Generative;

/// <summary>The feature map φ(x) of the logistic-regression discriminator D(x) = wᵀφ(x).</summary>
public enum DiscriminatorFeatures
{
    /// <summary>
    /// φ(x) = (1, x₁ … x_d, x_a x_b for a ≤ b): every quadratic, so the optimal logit of two Gaussians,
    /// D* = log N(x; μ_p, P) − log N(x; m, S), lies in the family (docs/monoflow.md).
    /// </summary>
    Quadratic,

    /// <summary>
    /// φ(x) = (1, x₁ … x_d, √(2/M) cos(ω_kᵀx + b_k), k &lt; M) with ω_k ∼ N(0, I/ℓ²) and b_k ∼ U(0, 2π): random Fourier
    /// features of a Gaussian kernel of length ℓ (Rahimi &amp; Recht 2007), flexible enough for mixture targets.
    /// </summary>
    RandomFourier,
}
