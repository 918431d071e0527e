using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// The moments of the Gaussian KL flow: with q_t = N(m, S) and target p = N(μ, P) the velocity ∇log r is affine, so q_t
/// stays Gaussian with ṁ = −P⁻¹(m − μ), Ṡ = 2I − P⁻¹S − SP⁻¹ (docs/monoflow.md). These are also the moment equations of
/// the Langevin SDE dx = ∇log p dt + √2 dW, the Fokker–Planck twin with the same marginals. State: (m, S row-major),
/// d + d² components. One dimension: m(t) = μ + (m₀ − μ)e^{−t/P}, S(t) = P + (S₀ − P)e^{−2t/P}.
/// </summary>
/// <remarks>
/// With a particle count N for the kernel density estimate, the field is instead the large-N moment law of the flow
/// driven by <see cref="KernelDensityLogRatio"/> with Scott's rule: the KDE of N(m, S) is N(m, S + h²I), so the velocity
/// stays affine and Ṡ = (S + h²I)⁻¹S + S(S + h²I)⁻¹ − P⁻¹S − SP⁻¹ with h² = (tr S/d)·N/(N − 1)·N^{−2/(d+4)} (the rule's
/// unbiased variances; S is the 1/N covariance). The mean is unchanged; the covariance loses the bandwidth bias
/// 2I − (S + h²I)⁻¹S − S(S + h²I)⁻¹ = 2h²(S + h²I)⁻¹, O(N^{−2/(d+4)}). That field keeps scratch buffers: one
/// instance per thread.
/// </remarks>
public sealed class GaussianKlFlowMoments : IVectorField
{
    private readonly GaussianTarget _target;
    private readonly double[] _precision;
    private readonly double[] _shifted, _lower, _solved;

    /// <summary>Creates the moment field for a Gaussian target.</summary>
    /// <param name="targetMean">μ, d entries.</param>
    /// <param name="targetCovariance">P, d·d entries row-major, symmetric positive definite.</param>
    /// <param name="kdeParticles">Null for the exact KL flow, or N ≥ 2: the flow driven by a Scott-rule KDE over N particles.</param>
    public GaussianKlFlowMoments(ReadOnlySpan<double> targetMean, ReadOnlySpan<double> targetCovariance, int? kdeParticles = null)
    {
        _target = new GaussianTarget(targetMean, targetCovariance);
        int d = _target.Dimension;
        ParticleDimension = d;
        _precision = _target.Precision;
        if (kdeParticles is { } count) Require.AtLeast(count, 2, nameof(kdeParticles));
        KdeParticles = kdeParticles;
        _shifted = new double[kdeParticles is null ? 0 : d * d];
        _lower = new double[_shifted.Length];
        _solved = new double[_shifted.Length];
    }

    /// <summary>d.</summary>
    public int ParticleDimension { get; }

    /// <summary>The KDE's particle count N, or null for the exact KL flow.</summary>
    public int? KdeParticles { get; }

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
        if (KdeParticles is { } n) KernelTerm(s, n);

        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
            {
                double ps = 0, sp = 0;
                for (int c = 0; c < d; c++)
                {
                    ps += _precision[a * d + c] * s[c * d + b];
                    sp += s[a * d + c] * _precision[c * d + b];
                }

                // The source term 2I, or (S + h²I)⁻¹S + S(S + h²I)⁻¹ = X + Xᵀ under a KDE.
                double source = KdeParticles is null ? (a == b ? 2 : 0) : _solved[a * d + b] + _solved[b * d + a];
                dydt[d + a * d + b] = source - ps - sp;
            }
    }

    // X = (S + h²I)⁻¹S, column by column through the Cholesky factor of S + h²I.
    private void KernelTerm(ReadOnlySpan<double> s, int n)
    {
        int d = ParticleDimension;
        double trace = 0;
        for (int a = 0; a < d; a++) trace += s[a * d + a];
        double h2 = trace / d * n / (n - 1.0) * Math.Pow(n, -2.0 / (d + 4));
        s.CopyTo(_shifted);
        for (int a = 0; a < d; a++) _shifted[a * d + a] += h2;
        if (!SmallMatrix.Cholesky(_shifted, d, _lower))
            throw new InvalidOperationException("The covariance S + h²I is not positive definite.");
        Span<double> column = stackalloc double[d];
        for (int b = 0; b < d; b++)
        {
            for (int a = 0; a < d; a++) column[a] = s[a * d + b];
            SmallMatrix.CholeskySolve(_lower, d, column);
            for (int a = 0; a < d; a++) _solved[a * d + b] = column[a];
        }
    }
}
