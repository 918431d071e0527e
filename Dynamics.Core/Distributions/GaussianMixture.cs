using Dynamics.Models.Diffusion;
using Dynamics.Numerics;
using Dynamics.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Distributions;

/// <summary>
/// A Gaussian mixture p(x) = Σ_k w_k N(x; μ_k, Σ_k) in d dimensions with full covariances; a zero covariance makes
/// component k a Dirac mass δ(x − μ_k). Every quantity a diffusion model needs is exact for it: the density, the score
/// ∇log p, the divergence of the score, and the laws of the noised variable a·x₀ + σ·ε (<see cref="PushForward"/>,
/// <see cref="CreateMarginal"/>), whose score gives the optimal noise predictor, the posterior-mean denoiser and the
/// optimal denoising autoencoder (Tweedie's formula; Vincent 2011; Ho et al. 2020).
/// </summary>
/// <remarks>
/// Batch entry points store points component-major, x[j·count + m] = coordinate j of point m, the layout of the
/// project's batch vector fields, so the evaluation vectorises across points. Immutable and thread-safe.
/// </remarks>
public sealed class GaussianMixture : INoiseModel
{
    /// <summary>The largest supported dimension (the batch kernel keeps two d-vectors per lane group on the stack).</summary>
    public const int MaxDimension = 128;

    private readonly double[] _weights;
    private readonly double[] _cumulative;
    private readonly double[] _means;
    private readonly double[] _covariances;
    private readonly double[] _cholesky;
    private readonly double[] _eigenvalues;
    private readonly double[] _eigenvectors;
    private readonly bool[] _dirac;
    private readonly GaussianMixtureMarginal? _density;

    /// <summary>
    /// Creates the mixture from weights, means and covariances. The weights must be positive and sum to 1 within 1e-9
    /// (they are then renormalised exactly); each covariance must be symmetric and either positive definite or exactly zero.
    /// </summary>
    /// <param name="weights">w_k &gt; 0, K entries.</param>
    /// <param name="means">K·d entries, component k's mean at k·d.</param>
    /// <param name="covariances">K·d·d entries, component k's covariance row-major at k·d·d.</param>
    /// <exception cref="ArgumentException">A weight, mean or covariance is invalid, or the lengths disagree.</exception>
    public GaussianMixture(ReadOnlySpan<double> weights, ReadOnlySpan<double> means, ReadOnlySpan<double> covariances)
    {
        int components = weights.Length;
        Require.AtLeast(components, 1, "weights.Length");
        if (means.Length == 0 || means.Length % components != 0)
            throw new ArgumentException($"means has length {means.Length}, which is not a positive multiple of the {components} weights.", nameof(means));
        int d = means.Length / components;
        if (d > MaxDimension)
            throw new ArgumentException($"The dimension {d} exceeds GaussianMixture.MaxDimension = {MaxDimension}.", nameof(means));
        if (covariances.Length != components * d * d)
            throw new ArgumentException($"covariances has length {covariances.Length}, but {components} components in dimension {d} need {components * d * d}.", nameof(covariances));
        Require.AllFinite(weights, nameof(weights));
        Require.AllFinite(means, nameof(means));
        Require.AllFinite(covariances, nameof(covariances));
        double total = 0;
        for (int k = 0; k < components; k++)
        {
            if (!(weights[k] > 0))
                throw new ArgumentException($"weights[{k}] must be greater than 0, but was {Require.Format(weights[k])}.", nameof(weights));
            total += weights[k];
        }

        if (Math.Abs(total - 1) > 1e-9)
            throw new ArgumentException($"The weights must sum to 1, but sum to {Require.Format(total)}.", nameof(weights));

        Dimension = d;
        ComponentCount = components;
        _weights = new double[components];
        _cumulative = new double[components];
        double running = 0;
        for (int k = 0; k < components; k++)
        {
            _weights[k] = weights[k] / total;
            running += _weights[k];
            _cumulative[k] = running;
        }

        _cumulative[components - 1] = 1;
        _means = means.ToArray();
        _covariances = covariances.ToArray();
        _cholesky = new double[components * d * d];
        _eigenvalues = new double[components * d];
        _eigenvectors = new double[components * d * d];
        _dirac = new bool[components];
        for (int k = 0; k < components; k++) Factorise(k);
        IsIsotropic = AllIsotropic(_covariances, components, d);
        _density = HasDiracComponent ? null : new GaussianMixtureMarginal(this, 1, 0);
    }

    /// <summary>The dimension d of the space.</summary>
    public int Dimension { get; }

    /// <summary>The number K of components.</summary>
    public int ComponentCount { get; }

    /// <summary>The weights w_k (summing to 1).</summary>
    public ReadOnlySpan<double> Weights => _weights;

    /// <summary>Whether some component has zero covariance (a Dirac mass), in which case the density does not exist.</summary>
    public bool HasDiracComponent => Array.IndexOf(_dirac, true) >= 0;

    /// <summary>Component k's mean μ_k (d entries).</summary>
    /// <param name="component">k in [0, K).</param>
    /// <returns>The mean.</returns>
    public ReadOnlySpan<double> Mean(int component)
    {
        Require.Component(component, ComponentCount, nameof(component));
        return _means.AsSpan(component * Dimension, Dimension);
    }

    /// <summary>Component k's covariance Σ_k, row-major (d·d entries).</summary>
    /// <param name="component">k in [0, K).</param>
    /// <returns>The covariance.</returns>
    public ReadOnlySpan<double> Covariance(int component)
    {
        Require.Component(component, ComponentCount, nameof(component));
        return _covariances.AsSpan(component * Dimension * Dimension, Dimension * Dimension);
    }

    /// <summary>Whether component k is a Dirac mass (zero covariance).</summary>
    /// <param name="component">k in [0, K).</param>
    /// <returns>True for a Dirac component.</returns>
    public bool IsDirac(int component)
    {
        Require.Component(component, ComponentCount, nameof(component));
        return _dirac[component];
    }

    /// <summary>The mixture with isotropic components N(μ_k, s_k² I); s_k = 0 gives a Dirac mass at μ_k.</summary>
    /// <param name="weights">w_k &gt; 0 summing to 1.</param>
    /// <param name="means">K·d entries.</param>
    /// <param name="standardDeviations">s_k ≥ 0, K entries.</param>
    /// <returns>The mixture.</returns>
    public static GaussianMixture Isotropic(ReadOnlySpan<double> weights, ReadOnlySpan<double> means, ReadOnlySpan<double> standardDeviations)
    {
        int components = weights.Length;
        if (standardDeviations.Length != components)
            throw new ArgumentException($"standardDeviations has length {standardDeviations.Length}, but there are {components} weights.", nameof(standardDeviations));
        for (int k = 0; k < components; k++) Require.NonNegative(standardDeviations[k], $"standardDeviations[{k}]");
        if (components == 0 || means.Length % components != 0)
            throw new ArgumentException($"means has length {means.Length}, which is not a positive multiple of the {components} weights.", nameof(means));
        int d = means.Length / components;
        var covariances = new double[components * d * d];
        for (int k = 0; k < components; k++)
            for (int i = 0; i < d; i++) covariances[k * d * d + i * d + i] = standardDeviations[k] * standardDeviations[k];
        return new GaussianMixture(weights, means, covariances);
    }

    /// <summary>
    /// The law of a·x₀ + σ·ε for x₀ from this mixture and ε ∼ N(0, I) independent: the mixture with weights w_k, means
    /// a·μ_k and covariances a²Σ_k + σ²I. VP noising at ᾱ (Su's notation, docs/diffusion.md) is a = ᾱ, σ = √(1 − ᾱ²); VE noising
    /// at σ is a = 1.
    /// </summary>
    /// <param name="scale">a, finite.</param>
    /// <param name="noiseStandardDeviation">σ ≥ 0.</param>
    /// <returns>The new mixture.</returns>
    public GaussianMixture PushForward(double scale, double noiseStandardDeviation)
    {
        Require.Finite(scale, nameof(scale));
        Require.NonNegative(noiseStandardDeviation, nameof(noiseStandardDeviation));
        int d = Dimension;
        var means = new double[_means.Length];
        var covariances = new double[_covariances.Length];
        for (int i = 0; i < means.Length; i++) means[i] = scale * _means[i];
        for (int k = 0; k < ComponentCount; k++)
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                {
                    int at = k * d * d + i * d + j;
                    covariances[at] = scale * scale * _covariances[at] + (i == j ? noiseStandardDeviation * noiseStandardDeviation : 0);
                }

        return new GaussianMixture(_weights, means, covariances);
    }

    /// <summary>The exact noise predictor ε* of the noised marginals (an evaluator for one thread).</summary>
    /// <returns>A <see cref="GaussianMixtureMarginal"/>.</returns>
    public INoisePredictor CreatePredictor() => CreateMarginal(1, 1);

    /// <summary>
    /// An evaluator of the law of a·x₀ + σ·ε (see <see cref="PushForward"/>) that can be moved to another (a, σ) in place
    /// without allocating (<see cref="GaussianMixtureMarginal.Update"/>): the object a sampler keeps per worker.
    /// </summary>
    /// <param name="scale">a, finite.</param>
    /// <param name="noiseStandardDeviation">σ ≥ 0 (σ &gt; 0 when some component is a Dirac mass).</param>
    /// <returns>The evaluator.</returns>
    public GaussianMixtureMarginal CreateMarginal(double scale, double noiseStandardDeviation) =>
        new(this, scale, noiseStandardDeviation);

    /// <summary>log p(x) at one point.</summary>
    /// <param name="point">x, d entries.</param>
    /// <returns>The log-density.</returns>
    /// <exception cref="InvalidOperationException">The mixture has a Dirac component.</exception>
    public double LogDensity(ReadOnlySpan<double> point) => Density.LogDensity(point);

    /// <summary>The score ∇log p(x) at one point; returns log p(x).</summary>
    /// <param name="point">x, d entries.</param>
    /// <param name="score">Receives ∇log p(x), d entries.</param>
    /// <returns>The log-density.</returns>
    public double Score(ReadOnlySpan<double> point, Span<double> score) => Density.Score(point, score);

    /// <summary>The divergence of the score, ∇·∇log p(x) = tr ∇²log p(x), at one point.</summary>
    /// <param name="point">x, d entries.</param>
    /// <returns>The Laplacian of log p.</returns>
    public double ScoreDivergence(ReadOnlySpan<double> point) => Density.ScoreDivergence(point);

    /// <summary>Batch evaluation over component-major points; see <see cref="GaussianMixtureMarginal.Evaluate"/>.</summary>
    /// <param name="points">d·count entries, x[j·count + m].</param>
    /// <param name="count">The number of points.</param>
    /// <param name="logDensity">Receives log p (count entries), or empty to skip.</param>
    /// <param name="score">Receives ∇log p component-major (d·count entries), or empty to skip.</param>
    /// <param name="divergence">Receives tr ∇²log p (count entries), or empty to skip.</param>
    public void Evaluate(ReadOnlySpan<double> points, int count, Span<double> logDensity, Span<double> score, Span<double> divergence) =>
        Density.Evaluate(points, count, logDensity, score, divergence);

    /// <summary>
    /// Draws sample <paramref name="index"/> of the stream <paramref name="seed"/>: a component k with probability w_k
    /// (from the uniform number 0 of the sample's <see cref="CounterRandom"/> stream), then μ_k + L_k z with L_k the
    /// Cholesky factor and z the stream's normals 0 … d − 1. The result depends only on (seed, index).
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <param name="index">The sample index (the stream).</param>
    /// <param name="point">Receives the sample, d entries.</param>
    /// <returns>The component drawn.</returns>
    public int Sample(ulong seed, long index, Span<double> point)
    {
        Require.Length(point.Length, Dimension, nameof(point));
        Span<double> z = stackalloc double[Dimension];
        return SampleInto(seed, (ulong)index, point, 1, z);
    }

    /// <summary>
    /// Draws samples <paramref name="firstIndex"/> … <paramref name="firstIndex"/> + count − 1 (each as
    /// <see cref="Sample(ulong, long, Span{double})"/>) into component-major storage x[j·count + m].
    /// </summary>
    /// <param name="seed">The seed.</param>
    /// <param name="firstIndex">The index of the first sample.</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="points">Receives d·count entries.</param>
    /// <param name="components">Receives each sample's component (count entries), or empty.</param>
    public void Sample(ulong seed, long firstIndex, int count, Span<double> points, Span<int> components)
    {
        Require.AtLeast(count, 0, nameof(count));
        Require.Length(points.Length, Dimension * count, nameof(points));
        if (!components.IsEmpty) Require.Length(components.Length, count, nameof(components));
        Span<double> z = stackalloc double[Dimension];
        for (int m = 0; m < count; m++)
        {
            int k = SampleInto(seed, (ulong)(firstIndex + m), points[m..], count, z);
            if (!components.IsEmpty) components[m] = k;
        }
    }

    private int SampleInto(ulong seed, ulong index, Span<double> destination, int stride, Span<double> z)
    {
        int d = Dimension;
        double u = CounterRandom.Uniform(seed, index, 0);
        int k = 0;
        while (k < ComponentCount - 1 && u >= _cumulative[k]) k++;
        CounterRandom.FillNormal(seed, index, 0, z);
        int l = k * d * d;
        for (int i = 0; i < d; i++)
        {
            double x = _means[k * d + i];
            for (int j = 0; j <= i; j++) x += _cholesky[l + i * d + j] * z[j];
            destination[i * stride] = x;
        }

        return k;
    }

    internal ReadOnlySpan<double> Eigenvalues => _eigenvalues;

    /// <summary>Every covariance is s_k²I (s_k ≥ 0), so every noised component is isotropic too: the batch kernel's fast path.</summary>
    public bool IsIsotropic { get; }

    internal ReadOnlySpan<double> Eigenvectors => _eigenvectors;

    internal ReadOnlySpan<double> MeansData => _means;

    private GaussianMixtureMarginal Density => _density ?? throw new InvalidOperationException(
        "The mixture has a Dirac component, so it has no density: evaluate a noised marginal (CreateMarginal with noiseStandardDeviation > 0) instead.");

    private static bool AllIsotropic(double[] covariances, int components, int d)
    {
        for (int k = 0; k < components; k++)
        {
            int at = k * d * d;
            for (int i = 0; i < d; i++)
                for (int j = 0; j < d; j++)
                    if (covariances[at + i * d + j] != (i == j ? covariances[at] : 0)) return false;
        }

        return true;
    }

    private void Factorise(int k)
    {
        int d = Dimension;
        int at = k * d * d;
        var sigma = _covariances.AsSpan(at, d * d);
        double largest = 0;
        for (int i = 0; i < d * d; i++) largest = Math.Max(largest, Math.Abs(sigma[i]));
        if (largest == 0)
        {
            _dirac[k] = true;
            for (int i = 0; i < d; i++) _eigenvectors[at + i * d + i] = 1;
            return;
        }

        for (int i = 0; i < d; i++)
            for (int j = 0; j < i; j++)
                if (Math.Abs(sigma[i * d + j] - sigma[j * d + i]) > 1e-12 * largest)
                    throw new ArgumentException(
                        $"covariances[{k}] is not symmetric: entry ({i}, {j}) = {Require.Format(sigma[i * d + j])} but ({j}, {i}) = {Require.Format(sigma[j * d + i])}.", "covariances");

        // Cholesky Σ = L Lᵀ (lower L), the sampling factor; a non-positive pivot means Σ is not positive definite.
        var chol = _cholesky.AsSpan(at, d * d);
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = sigma[i * d + j];
                for (int c = 0; c < j; c++) s -= chol[i * d + c] * chol[j * d + c];
                if (i == j)
                {
                    if (!(s > 1e-14 * largest))
                        throw new ArgumentException(
                            $"covariances[{k}] is neither positive definite nor zero (Cholesky pivot {i} is {Require.Format(s)}).", "covariances");
                    chol[i * d + i] = Math.Sqrt(s);
                }
                else
                {
                    chol[i * d + j] = s / chol[j * d + j];
                }
            }
        }

        // The eigen-decomposition Σ = Q Λ Qᵀ makes re-noising cheap: (a²Σ + σ²I)⁻¹ = Q (a²Λ + σ²)⁻¹ Qᵀ.
        var matrix = Matrix<double>.Build.Dense(d, d);
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) matrix[i, j] = 0.5 * (sigma[i * d + j] + sigma[j * d + i]);
        var evd = matrix.Evd(Symmetricity.Symmetric);
        for (int c = 0; c < d; c++)
        {
            _eigenvalues[k * d + c] = Math.Max(evd.EigenValues[c].Real, 0);
            for (int i = 0; i < d; i++) _eigenvectors[at + i * d + c] = evd.EigenVectors[i, c];
        }
    }
}
