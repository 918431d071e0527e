namespace Dynamics.Models.Optimization.Optimizers;

/// <summary>How a leapfrog momentum iteration initialises its velocity v₀ from θ₀ and the flow velocity η₀.</summary>
public enum MomentumStart
{
    /// <summary>
    /// The half-step start v₀ = γη(−γ/2) ≈ γη₀ + (γ²/2)(λη₀ + ∇L(θ₀)): the iterates then track the heavy-ball flow
    /// with global error O(γ²) (docs/learning.md; docs/corrections.md, E2).
    /// </summary>
    HalfStep,

    /// <summary>The naive start v₀ = γη₀ (v₀ = 0 from rest), which degrades the global error to O(γ).</summary>
    Naive,
}
