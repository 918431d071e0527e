namespace Dynamics.Models.Diffusion;

/// <summary>
/// A continuous-time diffusion x_t = a(t)·x₀ + σ(t)·ε, t ∈ [0, T], data at t = 0 and noise at T (Song et al. 2021).
/// It is the marginal of the forward SDE dx = f(t)x dt + g(t) dW with f = ȧ/a and g² = 2aσ·d/dt(σ/a) = 2(σσ̇ − σ²ȧ/a),
/// whose probability-flow ODE is dx/dt = f(t)x − ½g(t)²∇log p_t(x) (docs/monoflow.md).
/// </summary>
public interface IContinuousSchedule
{
    /// <summary>A short name, e.g. "VP linear".</summary>
    string Name { get; }

    /// <summary>The final time T (noise end).</summary>
    double EndTime { get; }

    /// <summary>The signal scale a(t) (Su's ᾱ, √ᾱ^{DDPM}); 1 for variance-exploding schedules.</summary>
    /// <param name="t">The time.</param>
    /// <returns>a(t).</returns>
    double Scale(double t);

    /// <summary>The noise standard deviation σ(t) (Su's β̄ for variance-preserving schedules).</summary>
    /// <param name="t">The time.</param>
    /// <returns>σ(t).</returns>
    double NoiseStandardDeviation(double t);

    /// <summary>The drift coefficient f(t) = ȧ(t)/a(t).</summary>
    /// <param name="t">The time.</param>
    /// <returns>f(t).</returns>
    double Drift(double t);

    /// <summary>The squared diffusion coefficient g(t)² = 2(σσ̇ − σ²ȧ/a).</summary>
    /// <param name="t">The time.</param>
    /// <returns>g(t)².</returns>
    double DiffusionSquared(double t);

    /// <summary>
    /// a(T)² + σ(T)², the per-coordinate variance of x_T when the data are standard normal: the Gaussian prior
    /// N(0, (a_T² + σ_T²)I) the samplers start from and a trained model's likelihood ends at.
    /// </summary>
    double PriorVariance => Scale(EndTime) * Scale(EndTime) + NoiseStandardDeviation(EndTime) * NoiseStandardDeviation(EndTime);
}
