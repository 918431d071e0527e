using Dynamics.Models.Diffusion;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Distributions;

/// <summary>
/// The exact law p_{a,σ} of x = a·x₀ + σ·ε, with x₀ from a <see cref="GaussianMixture"/> and ε ∼ N(0, I): the mixture
/// Σ_k w_k N(a·μ_k, a²Σ_k + σ²I). It evaluates the log-density, the score ∇log p_{a,σ} and its divergence, and the three
/// denoisers that Tweedie's formula gives from the score (Efron 2011; Vincent 2011; Ho et al. 2020):
/// the optimal noise predictor ε*(x) = E[ε | x] = −σ∇log p_{a,σ}(x), the posterior mean x̂₀(x) = E[x₀ | x] =
/// (x + σ²∇log p_{a,σ}(x))/a, and, for a = 1, the optimal denoising autoencoder r*(x) = x + σ²∇log p̂(x).
/// </summary>
/// <remarks>
/// VP diffusion at Su's ᾱ_t uses a = ᾱ_t, σ = β̄_t = √(1 − ᾱ_t²) (in Ho et al.'s notation a = √ᾱ_t^{DDPM}); VE diffusion
/// uses a = 1, σ = σ_t. <see cref="Update"/> moves the evaluator to another (a, σ) without allocating, so a sampler keeps
/// one per worker. Not thread-safe while <see cref="Update"/> runs; evaluation alone is.
/// </remarks>
public sealed class GaussianMixtureMarginal : INoisePredictor
{
    // The isotropic kernel keeps two lane groups per component on the stack (16 KB at this bound).
    private const int MaxIsotropicComponents = 128;

    private readonly GaussianMixture _mixture;
    private readonly double[] _means;
    private readonly double[] _precisions;
    private readonly double[] _logConstants;
    private readonly double[] _traces;
    private readonly double[] _isotropicPrecisions;
    private readonly double[] _isotropicVariances;   // s_k²
    private readonly double[] _isotropicLogWeights;  // log w_k − ½d log 2π
    private readonly double[] _isotropicMeansByCoordinate;  // a·μ_{k,i} at i·K + k: the isotropic kernel's score pass reads every component's coordinate i in a row

    internal GaussianMixtureMarginal(GaussianMixture mixture, double scale, double noiseStandardDeviation)
    {
        _mixture = mixture;
        int d = mixture.Dimension;
        int k = mixture.ComponentCount;
        _means = new double[k * d];
        _precisions = new double[k * d * d];
        _logConstants = new double[k];
        _traces = new double[k];
        _isotropicPrecisions = mixture.IsIsotropic ? new double[k] : [];
        _isotropicVariances = new double[_isotropicPrecisions.Length];
        _isotropicLogWeights = new double[_isotropicPrecisions.Length];
        _isotropicMeansByCoordinate = mixture.IsIsotropic ? new double[k * d] : [];
        for (int c = 0; c < _isotropicVariances.Length; c++)
        {
            _isotropicVariances[c] = mixture.Covariance(c)[0];
            _isotropicLogWeights[c] = Math.Log(mixture.Weights[c]) - 0.5 * mixture.Dimension * Math.Log(2 * Math.PI);
        }

        Update(scale, noiseStandardDeviation);
    }

    /// <summary>The data mixture (the law of x₀).</summary>
    public GaussianMixture Mixture => _mixture;

    /// <summary>The dimension d.</summary>
    public int Dimension => _mixture.Dimension;

    /// <summary>The signal scale a.</summary>
    public double Scale { get; private set; }

    /// <summary>The noise standard deviation σ.</summary>
    public double NoiseStandardDeviation { get; private set; }

    /// <summary>
    /// Moves the evaluator to the law of a·x₀ + σ·ε, recomputing each component's precision (a²Σ_k + σ²I)⁻¹ from the
    /// stored eigen-decomposition: O(K·d³), no allocation.
    /// </summary>
    /// <param name="scale">a, finite.</param>
    /// <param name="noiseStandardDeviation">σ ≥ 0; σ &gt; 0 when a component is degenerate (e.g. a Dirac mass) or a = 0.</param>
    /// <exception cref="ArgumentException">Non-finite input, or the marginal has no density.</exception>
    public void Update(double scale, double noiseStandardDeviation)
    {
        Require.Finite(scale, nameof(scale));
        Require.NonNegative(noiseStandardDeviation, nameof(noiseStandardDeviation));
        int d = _mixture.Dimension;
        double a2 = scale * scale;
        double v = noiseStandardDeviation * noiseStandardDeviation;
        Scale = scale;
        NoiseStandardDeviation = noiseStandardDeviation;
        if (_mixture.IsIsotropic)
        {
            UpdateIsotropic(scale, noiseStandardDeviation);
            return;
        }

        var lambdas = _mixture.Eigenvalues;
        var vectors = _mixture.Eigenvectors;
        var means = _mixture.MeansData;
        var weights = _mixture.Weights;
        double log2Pi = Math.Log(2 * Math.PI);
        for (int k = 0; k < _mixture.ComponentCount; k++)
        {
            double logDet = 0;
            double trace = 0;
            for (int c = 0; c < d; c++)
            {
                double variance = a2 * lambdas[k * d + c] + v;
                if (!(variance > 0)) throw NoDensity(scale, noiseStandardDeviation, k);
                logDet += Math.Log(variance);
                trace += 1 / variance;
            }

            _logConstants[k] = Math.Log(weights[k]) - 0.5 * (d * log2Pi + logDet);
            _traces[k] = trace;
            int at = k * d * d;
            for (int i = 0; i < d; i++)
            {
                _means[k * d + i] = scale * means[k * d + i];
                for (int j = 0; j <= i; j++)
                {
                    double p = 0;
                    for (int c = 0; c < d; c++)
                        p += vectors[at + i * d + c] * vectors[at + j * d + c] / (a2 * lambdas[k * d + c] + v);
                    _precisions[at + i * d + j] = p;
                    _precisions[at + j * d + i] = p;
                }
            }
        }
    }

    // Σ_k = s_k²I: one variance v_k = a²s_k² + σ² per component, one division and one logarithm (a sampler moves the
    // marginal before every batch evaluation).
    private void UpdateIsotropic(double scale, double noiseStandardDeviation)
    {
        int d = _mixture.Dimension;
        double a2 = scale * scale;
        double v = noiseStandardDeviation * noiseStandardDeviation;
        var means = _mixture.MeansData;
        int components = _isotropicVariances.Length;
        for (int k = 0; k < components; k++)
        {
            double variance = a2 * _isotropicVariances[k] + v;
            if (!(variance > 0)) throw NoDensity(scale, noiseStandardDeviation, k);
            double p = 1 / variance;
            _isotropicPrecisions[k] = p;
            _logConstants[k] = _isotropicLogWeights[k] - 0.5 * d * Math.Log(variance);
            _traces[k] = d * p;
            for (int i = 0; i < d; i++)
            {
                _means[k * d + i] = scale * means[k * d + i];
                _isotropicMeansByCoordinate[i * components + k] = _means[k * d + i];
                _precisions[k * d * d + i * d + i] = p;
            }
        }
    }

    private static ArgumentException NoDensity(double scale, double noiseStandardDeviation, int component) => new(
        $"The law of {Require.Format(scale)}·x₀ + {Require.Format(noiseStandardDeviation)}·ε has no density (component {component} is degenerate); noiseStandardDeviation must be > 0.",
        nameof(noiseStandardDeviation));

    /// <summary>log p_{a,σ}(x) at one point.</summary>
    /// <param name="point">x, d entries.</param>
    /// <returns>The log-density.</returns>
    public double LogDensity(ReadOnlySpan<double> point)
    {
        Require.Length(point.Length, Dimension, nameof(point));
        Span<double> log = stackalloc double[1];
        Run(point, 1, log, default, default, 1);
        return log[0];
    }

    /// <summary>The score ∇log p_{a,σ}(x) at one point; returns log p_{a,σ}(x).</summary>
    /// <param name="point">x, d entries.</param>
    /// <param name="score">Receives the score, d entries.</param>
    /// <returns>The log-density.</returns>
    public double Score(ReadOnlySpan<double> point, Span<double> score)
    {
        Require.Length(point.Length, Dimension, nameof(point));
        Require.Length(score.Length, Dimension, nameof(score));
        Span<double> log = stackalloc double[1];
        Run(point, 1, log, score, default, 1);
        return log[0];
    }

    /// <summary>
    /// The divergence of the score, tr ∇²log p(x) = Σ_k γ_k(‖Σ_k⁻¹(x − μ_k)‖² − tr Σ_k⁻¹) − ‖∇log p(x)‖², with γ_k the
    /// responsibilities: the term the instantaneous change-of-variables formula integrates (Chen et al. 2018).
    /// </summary>
    /// <param name="point">x, d entries.</param>
    /// <returns>The divergence.</returns>
    public double ScoreDivergence(ReadOnlySpan<double> point)
    {
        Require.Length(point.Length, Dimension, nameof(point));
        Span<double> divergence = stackalloc double[1];
        Run(point, 1, default, default, divergence, 1);
        return divergence[0];
    }

    /// <summary>
    /// Evaluates any of log p, ∇log p and tr ∇²log p over <paramref name="count"/> points stored component-major
    /// (x[j·count + m]), vectorised across points with one exponential per point and component and a running
    /// log-sum-exp (no overflow far from the data). Allocation-free.
    /// </summary>
    /// <param name="points">d·count entries.</param>
    /// <param name="count">The number of points.</param>
    /// <param name="logDensity">Receives log p (count entries), or empty to skip.</param>
    /// <param name="score">Receives ∇log p component-major (d·count entries), or empty to skip.</param>
    /// <param name="divergence">Receives tr ∇²log p (count entries), or empty to skip.</param>
    public void Evaluate(ReadOnlySpan<double> points, int count, Span<double> logDensity, Span<double> score, Span<double> divergence)
    {
        Require.AtLeast(count, 0, nameof(count));
        Require.Length(points.Length, Dimension * count, nameof(points));
        if (!logDensity.IsEmpty) Require.Length(logDensity.Length, count, nameof(logDensity));
        if (!score.IsEmpty) Require.Length(score.Length, Dimension * count, nameof(score));
        if (!divergence.IsEmpty) Require.Length(divergence.Length, count, nameof(divergence));
        Run(points, count, logDensity, score, divergence, 1);
    }

    /// <summary>
    /// The optimal noise predictor ε*(x) = E[ε | x] = −σ∇log p_{a,σ}(x) over component-major points (Ho et al. 2020's ε
    /// convention; docs/diffusion.md).
    /// </summary>
    /// <param name="points">d·count entries.</param>
    /// <param name="count">The number of points.</param>
    /// <param name="noise">Receives ε*, d·count entries.</param>
    public void PredictNoise(ReadOnlySpan<double> points, int count, Span<double> noise)
    {
        Require.AtLeast(count, 0, nameof(count));
        Require.Length(points.Length, Dimension * count, nameof(points));
        Require.Length(noise.Length, Dimension * count, nameof(noise));
        Run(points, count, default, noise, default, -NoiseStandardDeviation);
    }

    /// <summary>Moves to the law of a·x₀ + σε (<see cref="Update"/>) and predicts the noise there (<see cref="PredictNoise(ReadOnlySpan{double}, int, Span{double})"/>).</summary>
    /// <param name="scale">a.</param>
    /// <param name="noiseStandardDeviation">σ.</param>
    /// <param name="points">d·count entries.</param>
    /// <param name="count">The number of points.</param>
    /// <param name="noise">Receives ε*, d·count entries.</param>
    public void PredictNoise(double scale, double noiseStandardDeviation, ReadOnlySpan<double> points, int count, Span<double> noise)
    {
        Update(scale, noiseStandardDeviation);
        PredictNoise(points, count, noise);
    }

    /// <summary>
    /// The posterior-mean denoiser x̂₀(x) = E[x₀ | x] = (x + σ²∇log p_{a,σ}(x))/a over component-major points (Tweedie's
    /// formula). With a = 1 it is the optimal denoising autoencoder r*(x) = x + σ²∇log p̂(x) of Bengio, Alain and Vincent.
    /// </summary>
    /// <param name="points">d·count entries.</param>
    /// <param name="count">The number of points.</param>
    /// <param name="denoised">Receives x̂₀, d·count entries.</param>
    /// <exception cref="InvalidOperationException">The scale a is 0 (the noised variable says nothing about x₀).</exception>
    public void Denoise(ReadOnlySpan<double> points, int count, Span<double> denoised)
    {
        if (Scale == 0) throw new InvalidOperationException("The posterior mean needs a scale a ≠ 0.");
        Evaluate(points, count, default, denoised, default);
        double v = NoiseStandardDeviation * NoiseStandardDeviation;
        double inverse = 1 / Scale;
        for (int i = 0; i < denoised.Length; i++) denoised[i] = (points[i] + v * denoised[i]) * inverse;
    }

    /// <summary>The responsibilities γ_k(x) = w_k N(x; aμ_k, a²Σ_k + σ²I)/p(x) at one point.</summary>
    /// <param name="point">x, d entries.</param>
    /// <param name="responsibilities">Receives γ_k, K entries summing to 1.</param>
    public void Responsibilities(ReadOnlySpan<double> point, Span<double> responsibilities)
    {
        int d = Dimension;
        Require.Length(point.Length, d, nameof(point));
        Require.Length(responsibilities.Length, _mixture.ComponentCount, nameof(responsibilities));
        double max = double.NegativeInfinity;
        for (int k = 0; k < responsibilities.Length; k++)
        {
            double q = 0;
            for (int i = 0; i < d; i++)
            {
                double u = 0;
                for (int j = 0; j < d; j++) u += _precisions[k * d * d + i * d + j] * (point[j] - _means[k * d + j]);
                q += (point[i] - _means[k * d + i]) * u;
            }

            responsibilities[k] = _logConstants[k] - 0.5 * q;
            max = Math.Max(max, responsibilities[k]);
        }

        double sum = 0;
        for (int k = 0; k < responsibilities.Length; k++) sum += responsibilities[k] = Math.Exp(responsibilities[k] - max);
        for (int k = 0; k < responsibilities.Length; k++) responsibilities[k] /= sum;
    }

    // The score (or ε* = −σ·score, scoreFactor = −σ) is scaled inside the kernel: no second pass over the output.
    private void Run(ReadOnlySpan<double> points, int count, Span<double> logDensity, Span<double> score, Span<double> divergence, double scoreFactor)
    {
        int components = _mixture.ComponentCount;
        if (_mixture.IsIsotropic && components <= MaxIsotropicComponents)
        {
            var isotropic = new IsotropicMixtureKernel
            {
                Points = points,
                Count = count,
                Dimension = Dimension,
                Components = components,
                Means = _means,
                MeansByCoordinate = _isotropicMeansByCoordinate,
                Precisions = _isotropicPrecisions,
                LogConstants = _logConstants,
                Work = stackalloc double[2 * components * Lane512.Count],
                ScoreFactor = scoreFactor,
                LogDensity = logDensity,
                Score = score,
                Divergence = divergence,
            };
            Lanes.ForEach(ref isotropic, count);
            return;
        }

        var kernel = new MixtureKernel
        {
            Points = points,
            Count = count,
            Dimension = Dimension,
            Components = components,
            Means = _means,
            Precisions = _precisions,
            LogConstants = _logConstants,
            PrecisionTraces = _traces,
            ScoreFactor = scoreFactor,
            LogDensity = logDensity,
            Score = score,
            Divergence = divergence,
        };
        Lanes.ForEach(ref kernel, count);
    }
}
