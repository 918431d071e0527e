using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// The moments of the Gaussian KL flow: with q_t = N(m, S) and target p = N(μ, P) the velocity ∇log r is affine, so q_t
/// stays Gaussian with ṁ = −P⁻¹(m − μ), Ṡ = 2I − P⁻¹S − SP⁻¹ (MODELS §7(d)1). These are also the moment equations of
/// the Langevin SDE dx = ∇log p dt + √2 dW, the Fokker–Planck twin with the same marginals. State: (m, S row-major),
/// d + d² components. One dimension: m(t) = μ + (m₀ − μ)e^{−t/P}, S(t) = P + (S₀ − P)e^{−2t/P}.
/// </summary>
public sealed class GaussianKlFlowMoments : IVectorField
{
    private readonly GaussianTarget _target;
    private readonly double[] _precision;

    /// <summary>Creates the moment field for a Gaussian target.</summary>
    /// <param name="targetMean">μ, d entries.</param>
    /// <param name="targetCovariance">P, d·d entries row-major, symmetric positive definite.</param>
    public GaussianKlFlowMoments(ReadOnlySpan<double> targetMean, ReadOnlySpan<double> targetCovariance)
    {
        _target = new GaussianTarget(targetMean, targetCovariance);
        int d = _target.Dimension;
        ParticleDimension = d;
        _precision = _target.Precision;
    }

    /// <summary>d.</summary>
    public int ParticleDimension { get; }

    /// <inheritdoc/>
    public int Dimension => ParticleDimension + ParticleDimension * ParticleDimension;

    /// <summary>The state (m, S) packed for integration.</summary>
    /// <param name="mean">m, d entries.</param>
    /// <param name="covariance">S, d·d entries.</param>
    /// <returns>d + d² entries.</returns>
    public double[] Pack(ReadOnlySpan<double> mean, ReadOnlySpan<double> covariance)
    {
        int d = ParticleDimension;
        Require.Length(mean.Length, d, nameof(mean));
        Require.Length(covariance.Length, d * d, nameof(covariance));
        return [.. mean, .. covariance];
    }

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int d = ParticleDimension;
        var s = y.Slice(d, d * d);
        _target.MeanDrift(y[..d], dydt[..d]);

        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
            {
                double ps = 0, sp = 0;
                for (int c = 0; c < d; c++)
                {
                    ps += _precision[a * d + c] * s[c * d + b];
                    sp += s[a * d + c] * _precision[c * d + b];
                }

                dydt[d + a * d + b] = (a == b ? 2 : 0) - ps - sp;
            }
    }
}
