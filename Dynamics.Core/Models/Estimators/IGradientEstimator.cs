namespace Dynamics.Models.Estimators;

/// <summary>
/// A stochastic estimate ĝ(θ) of the gradient ∇_θ E_{z∼p_θ}[f(z)] (kexue.fm/archives/6705): the estimate numbered
/// <c>index</c> reads its random numbers at counters derived from (seed, index) only, so Monte Carlo and noisy
/// iterations are reproducible and independent of threads. Estimators with a running baseline keep state between
/// calls; <see cref="Reset"/> clears it.
/// </summary>
public interface IGradientEstimator
{
    /// <summary>The number of parameters θ (2 for (μ, σ), K for K logits).</summary>
    int Dimension { get; }

    /// <summary>The samples M averaged in one estimate.</summary>
    int Samples { get; }

    /// <summary>A short name for legends, e.g. "score function, leave-one-out".</summary>
    string Name { get; }

    /// <summary>Clears state carried between estimates (a running-mean baseline).</summary>
    void Reset();

    /// <summary>Writes the estimate number <paramref name="index"/> of ∇_θ L at θ = <paramref name="parameters"/>.</summary>
    /// <param name="parameters">θ, length <see cref="Dimension"/>.</param>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="index">The estimate's index (Monte Carlo replicate or iteration number), ≥ 0.</param>
    /// <param name="gradient">Receives ĝ, length <see cref="Dimension"/>.</param>
    void Estimate(ReadOnlySpan<double> parameters, ulong seed, long index, Span<double> gradient);
}
