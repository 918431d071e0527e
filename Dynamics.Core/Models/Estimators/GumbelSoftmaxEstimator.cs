using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// The Gumbel-softmax (concrete) gradient on logits (Jang, Gu &amp; Poole 2017; Maddison, Mnih &amp; Teh 2017;
/// kexue.fm/archives/6705): with ỹ = softmax((o + g)/τ) and ∂ỹᵢ/∂oⱼ = ỹᵢ(δᵢⱼ − ỹⱼ)/τ, one sample gives
/// ∂f(ỹ)/∂oⱼ = ỹⱼ(gⱼ − Σᵢ ỹᵢ gᵢ)/τ with g = ∇f(ỹ). It is the exact gradient of the relaxed objective E f(ỹ), hence
/// biased for L = E f(y) unless τ → 0, where its variance blows up. Straight-through (Bengio, Léonard &amp; Courville
/// 2013) evaluates g = ∇f at the hard sample one-hot(argmax(o + g)) instead, keeping the relaxed Jacobian: a biased
/// estimator whose bias persists as a visible offset. τ follows a <see cref="TemperatureSchedule"/> indexed by the
/// estimate's index (the iteration number in a noisy flow).
/// </summary>
public sealed class GumbelSoftmaxEstimator : IGradientEstimator
{
    private readonly SimplexObjective _objective;
    private readonly double[] _relaxed, _slope;

    /// <summary>The estimator with M samples.</summary>
    /// <param name="objective">f on the simplex.</param>
    /// <param name="temperature">τ, constant or annealed.</param>
    /// <param name="straightThrough">Evaluate ∇f at the hard sample (straight-through) instead of at ỹ.</param>
    /// <param name="samples">M ≥ 1.</param>
    public GumbelSoftmaxEstimator(SimplexObjective objective, TemperatureSchedule temperature, bool straightThrough = false, int samples = 1)
    {
        ArgumentNullException.ThrowIfNull(objective);
        ArgumentNullException.ThrowIfNull(temperature);
        Require.AtLeast(samples, 1, nameof(samples));
        _objective = objective;
        Temperature = temperature;
        StraightThrough = straightThrough;
        Samples = samples;
        _relaxed = new double[objective.Categories];
        _slope = new double[objective.Categories];
    }

    /// <summary>The temperature schedule τₙ.</summary>
    public TemperatureSchedule Temperature { get; }

    /// <summary>Whether ∇f is taken at the hard sample (straight-through).</summary>
    public bool StraightThrough { get; }

    /// <inheritdoc/>
    public int Dimension => _objective.Categories;

    /// <inheritdoc/>
    public int Samples { get; }

    /// <inheritdoc/>
    public string Name => StraightThrough ? "straight-through" : "Gumbel-softmax";

    /// <inheritdoc/>
    public void Reset()
    {
    }

    /// <inheritdoc/>
    public void Estimate(ReadOnlySpan<double> parameters, ulong seed, long index, Span<double> gradient)
    {
        EstimatorChecks.Arguments(parameters, Dimension, index, gradient);
        double tau = Temperature.At(index);
        ulong first = (ulong)index * (ulong)Samples;
        gradient.Clear();
        for (int m = 0; m < Samples; m++)
        {
            int hard = Categorical.GumbelSoftmaxUnchecked(parameters, tau, seed, first + (ulong)m, _relaxed);
            if (StraightThrough) _objective.GradientAtVertex(hard, _slope);
            else _objective.GradientAt(_relaxed, _slope);
            double mean = 0;
            // Σ ỹᵢ gᵢ by fused multiply-adds: the vectorised Monte Carlo forms it so, and its samples keep these bits.
            for (int i = 0; i < _relaxed.Length; i++) mean = Math.FusedMultiplyAdd(_relaxed[i], _slope[i], mean);
            for (int j = 0; j < gradient.Length; j++) gradient[j] += _relaxed[j] * (_slope[j] - mean);
        }

        double scale = 1 / (tau * Samples);
        for (int j = 0; j < gradient.Length; j++) gradient[j] *= scale;
    }
}
