using Dynamics.Validation;

namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// Stochasticity of Karras et al. (2022)'s sampler (Algorithm 2): at each level σ_i in [MinimumNoise, MaximumNoise] the
/// noise is raised to σ̂ = (1 + γ)σ_i with γ = min(Churn/N, √2 − 1), by adding √(σ̂² − σ_i²)·NoiseInflation·z, before
/// the Heun step from σ̂ to σ_{i+1}. Churn = 0 is the deterministic sampler.
/// </summary>
/// <param name="Churn">S_churn ≥ 0 (e.g. 10–80).</param>
/// <param name="MinimumNoise">S_tmin ≥ 0.</param>
/// <param name="MaximumNoise">S_tmax ≥ S_tmin.</param>
/// <param name="NoiseInflation">S_noise &gt; 0 (1, or 1.003 in the paper).</param>
public sealed record EdmChurn(double Churn, double MinimumNoise = 0, double MaximumNoise = double.MaxValue, double NoiseInflation = 1)
{
    /// <summary>Throws unless the parameters are valid.</summary>
    public void Validate()
    {
        Require.NonNegative(Churn, nameof(Churn));
        Require.NonNegative(MinimumNoise, nameof(MinimumNoise));
        if (!(MaximumNoise >= MinimumNoise))
            throw new ArgumentException($"MaximumNoise = {Require.Format(MaximumNoise)} must be ≥ MinimumNoise = {Require.Format(MinimumNoise)}.", nameof(MaximumNoise));
        Require.Positive(NoiseInflation, nameof(NoiseInflation));
    }
}
