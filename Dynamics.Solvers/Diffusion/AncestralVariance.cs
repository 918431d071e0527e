namespace Dynamics.Solvers.Diffusion;

/// <summary>The reverse-step variance of DDPM ancestral sampling (Ho et al. 2020; docs/diffusion.md).</summary>
public enum AncestralVariance
{
    /// <summary>σ_t² = β_t² (Su's β; β_t^{DDPM} in the paper): exact for standard-normal data.</summary>
    Large,

    /// <summary>σ_t² = β̄_{t−1}²β_t²/β̄_t², the posterior variance: exact for a single data point.</summary>
    Small,
}
