namespace Dynamics.Distributions;

/// <summary>
/// The conversions between a noise predictor and the other parametrisations of the same model, by Tweedie's formula for
/// x = a·x₀ + σε (Efron 2011; Ho et al. 2020): score ∇log p = −ε̂/σ, denoiser x̂₀ = (x − σε̂)/a. Kept in one place so
/// every sampler reads a model the same way.
/// </summary>
public static class NoisePrediction
{
    /// <summary>∇log p_{a,σ}(x) = −ε̂(x)/σ.</summary>
    /// <param name="predictor">The predictor.</param>
    /// <param name="scale">a &gt; 0.</param>
    /// <param name="noiseStandardDeviation">σ &gt; 0.</param>
    /// <param name="points">d·count component-major entries.</param>
    /// <param name="count">The number of points.</param>
    /// <param name="score">Receives the score, d·count entries.</param>
    public static void Score(INoisePredictor predictor, double scale, double noiseStandardDeviation, ReadOnlySpan<double> points, int count, Span<double> score)
    {
        predictor.PredictNoise(scale, noiseStandardDeviation, points, count, score);
        double inverse = -1 / noiseStandardDeviation;
        for (int i = 0; i < score.Length; i++) score[i] *= inverse;
    }

    /// <summary>x̂₀(x) = (x − σε̂(x))/a.</summary>
    /// <param name="predictor">The predictor.</param>
    /// <param name="scale">a &gt; 0.</param>
    /// <param name="noiseStandardDeviation">σ &gt; 0.</param>
    /// <param name="points">d·count component-major entries.</param>
    /// <param name="count">The number of points.</param>
    /// <param name="denoised">Receives x̂₀, d·count entries.</param>
    public static void Denoise(INoisePredictor predictor, double scale, double noiseStandardDeviation, ReadOnlySpan<double> points, int count, Span<double> denoised)
    {
        predictor.PredictNoise(scale, noiseStandardDeviation, points, count, denoised);
        double inverse = 1 / scale;
        for (int i = 0; i < denoised.Length; i++) denoised[i] = (points[i] - noiseStandardDeviation * denoised[i]) * inverse;
    }
}
