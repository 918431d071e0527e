using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// "GAN as a diffusion ODE in parameter time": the affine generator g(z) = m + Lz, z ∼ N(0, I), trained by the
/// least-squares step onto particles moved along the exact KL flow against p = N(μ, P), follows in the limit of small
/// steps ṁ = −P⁻¹(m − μ), L̇ = (S⁻¹ − P⁻¹)L = L⁻ᵀ − P⁻¹L with S = LLᵀ (docs/monoflow.md). Its fixed point is m = μ, LLᵀ = P.
/// State: (m, L row-major), d + d² components. In 1-D, d(L²)/dt = 2 − 2L²/P.
/// </summary>
public sealed class AffineGeneratorFlow : IVectorField
{
    private readonly GaussianTarget _target;
    private readonly double[] _precision;
    private readonly double[] _inverse;
    private readonly double[] _work;

    /// <summary>Creates the parameter ODE for a Gaussian target.</summary>
    /// <param name="targetMean">μ, d entries.</param>
    /// <param name="targetCovariance">P, d·d entries, symmetric positive definite.</param>
    public AffineGeneratorFlow(ReadOnlySpan<double> targetMean, ReadOnlySpan<double> targetCovariance)
    {
        _target = new GaussianTarget(targetMean, targetCovariance);
        int d = _target.Dimension;
        ParticleDimension = d;
        _precision = _target.Precision;
        _inverse = new double[d * d];
        _work = new double[d * d];
    }

    /// <summary>d.</summary>
    public int ParticleDimension { get; }

    /// <inheritdoc/>
    public int Dimension => ParticleDimension + ParticleDimension * ParticleDimension;

    /// <summary>P⁻¹ (row-major), for the Euler step of the training loop.</summary>
    public ReadOnlySpan<double> TargetPrecision => _precision;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">L became singular.</exception>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int d = ParticleDimension;
        var l = y.Slice(d, d * d);
        if (!SmallMatrix.Inverse(l, d, _inverse, _work))
            throw new InvalidOperationException("The generator's matrix L is singular.");
        _target.MeanDrift(y[..d], dydt[..d]);

        for (int a = 0; a < d; a++)
            for (int b = 0; b < d; b++)
            {
                double pl = 0;
                for (int c = 0; c < d; c++) pl += _precision[a * d + c] * l[c * d + b];
                // (L⁻ᵀ)_ab = (L⁻¹)_ba.
                dydt[d + a * d + b] = _inverse[b * d + a] - pl;
            }
    }
}
