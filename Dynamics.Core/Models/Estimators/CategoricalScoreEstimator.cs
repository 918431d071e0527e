using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// The score-function gradient on logits: y ∼ softmax(o) by Gumbel-max, ∇ₒ log p(y) = e_y − p, so one sample gives
/// (f_y − b)(e_y − p), unbiased for ∂L/∂oⱼ = pⱼ(fⱼ − Σᵢ pᵢ fᵢ) (the discrete score-function oracle of docs/estimators.md; Williams 1992). Sample m of
/// estimate n is the Gumbel-max sample s = n·M + m of <see cref="Categorical"/>.
/// </summary>
public sealed class CategoricalScoreEstimator : IGradientEstimator
{
    private readonly SimplexObjective _objective;
    private readonly BaselineTracker _baseline;
    private readonly double[] _probabilities, _values, _baselines;
    private readonly int[] _categories;

    /// <summary>The estimator with M samples and baseline b.</summary>
    /// <param name="objective">f on the simplex (only its vertex values are used).</param>
    /// <param name="baseline">The control variate (leave-one-out needs M ≥ 2).</param>
    /// <param name="samples">M ≥ 1.</param>
    public CategoricalScoreEstimator(SimplexObjective objective, ScoreBaseline baseline, int samples = 1)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(baseline);
        EstimatorChecks.Samples(samples, baseline);
        _objective = objective;
        _baseline = new BaselineTracker(baseline);
        Samples = samples;
        _probabilities = new double[objective.Categories];
        _values = new double[samples];
        _baselines = new double[samples];
        _categories = new int[samples];
    }

    /// <inheritdoc/>
    public int Dimension => _objective.Categories;

    /// <inheritdoc/>
    public int Samples { get; }

    /// <inheritdoc/>
    public string Name => $"score function, {_baseline.Baseline.Label}";

    /// <inheritdoc/>
    public void Reset() => _baseline.Reset();

    /// <inheritdoc/>
    public void Estimate(ReadOnlySpan<double> parameters, ulong seed, long index, Span<double> gradient)
    {
        EstimatorChecks.Arguments(parameters, Dimension, index, gradient);
        Categorical.Softmax(parameters, _probabilities);
        ulong first = (ulong)index * (ulong)Samples;
        for (int m = 0; m < Samples; m++)
        {
            _categories[m] = Categorical.GumbelMaxUnchecked(parameters, seed, first + (ulong)m).Category;
            _values[m] = _objective.VertexValue(_categories[m]);
        }

        _baseline.Baselines(_values, _baselines);
        double totalWeight = 0;
        gradient.Clear();
        for (int m = 0; m < Samples; m++)
        {
            double weight = _values[m] - _baselines[m];
            totalWeight += weight;
            gradient[_categories[m]] += weight;
        }

        // Σₘ wₘ(e_yₘ − p) / M, with the −p part collected once.
        for (int j = 0; j < gradient.Length; j++) gradient[j] = (gradient[j] - totalWeight * _probabilities[j]) / Samples;
    }
}
