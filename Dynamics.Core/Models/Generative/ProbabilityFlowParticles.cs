using Dynamics.Distributions;
using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// The variance-preserving probability-flow ODE of a diffusion model with the exact score of a mixture target, over N
/// particles, written in the MonoFlow direction (noise at s = 0, data at s = 1). The noised law is x = a·x₀ + σ·ε with
/// a = sin θ, σ = cos θ and θ(s) = θ₀ + (π/2 − θ₀)s; the PF-ODE dx/ds = f − ½g²∇log p_s with f = (ȧ/a)x and
/// g² = d(σ²)/ds − 2(ȧ/a)σ² (Song et al. 2021; MODELS §7(b)) simplifies to dx/ds = θ̇ cot θ (x + ∇log p_s(x)).
/// Starting from samples of p_{s=0} = N-like noise, the particles end at samples of p (a kept-small sampler for the
/// MonoFlow comparison; the diffusion samplers live in their own module).
/// </summary>
public sealed class ProbabilityFlowParticles : IVectorField
{
    private readonly GaussianMixtureMarginal _marginal;
    private readonly double _theta0;

    /// <summary>Creates the flow.</summary>
    /// <param name="target">p, the data law.</param>
    /// <param name="particleCount">N ≥ 1.</param>
    /// <param name="initialSignal">a₀ = sin θ₀ in (0, 1): the signal left at s = 0 (e.g. 0.02).</param>
    public ProbabilityFlowParticles(GaussianMixture target, int particleCount, double initialSignal)
    {
        ArgumentNullException.ThrowIfNull(target);
        Require.AtLeast(particleCount, 1, nameof(particleCount));
        if (!(initialSignal > 0 && initialSignal < 1))
            throw new ArgumentOutOfRangeException(nameof(initialSignal), initialSignal, $"initialSignal must lie in (0, 1), but was {Require.Format(initialSignal)}.");
        _theta0 = Math.Asin(initialSignal);
        _marginal = target.CreateMarginal(initialSignal, Math.Cos(_theta0));
        ParticleCount = particleCount;
        Dimension = particleCount * target.Dimension;
    }

    /// <summary>N.</summary>
    public int ParticleCount { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>The noised law p_s at s = 0, from which the particles must start.</summary>
    /// <returns>The mixture of a₀x₀ + σ₀ε.</returns>
    public GaussianMixture InitialLaw() => _marginal.Mixture.PushForward(Math.Sin(_theta0), Math.Cos(_theta0));

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        double thetaDot = Math.PI / 2 - _theta0;
        double theta = _theta0 + thetaDot * Math.Clamp(t, 0, 1);
        double a = Math.Sin(theta), sigma = Math.Cos(theta);
        _marginal.Update(a, Math.Max(sigma, 0));
        _marginal.Evaluate(y, ParticleCount, default, dydt, default);
        double factor = thetaDot * sigma / a;
        for (int i = 0; i < dydt.Length; i++) dydt[i] = factor * (y[i] + dydt[i]);
    }
}
