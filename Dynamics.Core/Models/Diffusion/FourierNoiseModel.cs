using Dynamics.Distributions;
using Dynamics.Validation;

namespace Dynamics.Models.Diffusion;

/// <summary>
/// A fitted, noise-conditional model for the samplers: one <see cref="FourierDenoiser"/> per level of a geometric ladder
/// s₁ &lt; … &lt; s_L of noise-to-signal ratios, each fitted by denoising score matching on x₀ + s_iε. A query at (a, σ) is
/// read in the scaled variable y = x/a, s = σ/a (Karras et al. 2022), where x = a(x₀ + sε): the denoised points of the
/// two neighbouring levels are interpolated linearly in log s (clamped at the ends), and ε̂ = (y − x̂₀)/s.
/// </summary>
public sealed class FourierNoiseModel : INoiseModel
{
    private readonly FourierDenoiser[] _denoisers;
    private readonly double[] _logLevels;

    private FourierNoiseModel(FourierDenoiser[] denoisers, double[] levels)
    {
        _denoisers = denoisers;
        _logLevels = new double[levels.Length];
        for (int i = 0; i < levels.Length; i++) _logLevels[i] = Math.Log(levels[i]);
        Dimension = denoisers[0].Dimension;
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>The number of fitted levels.</summary>
    public int Levels => _denoisers.Length;

    /// <summary>
    /// Fits a denoiser at each of <paramref name="levels"/> geometric levels from <paramref name="minimumLevel"/> to
    /// <paramref name="maximumLevel"/>, level s with length scale √(ℓ² + s²) (the noised law is smooth on that scale).
    /// </summary>
    /// <param name="data">The data law (only sampled).</param>
    /// <param name="minimumLevel">s₁ &gt; 0.</param>
    /// <param name="maximumLevel">s_L &gt; s₁.</param>
    /// <param name="levels">L ≥ 2.</param>
    /// <param name="features">Random features per level.</param>
    /// <param name="lengthScale">ℓ &gt; 0, the data's feature size.</param>
    /// <param name="ridge">The ridge penalty.</param>
    /// <param name="samples">Training pairs per level.</param>
    /// <param name="seed">The seed (level i uses seed + 3i).</param>
    /// <returns>The model.</returns>
    public static FourierNoiseModel Fit(GaussianMixture data, double minimumLevel, double maximumLevel, int levels, int features, double lengthScale,
        double ridge, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        Require.Positive(minimumLevel, nameof(minimumLevel));
        if (!(maximumLevel > minimumLevel))
            throw new ArgumentOutOfRangeException(nameof(maximumLevel), maximumLevel, $"maximumLevel must exceed minimumLevel = {Require.Format(minimumLevel)}, but was {Require.Format(maximumLevel)}.");
        Require.AtLeast(levels, 2, nameof(levels));
        Require.Positive(lengthScale, nameof(lengthScale));
        var s = new double[levels];
        var denoisers = new FourierDenoiser[levels];
        for (int i = 0; i < levels; i++)
        {
            s[i] = minimumLevel * Math.Pow(maximumLevel / minimumLevel, i / (levels - 1.0));
            denoisers[i] = FourierDenoiser.Fit(data, s[i], features, Math.Sqrt(lengthScale * lengthScale + s[i] * s[i]), ridge, samples, seed + 3 * (ulong)i);
        }

        return new FourierNoiseModel(denoisers, s);
    }

    /// <inheritdoc/>
    public INoisePredictor CreatePredictor() => new Predictor(this);

    private sealed class Predictor(FourierNoiseModel model) : INoisePredictor
    {
        private readonly double[] _y = new double[model.Dimension], _low = new double[model.Dimension], _high = new double[model.Dimension];

        public int Dimension => model.Dimension;

        public void PredictNoise(double scale, double noiseStandardDeviation, ReadOnlySpan<double> points, int count, Span<double> noise)
        {
            int d = Dimension;
            double s = noiseStandardDeviation / scale;
            var logs = model._logLevels;
            double position = Math.Clamp((Math.Log(s) - logs[0]) / (logs[1] - logs[0]), 0, logs.Length - 1);
            int lower = Math.Min((int)position, logs.Length - 2);
            double weight = position - lower;
            for (int m = 0; m < count; m++)
            {
                for (int j = 0; j < d; j++) _y[j] = points[j * count + m] / scale;
                model._denoisers[lower].Denoise(_y, _low);
                model._denoisers[lower + 1].Denoise(_y, _high);
                for (int j = 0; j < d; j++) noise[j * count + m] = (_y[j] - ((1 - weight) * _low[j] + weight * _high[j])) / s;
            }
        }
    }
}
