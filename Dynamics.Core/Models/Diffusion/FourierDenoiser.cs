using Dynamics.Distributions;
using Dynamics.Numerics;
using Dynamics.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Models.Diffusion;

/// <summary>
/// A denoising autoencoder r(x̃) ≈ E[x | x̃] fitted by denoising score matching without a neural network: random Fourier
/// features φ(x̃) = √(2/D)·cos(Wx̃ + b) (Rahimi &amp; Recht 2007; W ∼ N(0, I/ℓ²), b ∼ U(0, 2π)) plus the affine terms
/// (x̃, 1), and ridge regression of x on them over pairs x̃ = x + σε (Vincent 2011; docs/diffusion.md). Its score estimate is
/// (r(x̃) − x̃)/σ², Tweedie's formula read backwards.
/// </summary>
public sealed class FourierDenoiser
{
    private readonly double[] _frequencies;  // D·d
    private readonly double[] _phases;       // D
    private readonly double[] _coefficients; // (D + d + 1)·d, feature-major

    private FourierDenoiser(int dimension, int features, double noise, double[] frequencies, double[] phases, double[] coefficients)
    {
        Dimension = dimension;
        Features = features;
        NoiseStandardDeviation = noise;
        _frequencies = frequencies;
        _phases = phases;
        _coefficients = coefficients;
    }

    /// <summary>The dimension d.</summary>
    public int Dimension { get; }

    /// <summary>The number D of random features.</summary>
    public int Features { get; }

    /// <summary>The training noise σ.</summary>
    public double NoiseStandardDeviation { get; }

    /// <summary>
    /// Fits the denoiser on <paramref name="samples"/> noisy copies of data drawn from <paramref name="data"/> (samples
    /// and noise from the counter-based streams of <paramref name="seed"/>).
    /// </summary>
    /// <param name="data">The data law (only sampled).</param>
    /// <param name="noise">σ &gt; 0.</param>
    /// <param name="features">D ≥ 1 (a few hundred for 2-D data).</param>
    /// <param name="lengthScale">ℓ &gt; 0, the features' length scale (about the data's feature size).</param>
    /// <param name="ridge">λ &gt; 0, the ridge penalty (e.g. 1e-6·samples).</param>
    /// <param name="samples">The number of training pairs (≫ D).</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The fitted denoiser.</returns>
    public static FourierDenoiser Fit(GaussianMixture data, double noise, int features, double lengthScale, double ridge, int samples, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        Require.Positive(noise, nameof(noise));
        Require.AtLeast(features, 1, nameof(features));
        Require.Positive(lengthScale, nameof(lengthScale));
        Require.Positive(ridge, nameof(ridge));
        Require.AtLeast(samples, 2, nameof(samples));
        int d = data.Dimension;
        var frequencies = new double[features * d];
        var phases = new double[features];
        for (int f = 0; f < features; f++)
        {
            for (int j = 0; j < d; j++) frequencies[f * d + j] = CounterRandom.Normal(seed, (ulong)f, (ulong)j) / lengthScale;
            phases[f] = 2 * Math.PI * CounterRandom.Uniform(seed, (ulong)f, 1);
        }

        int columns = features + d + 1;
        var design = Matrix<double>.Build.Dense(samples, columns);
        var targets = Matrix<double>.Build.Dense(samples, d);
        var clean = new double[d * samples];
        data.Sample(seed + 1, 0, samples, clean, default);
        var noisy = new double[d];
        var row = new double[columns];
        var shell = new FourierDenoiser(d, features, noise, frequencies, phases, []);
        for (int m = 0; m < samples; m++)
        {
            for (int j = 0; j < d; j++)
            {
                noisy[j] = clean[j * samples + m] + noise * CounterRandom.Normal(seed + 2, (ulong)m, (ulong)j);
                targets[m, j] = clean[j * samples + m];
            }

            shell.FeaturesOf(noisy, row);
            for (int c = 0; c < columns; c++) design[m, c] = row[c];
        }

        var gram = design.TransposeThisAndMultiply(design) + Matrix<double>.Build.DenseIdentity(columns) * ridge;
        var solution = gram.Cholesky().Solve(design.TransposeThisAndMultiply(targets));
        var coefficients = new double[columns * d];
        for (int c = 0; c < columns; c++)
            for (int j = 0; j < d; j++) coefficients[c * d + j] = solution[c, j];
        return new FourierDenoiser(d, features, noise, frequencies, phases, coefficients);
    }

    /// <summary>r(x̃): the denoised point.</summary>
    /// <param name="point">x̃, d entries.</param>
    /// <param name="denoised">Receives r(x̃), d entries.</param>
    public void Denoise(ReadOnlySpan<double> point, Span<double> denoised)
    {
        Require.Length(point.Length, Dimension, nameof(point));
        Require.Length(denoised.Length, Dimension, nameof(denoised));
        Span<double> row = stackalloc double[Features + Dimension + 1];
        FeaturesOf(point, row);
        denoised.Clear();
        for (int c = 0; c < row.Length; c++)
            for (int j = 0; j < Dimension; j++) denoised[j] += row[c] * _coefficients[c * Dimension + j];
    }

    /// <summary>The score estimate (r(x̃) − x̃)/σ² of the noised law p̂ = p ∗ N(0, σ²I).</summary>
    /// <param name="point">x̃, d entries.</param>
    /// <param name="score">Receives the estimate, d entries.</param>
    public void Score(ReadOnlySpan<double> point, Span<double> score)
    {
        Denoise(point, score);
        double inverse = 1 / (NoiseStandardDeviation * NoiseStandardDeviation);
        for (int j = 0; j < Dimension; j++) score[j] = (score[j] - point[j]) * inverse;
    }

    private void FeaturesOf(ReadOnlySpan<double> x, Span<double> row)
    {
        int d = Dimension;
        double amplitude = Math.Sqrt(2.0 / Features);
        for (int f = 0; f < Features; f++)
        {
            double phase = _phases[f];
            for (int j = 0; j < d; j++) phase += _frequencies[f * d + j] * x[j];
            row[f] = amplitude * Math.Cos(phase);
        }

        for (int j = 0; j < d; j++) row[Features + j] = x[j];
        row[Features + d] = 1;
    }
}
