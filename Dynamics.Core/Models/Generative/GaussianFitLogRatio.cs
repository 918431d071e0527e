using Dynamics.Distributions;

namespace Dynamics.Models.Generative;

/// <summary>
/// The exact log-ratio for a Gaussian particle law: q = N(m̂, Ŝ) with the cloud's own mean and covariance
/// (<see cref="ParticleMoments"/>), against a target p that is a Gaussian or a <see cref="GaussianMixture"/>:
/// log r(x) = log p(x) − log N(x; m̂, Ŝ), ∇log r(x) = ∇log p(x) + Ŝ⁻¹(x − m̂).
/// </summary>
/// <remarks>
/// It is exact while the cloud stays Gaussian, i.e. while the velocity h'(log r)∇log r is affine in x: for a Gaussian
/// target and the KL flow (h' ≡ 1) the velocity is (Ŝ⁻¹ − P⁻¹)x − Ŝ⁻¹m̂ + P⁻¹μ and the cloud's moments then follow
/// ṁ = −P⁻¹(m − μ), Ṡ = 2I − P⁻¹S − SP⁻¹ exactly (docs/monoflow.md). For other h, or a mixture target, the velocity is not
/// affine and this is the Gaussian (moment-matched) approximation of q_t.
/// </remarks>
public sealed class GaussianFitLogRatio : ILogRatioSource
{
    private readonly GaussianMixture _target;
    private readonly double[] _mean, _covariance, _lower, _precision, _column;
    private double _logNormaliser;
    private double[] _targetLog = [];
    private double[] _targetScore = [];

    /// <summary>Creates the source for a target law.</summary>
    /// <param name="target">p: a Gaussian is a one-component mixture.</param>
    /// <exception cref="ArgumentException">The target has a Dirac component (no density).</exception>
    public GaussianFitLogRatio(GaussianMixture target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.HasDiracComponent)
            throw new ArgumentException("target has a Dirac component, so log p does not exist.", nameof(target));
        _target = target;
        int d = target.Dimension;
        Dimension = d;
        _mean = new double[d];
        _covariance = new double[d * d];
        _lower = new double[d * d];
        _precision = new double[d * d];
        _column = new double[d];
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>The target p.</summary>
    public GaussianMixture Target => _target;

    /// <summary>m̂ of the cloud at the last evaluation.</summary>
    public ReadOnlySpan<double> FittedMean => _mean;

    /// <summary>Ŝ of the cloud at the last evaluation (row-major).</summary>
    public ReadOnlySpan<double> FittedCovariance => _covariance;

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The cloud's covariance is singular (all particles on a hyperplane).</exception>
    public void Evaluate(ReadOnlySpan<double> particles, int count, Span<double> logRatio, Span<double> gradient)
    {
        int d = Dimension;
        LogRatioChecks.Arguments(particles, count, d, logRatio, gradient, 2);
        if (_targetLog.Length != count)
        {
            _targetLog = new double[count];
            _targetScore = new double[d * count];
        }

        ParticleMoments.ComputeUnchecked(particles, count, d, _mean, _covariance);
        if (!SmallMatrix.Cholesky(_covariance, d, _lower))
            throw new InvalidOperationException("The particle covariance is not positive definite: the cloud has collapsed onto a hyperplane.");
        SmallMatrix.CholeskyInverse(_lower, d, _precision, _column);
        _logNormaliser = -0.5 * (d * Math.Log(2 * Math.PI) + SmallMatrix.LogDeterminant(_lower, d));
        _target.Evaluate(particles, count, _targetLog, _targetScore, default);

        Span<double> centred = stackalloc double[d];
        for (int i = 0; i < count; i++)
        {
            for (int j = 0; j < d; j++) centred[j] = particles[j * count + i] - _mean[j];
            double quadratic = 0;
            for (int a = 0; a < d; a++)
            {
                double row = 0;
                for (int b = 0; b < d; b++) row += _precision[a * d + b] * centred[b];
                quadratic += centred[a] * row;
                gradient[a * count + i] = _targetScore[a * count + i] + row;
            }

            logRatio[i] = _targetLog[i] - (_logNormaliser - 0.5 * quadratic);
        }
    }
}
