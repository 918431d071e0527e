using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// The reparameterized (pathwise) gradient of L(μ, σ) = E_{z∼N(μ,σ²)}[f(z)]: with z = μ + σε,
/// ∂L/∂μ = E[f′(z)], ∂L/∂σ = E[f′(z)·ε], averaged over M samples (kexue.fm/archives/6705 §"重参数"; Kingma &amp; Welling
/// 2014). Sample m of estimate n uses ε = <see cref="CounterRandom.Normal(ulong, ulong)"/>(seed, n·M + m).
/// </summary>
public sealed class NormalReparameterizedEstimator : IGradientEstimator
{
    private readonly ISmoothObjective _objective;

    /// <summary>The estimator of ∇E f with M samples per estimate.</summary>
    /// <param name="objective">f.</param>
    /// <param name="samples">M ≥ 1.</param>
    public NormalReparameterizedEstimator(ISmoothObjective objective, int samples = 1)
    {
        ArgumentNullException.ThrowIfNull(objective);
        Require.AtLeast(samples, 1, nameof(samples));
        _objective = objective;
        Samples = samples;
    }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public int Samples { get; }

    /// <inheritdoc/>
    public string Name => "reparameterized";

    /// <inheritdoc/>
    public void Reset()
    {
    }

    /// <inheritdoc/>
    public void Estimate(ReadOnlySpan<double> parameters, ulong seed, long index, Span<double> gradient)
    {
        EstimatorChecks.Arguments(parameters, 2, index, gradient);
        double mu = parameters[0], sigma = parameters[1];
        EstimatorChecks.PositiveScale(sigma);
        double dMu = 0, dSigma = 0;
        ulong first = (ulong)index * (ulong)Samples;
        for (int m = 0; m < Samples; m++)
        {
            double eps = CounterRandom.Normal(seed, first + (ulong)m);
            double slope = _objective.Derivative(mu + sigma * eps);
            dMu += slope;
            dSigma += slope * eps;
        }

        gradient[0] = dMu / Samples;
        gradient[1] = dSigma / Samples;
    }
}
