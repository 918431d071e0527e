using Dynamics.Distributions;
using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// Overdamped Langevin dynamics dx = ∇log p(x) dt + √2 dW for N independent particles (N·d components, component-major):
/// the Fokker–Planck twin of the KL Wasserstein flow, ∂_t q = −∇·(q∇log p) + Δq = −∇·(q∇log(p/q)), so its marginals
/// equal the MonoFlow KL flow's (docs/monoflow.md; Jordan, Kinderlehrer &amp; Otto 1998). Integrate with <c>Sde.Solve</c>.
/// </summary>
public sealed class LangevinParticles : IStochasticField
{
    private readonly GaussianMixture _target;

    /// <summary>Creates the dynamics.</summary>
    /// <param name="target">p (no Dirac components).</param>
    /// <param name="particleCount">N ≥ 1.</param>
    public LangevinParticles(GaussianMixture target, int particleCount)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.HasDiracComponent)
            throw new ArgumentException("target has a Dirac component, so its score does not exist.", nameof(target));
        Require.AtLeast(particleCount, 1, nameof(particleCount));
        _target = target;
        ParticleCount = particleCount;
        Dimension = particleCount * target.Dimension;
    }

    /// <summary>N.</summary>
    public int ParticleCount { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => _target.Evaluate(y, ParticleCount, default, dydt, default);

    /// <inheritdoc/>
    public void Diffusion(double t, ReadOnlySpan<double> y, Span<double> amplitudes) => amplitudes.Fill(Math.Sqrt(2));
}
