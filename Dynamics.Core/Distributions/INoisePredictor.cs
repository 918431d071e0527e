namespace Dynamics.Distributions;

/// <summary>One thread's evaluator of an <see cref="INoiseModel"/>'s noise prediction; not thread-safe.</summary>
public interface INoisePredictor
{
    /// <summary>The dimension d.</summary>
    int Dimension { get; }

    /// <summary>ε̂(x; a, σ) for component-major points x[j·count + m] of the law of a·x₀ + σε.</summary>
    /// <param name="scale">a &gt; 0.</param>
    /// <param name="noiseStandardDeviation">σ &gt; 0.</param>
    /// <param name="points">d·count entries.</param>
    /// <param name="count">The number of points.</param>
    /// <param name="noise">Receives ε̂, d·count entries.</param>
    void PredictNoise(double scale, double noiseStandardDeviation, ReadOnlySpan<double> points, int count, Span<double> noise);
}
