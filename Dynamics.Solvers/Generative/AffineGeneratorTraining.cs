using Dynamics.Distributions;
using Dynamics.Models.Generative;
using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Solvers.Generative;

/// <summary>
/// GAN training of the affine generator g(z) = m + Lz read as MonoFlow (Su, kexue.fm/archives/9662; docs/monoflow.md):
/// each generator step pushes the particles x_i = g(z_i) one Euler step along the flow,
/// x′_i = x_i + ε h'(log r(x_i)) ∇log r(x_i), then regresses g onto them, θ ← argmin_θ mean‖g_θ(z_i) − x′_i‖². The latent
/// sample is whitened (mean exactly 0, covariance exactly I), so the regression is solved exactly by
/// m = mean x′, L = mean x′zᵀ, and the particles' moments are the generator's own (m, LLᵀ).
/// With the exact log-ratio and h' ≡ 1 one step is an explicit Euler step of the parameter ODE
/// <see cref="AffineGeneratorFlow"/>, so the loop follows it with a gap of order ε.
/// </summary>
public sealed class AffineGeneratorTraining
{
    private readonly double[] _z, _x, _moved, _logRatio, _gradient;

    /// <summary>Creates the loop with N whitened latent draws.</summary>
    /// <param name="initialMean">m₀, d entries.</param>
    /// <param name="initialMatrix">L₀, d·d entries row-major, invertible.</param>
    /// <param name="latentCount">N ≥ d + 2 latent samples.</param>
    /// <param name="seed">The seed of the latent draws.</param>
    public AffineGeneratorTraining(ReadOnlySpan<double> initialMean, ReadOnlySpan<double> initialMatrix, int latentCount, ulong seed)
    {
        int d = initialMean.Length;
        Require.AtLeast(d, 1, "initialMean.Length");
        Require.Length(initialMatrix.Length, d * d, nameof(initialMatrix));
        Require.AllFinite(initialMean, nameof(initialMean));
        Require.AllFinite(initialMatrix, nameof(initialMatrix));
        Require.AtLeast(latentCount, d + 2, nameof(latentCount));
        Dimension = d;
        Count = latentCount;
        Mean = initialMean.ToArray();
        Matrix = initialMatrix.ToArray();
        _z = WhitenedNormals(latentCount, d, seed);
        _x = new double[d * latentCount];
        _moved = new double[d * latentCount];
        _logRatio = new double[latentCount];
        _gradient = new double[d * latentCount];
    }

    /// <summary>d.</summary>
    public int Dimension { get; }

    /// <summary>N, the number of latent draws (particles).</summary>
    public int Count { get; }

    /// <summary>The generator's mean m (updated in place).</summary>
    public double[] Mean { get; }

    /// <summary>The generator's matrix L, row-major (updated in place).</summary>
    public double[] Matrix { get; }

    /// <summary>The latent draws z, component-major (whitened).</summary>
    public ReadOnlySpan<double> Latent => _z;

    /// <summary>The current particles x_i = m + Lz_i, component-major.</summary>
    /// <returns>d·N entries (a view of an internal buffer, valid until the next step).</returns>
    public ReadOnlySpan<double> Particles()
    {
        Generate(Mean, Matrix, _x);
        return _x;
    }

    /// <summary>The packed parameters (m, L), d + d² entries, the state of <see cref="AffineGeneratorFlow"/>.</summary>
    /// <returns>A new array.</returns>
    public double[] Parameters() => [.. Mean, .. Matrix];

    /// <summary>One generator step: move the particles one Euler step ε along h'∇log r, then regress g onto them.</summary>
    /// <param name="source">The log-ratio (a <see cref="GaussianFitLogRatio"/> is exact here; a discriminator is the GAN).</param>
    /// <param name="weight">The generator loss h.</param>
    /// <param name="stepSize">ε &gt; 0.</param>
    public void Step(ILogRatioSource source, MonoFlowWeight weight, double stepSize)
    {
        Check(source, weight, stepSize);
        MoveParticles(source, weight, stepSize);
        Regress(_moved);
    }

    /// <summary>
    /// K generator steps against one frozen log-ratio (the discriminator trained once at the current θ): with
    /// <paramref name="anchored"/> each step is a gradient step of size ε on the regression loss (1/2ε)mean‖g_θ(z) − x′‖²
    /// onto the particles moved once at the start; otherwise a gradient step on the plain loss −mean h(D(g_θ(z))). The
    /// first step of both is the same (Su's single-step equivalence); later steps of the plain loss keep pushing along
    /// the frozen D and drift away from the Euler step, while the anchored ones stay on it.
    /// </summary>
    /// <param name="frozen">A log-ratio that does not change between evaluations.</param>
    /// <param name="weight">h.</param>
    /// <param name="stepSize">ε &gt; 0.</param>
    /// <param name="steps">K ≥ 1.</param>
    /// <param name="anchored">Whether to use the regression loss.</param>
    public void GeneratorSteps(ILogRatioSource frozen, MonoFlowWeight weight, double stepSize, int steps, bool anchored)
    {
        Check(frozen, weight, stepSize);
        Require.AtLeast(steps, 1, nameof(steps));
        int d = Dimension, n = Count;
        MoveParticles(frozen, weight, stepSize);
        Span<double> gm = stackalloc double[d];
        Span<double> gl = stackalloc double[d * d];
        for (int k = 0; k < steps; k++)
        {
            Generate(Mean, Matrix, _x);
            if (!anchored) frozen.Evaluate(_x, n, _logRatio, _gradient);
            gm.Clear();
            gl.Clear();
            for (int i = 0; i < n; i++)
            {
                double factor = anchored ? 0 : weight.Derivative(_logRatio[i]);
                for (int a = 0; a < d; a++)
                {
                    // The regression loss's gradient is (x − x′)/ε; the plain loss's is −h'∇D.
                    double g = anchored ? (_x[a * n + i] - _moved[a * n + i]) / stepSize : -factor * _gradient[a * n + i];
                    gm[a] += g / n;
                    for (int b = 0; b < d; b++) gl[a * d + b] += g * _z[b * n + i] / n;
                }
            }

            for (int a = 0; a < d; a++) Mean[a] -= stepSize * gm[a];
            for (int a = 0; a < d * d; a++) Matrix[a] -= stepSize * gl[a];
        }
    }

    private void Check(ILogRatioSource source, MonoFlowWeight weight, double stepSize)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(weight);
        weight.Validate();
        if (source.Dimension != Dimension)
            throw new ArgumentException($"source has dimension {source.Dimension}, but the generator has {Dimension}.", nameof(source));
        Require.Positive(stepSize, nameof(stepSize));
    }

    private void MoveParticles(ILogRatioSource source, MonoFlowWeight weight, double stepSize)
    {
        int d = Dimension, n = Count;
        Generate(Mean, Matrix, _x);
        source.Evaluate(_x, n, _logRatio, _gradient);
        for (int i = 0; i < n; i++)
        {
            double factor = stepSize * weight.Derivative(_logRatio[i]);
            for (int a = 0; a < d; a++) _moved[a * n + i] = _x[a * n + i] + factor * _gradient[a * n + i];
        }
    }

    // Least squares of x′ on (1, z) with whitened z: m = mean x′, L = mean x′zᵀ.
    private void Regress(ReadOnlySpan<double> target)
    {
        int d = Dimension, n = Count;
        for (int a = 0; a < d; a++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++) sum += target[a * n + i];
            Mean[a] = sum / n;
            for (int b = 0; b < d; b++)
            {
                double s = 0;
                for (int i = 0; i < n; i++) s += target[a * n + i] * _z[b * n + i];
                Matrix[a * d + b] = s / n;
            }
        }
    }

    private void Generate(ReadOnlySpan<double> m, ReadOnlySpan<double> l, Span<double> x)
    {
        int d = Dimension, n = Count;
        for (int a = 0; a < d; a++)
            for (int i = 0; i < n; i++)
            {
                double v = m[a];
                for (int b = 0; b < d; b++) v += l[a * d + b] * _z[b * n + i];
                x[a * n + i] = v;
            }
    }

    /// <summary>
    /// N standard normal draws in d dimensions (component-major), centred and whitened so that their mean is exactly 0
    /// and their covariance (1/N normalisation) exactly I: z ← C⁻¹(z − z̄) with C the Cholesky factor of the sample
    /// covariance.
    /// </summary>
    /// <param name="count">N ≥ d + 1.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="seed">The seed; draw i uses <see cref="CounterRandom"/> stream i.</param>
    /// <returns>d·N entries.</returns>
    public static double[] WhitenedNormals(int count, int dimension, ulong seed)
    {
        Require.AtLeast(dimension, 1, nameof(dimension));
        Require.AtLeast(count, dimension + 1, nameof(count));
        int d = dimension, n = count;
        var z = new double[d * n];
        Span<double> draw = stackalloc double[d];
        for (int i = 0; i < n; i++)
        {
            CounterRandom.FillNormal(seed, (ulong)i, 0, draw);
            for (int a = 0; a < d; a++) z[a * n + i] = draw[a];
        }

        var mean = new double[d];
        var covariance = new double[d * d];
        ParticleMoments.Compute(z, d, mean, covariance);
        var lower = new double[d * d];
        var chol = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.Dense(d, d, (i, j) => covariance[i * d + j]).Cholesky().Factor;
        for (int i = 0; i < d; i++)
            for (int j = 0; j < d; j++) lower[i * d + j] = chol[i, j];
        for (int i = 0; i < n; i++)
        {
            // Forward substitution C w = z − z̄.
            for (int a = 0; a < d; a++)
            {
                double s = z[a * n + i] - mean[a];
                for (int b = 0; b < a; b++) s -= lower[a * d + b] * z[b * n + i];
                z[a * n + i] = s / lower[a * d + a];
            }
        }

        return z;
    }
}
