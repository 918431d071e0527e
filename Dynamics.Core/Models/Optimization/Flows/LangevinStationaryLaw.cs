using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// Stationary variances of Langevin dynamics on a quadratic loss, in the convention dθ = −∇L dt + σ dW with
/// p∞ ∝ exp(−2L/σ²) (docs/learning.md, erratum E1), continuous and discretised.
/// </summary>
public static class LangevinStationaryLaw
{
    /// <summary>The continuous stationary variance σ²/(2a) on L = ½aθ² (p∞ = N(0, σ²/(2a))).</summary>
    /// <param name="curvature">a &gt; 0.</param>
    /// <param name="sigma">σ ≥ 0.</param>
    /// <returns>The variance.</returns>
    public static double ContinuousVariance(double curvature, double sigma)
    {
        Require.Positive(curvature, nameof(curvature));
        Require.NonNegative(sigma, nameof(sigma));
        return sigma * sigma / (2 * curvature);
    }

    /// <summary>
    /// The stationary variance of Euler–Maruyama θₙ₊₁ = (1 − γa)θₙ + σ√γ ξₙ on L = ½aθ²: σ²γ/(1 − (1 − γa)²) =
    /// σ²/(a(2 − γa)), which exists for 0 &lt; γa &lt; 2 and exceeds the continuous σ²/(2a) by the factor 1/(1 − γa/2).
    /// </summary>
    /// <param name="curvature">a &gt; 0.</param>
    /// <param name="sigma">σ ≥ 0.</param>
    /// <param name="stepSize">γ with 0 &lt; γa &lt; 2.</param>
    /// <returns>The variance.</returns>
    public static double EulerMaruyamaVariance(double curvature, double sigma, double stepSize)
    {
        Require.Positive(curvature, nameof(curvature));
        Require.NonNegative(sigma, nameof(sigma));
        Require.Positive(stepSize, nameof(stepSize));
        if (!(stepSize * curvature < 2))
            throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize,
                $"The iteration is unstable unless stepSize·curvature < 2, but stepSize = {Require.Format(stepSize)} and curvature = {Require.Format(curvature)}.");
        return sigma * sigma / (curvature * (2 - stepSize * curvature));
    }

    /// <summary>
    /// The discrete Langevin sampler xₙ₊₁ = xₙ + (ε/2)∇log p(xₙ) + √ε ξₙ targeting p = N(0, S²) has the stationary
    /// variance S²/(1 − ε/(4S²)) (docs/learning.md). It is <see cref="EulerMaruyamaVariance"/> with L = σ²θ²/(4S²) and ε = γσ².
    /// </summary>
    /// <param name="targetVariance">S² &gt; 0.</param>
    /// <param name="epsilon">ε with 0 &lt; ε &lt; 4S².</param>
    /// <returns>The variance.</returns>
    public static double DiscreteLangevinVariance(double targetVariance, double epsilon)
    {
        Require.Positive(targetVariance, nameof(targetVariance));
        Require.Positive(epsilon, nameof(epsilon));
        if (!(epsilon < 4 * targetVariance))
            throw new ArgumentOutOfRangeException(nameof(epsilon), epsilon,
                $"The sampler is unstable unless epsilon < 4·targetVariance, but epsilon = {Require.Format(epsilon)} and targetVariance = {Require.Format(targetVariance)}.");
        return targetVariance / (1 - epsilon / (4 * targetVariance));
    }
}
