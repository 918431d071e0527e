using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// The score-function (REINFORCE, likelihood-ratio) gradient of L(μ, σ) = E_{z∼N(μ,σ²)}[f(z)]:
/// ∇L = E[(f(z) − b)∇log p(z)] with ∂log p/∂μ = ε/σ and ∂log p/∂σ = (ε² − 1)/σ, z = μ + σε, averaged over M samples
/// (Williams 1992; kexue.fm/archives/6705). Needs no derivative of f; its variance is typically far larger than the
/// reparameterized one (30 vs 4 for f = z² at μ = σ = 1). Sample m of estimate n uses ε at counter n·M + m, the same
/// numbers as <see cref="NormalReparameterizedEstimator"/>.
/// </summary>
public sealed class NormalScoreEstimator : IGradientEstimator
{
    private readonly ISmoothObjective _objective;
    private readonly BaselineTracker _baseline;
    private readonly double[] _eps, _values, _baselines;

    /// <summary>The estimator with M samples and baseline b.</summary>
    /// <param name="objective">f (only its values are used).</param>
    /// <param name="baseline">The control variate (leave-one-out needs M ≥ 2).</param>
    /// <param name="samples">M ≥ 1.</param>
    public NormalScoreEstimator(ISmoothObjective objective, ScoreBaseline baseline, int samples = 1)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(baseline);
        EstimatorChecks.Samples(samples, baseline);
        _objective = objective;
        _baseline = new BaselineTracker(baseline);
        Samples = samples;
        _eps = new double[samples];
        _values = new double[samples];
        _baselines = new double[samples];
    }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public int Samples { get; }

    /// <inheritdoc/>
    public string Name => $"score function, {_baseline.Baseline.Label}";

    /// <inheritdoc/>
    public void Reset() => _baseline.Reset();

    /// <inheritdoc/>
    public void Estimate(ReadOnlySpan<double> parameters, ulong seed, long index, Span<double> gradient)
    {
        EstimatorChecks.Arguments(parameters, 2, index, gradient);
        double mu = parameters[0], sigma = parameters[1];
        EstimatorChecks.PositiveScale(sigma);
        ulong first = (ulong)index * (ulong)Samples;
        for (int m = 0; m < Samples; m++)
        {
            _eps[m] = CounterRandom.Normal(seed, first + (ulong)m);
            _values[m] = _objective.Value(mu + sigma * _eps[m]);
        }

        _baseline.Baselines(_values, _baselines);
        double dMu = 0, dSigma = 0;
        for (int m = 0; m < Samples; m++)
        {
            double weight = _values[m] - _baselines[m], eps = _eps[m];
            dMu += weight * eps;
            dSigma += weight * (eps * eps - 1);
        }

        gradient[0] = dMu / (Samples * sigma);
        gradient[1] = dSigma / (Samples * sigma);
    }
}
