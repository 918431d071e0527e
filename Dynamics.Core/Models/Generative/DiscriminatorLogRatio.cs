using Dynamics.Distributions;
using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// The GAN view of the log-ratio: a logistic-regression discriminator D(x) = wᵀφ(x) trained by binary cross-entropy to
/// tell samples of p from the particles, whose logit estimates log r = log p/q (the optimum of the vanilla GAN
/// discriminator is D* = log p/q; Goodfellow et al. 2014; docs/monoflow.md). log r ≈ D(x_i), ∇log r ≈ wᵀ∇φ(x_i).
/// Trained (<see cref="DiscriminatorOptions.StepsPerRefit"/> Newton steps, warm-started) at every
/// <see cref="DiscriminatorOptions.RefitInterval"/>-th evaluation, on fresh samples of p each time.
/// </summary>
/// <remarks>Allocation-free after the first evaluation with a given particle count. Not thread-safe.</remarks>
public sealed class DiscriminatorLogRatio : ILogRatioSource
{
    private readonly GaussianMixture _target;
    private readonly double[] _w, _gradient, _hessian, _lower, _step, _phi, _omega, _phase;
    private double[] _real = [];
    private int _realCount = -1;
    private long _evaluations;
    private long _draws;

    /// <summary>Creates an untrained discriminator against a target.</summary>
    /// <param name="target">p, sampled for the real class.</param>
    /// <param name="options">Features and training schedule (default <see cref="DiscriminatorOptions"/>).</param>
    public DiscriminatorLogRatio(GaussianMixture target, DiscriminatorOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        options ??= new DiscriminatorOptions();
        options.Validate();
        _target = target;
        Options = options;
        int d = target.Dimension;
        Dimension = d;
        FeatureCount = options.Features == DiscriminatorFeatures.Quadratic ? 1 + d + d * (d + 1) / 2 : 1 + d + options.FourierFeatures;
        int f = FeatureCount;
        _w = new double[f];
        _gradient = new double[f];
        _hessian = new double[f * f];
        _lower = new double[f * f];
        _step = new double[f];
        _phi = new double[f];
        int m = options.Features == DiscriminatorFeatures.RandomFourier ? options.FourierFeatures : 0;
        _omega = new double[m * d];
        _phase = new double[m];
        for (int k = 0; k < m; k++)
        {
            for (int a = 0; a < d; a++) _omega[k * d + a] = CounterRandom.Normal(options.Seed ^ 0x5EED_F0E1UL, (ulong)k, (ulong)a) / options.FourierLengthScale;
            _phase[k] = 2 * Math.PI * CounterRandom.Uniform(options.Seed ^ 0x5EED_F0E1UL, (ulong)k, 1UL << 40);
        }
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>The options.</summary>
    public DiscriminatorOptions Options { get; }

    /// <summary>The number of features F (1 + d + d(d+1)/2 quadratic, 1 + d + M Fourier).</summary>
    public int FeatureCount { get; }

    /// <summary>The coefficients w (quadratic order: 1, x_a, then x_a x_b for a ≤ b row by row).</summary>
    public ReadOnlySpan<double> Weights => _w;

    /// <summary>How many times the discriminator has been trained.</summary>
    public long Trainings { get; private set; }

    /// <summary>The class-balanced cross-entropy at the last training step (before it).</summary>
    public double LastLoss { get; private set; }

    /// <summary>Forgets the training: w = 0 and the counters restart.</summary>
    public void Reset()
    {
        Array.Clear(_w);
        _evaluations = 0;
        _draws = 0;
        Trainings = 0;
    }

    /// <summary>D(x) = wᵀφ(x) at one point.</summary>
    /// <param name="point">x, d entries.</param>
    /// <returns>The logit.</returns>
    public double Logit(ReadOnlySpan<double> point)
    {
        Require.Length(point.Length, Dimension, nameof(point));
        Features(point, 1, 0, _phi);
        return Dot(_w, _phi);
    }

    /// <summary>
    /// Trains on given samples: <paramref name="steps"/> Newton steps on the balanced cross-entropy, starting from the
    /// current w. Returns the approximate standard errors √((H⁻¹)_kk/n) of the coefficients, with H the loss Hessian
    /// and n the smaller class size (the asymptotic covariance of the maximum-likelihood fit).
    /// </summary>
    /// <param name="real">Samples of p, d·n entries component-major.</param>
    /// <param name="fake">Samples of q, d·n′ entries component-major.</param>
    /// <param name="steps">Newton steps ≥ 1.</param>
    /// <param name="standardErrors">Receives the F standard errors, or empty.</param>
    public void Fit(ReadOnlySpan<double> real, ReadOnlySpan<double> fake, int steps, Span<double> standardErrors)
    {
        int d = Dimension;
        if (real.Length == 0 || real.Length % d != 0) throw new ArgumentException($"real has length {real.Length}, not a positive multiple of {d}.", nameof(real));
        if (fake.Length == 0 || fake.Length % d != 0) throw new ArgumentException($"fake has length {fake.Length}, not a positive multiple of {d}.", nameof(fake));
        Require.AllFinite(real, nameof(real));
        Require.AllFinite(fake, nameof(fake));
        Require.AtLeast(steps, 1, nameof(steps));
        if (!standardErrors.IsEmpty) Require.Length(standardErrors.Length, FeatureCount, nameof(standardErrors));
        for (int s = 0; s < steps; s++) NewtonStep(real, real.Length / d, fake, fake.Length / d);
        if (standardErrors.IsEmpty) return;
        int f = FeatureCount;
        Accumulate(real, real.Length / d, fake, fake.Length / d);
        SmallMatrix.Cholesky(_hessian, f, _lower);
        int n = Math.Min(real.Length, fake.Length) / d;
        for (int k = 0; k < f; k++)
        {
            _step.AsSpan().Clear();
            _step[k] = 1;
            SmallMatrix.CholeskySolve(_lower, f, _step);
            standardErrors[k] = Math.Sqrt(_step[k] / n);
        }
    }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> particles, int count, Span<double> logRatio, Span<double> gradient)
    {
        int d = Dimension;
        LogRatioChecks.Arguments(particles, count, d, logRatio, gradient, 1);
        if (_evaluations % Options.RefitInterval == 0)
        {
            int real = Options.RealSamples > 0 ? Options.RealSamples : count;
            if (_realCount != real)
            {
                _real = new double[d * real];
                _realCount = real;
            }

            int steps = Trainings == 0 ? Options.InitialSteps : Options.StepsPerRefit;
            for (int s = 0; s < steps; s++)
            {
                _target.Sample(Options.Seed, _draws, real, _real, default);
                _draws += real;
                NewtonStep(_real, real, particles, count);
            }

            Trainings++;
        }

        _evaluations++;
        Span<double> x = stackalloc double[d];
        for (int i = 0; i < count; i++)
        {
            for (int a = 0; a < d; a++) x[a] = particles[a * count + i];
            Features(x, 1, 0, _phi);
            logRatio[i] = Dot(_w, _phi);
            Gradient(x, gradient, count, i);
        }
    }

    private void NewtonStep(ReadOnlySpan<double> real, int nReal, ReadOnlySpan<double> fake, int nFake)
    {
        int f = FeatureCount;
        LastLoss = Accumulate(real, nReal, fake, nFake);
        for (int k = 0; k < f; k++) _step[k] = _gradient[k];
        if (!SmallMatrix.Cholesky(_hessian, f, _lower))
            throw new InvalidOperationException("The discriminator's Newton system is singular: raise DiscriminatorOptions.Ridge.");
        SmallMatrix.CholeskySolve(_lower, f, _step);
        for (int k = 0; k < f; k++) _w[k] -= _step[k];
    }

    // Loss, gradient and Hessian of the balanced cross-entropy at the current w.
    private double Accumulate(ReadOnlySpan<double> real, int nReal, ReadOnlySpan<double> fake, int nFake)
    {
        int f = FeatureCount;
        Array.Clear(_gradient);
        Array.Clear(_hessian);
        double loss = Class(real, nReal, 1) + Class(fake, nFake, 0);
        double ridge = Options.Ridge;
        for (int k = 0; k < f; k++)
        {
            _gradient[k] += ridge * _w[k];
            _hessian[k * f + k] += ridge;
            loss += 0.5 * ridge * _w[k] * _w[k];
            for (int l = 0; l < k; l++) _hessian[l * f + k] = _hessian[k * f + l];
        }

        return loss;
    }

    private double Class(ReadOnlySpan<double> points, int n, int label)
    {
        int f = FeatureCount, d = Dimension;
        double weight = 1.0 / n, loss = 0;
        Span<double> x = stackalloc double[d];
        for (int i = 0; i < n; i++)
        {
            for (int a = 0; a < d; a++) x[a] = points[a * n + i];
            Features(x, 1, 0, _phi);
            double logit = Dot(_w, _phi);
            double p = MonoFlowWeight.Sigmoid(logit);
            // −log σ(D) = softplus(−D), −log(1 − σ(D)) = softplus(D), both without overflow.
            double z = label == 1 ? -logit : logit;
            loss += weight * (Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))));
            double residual = weight * (p - label), curvature = weight * p * (1 - p);
            for (int k = 0; k < f; k++)
            {
                double phik = _phi[k];
                _gradient[k] += residual * phik;
                double c = curvature * phik;
                for (int l = 0; l <= k; l++) _hessian[k * f + l] += c * _phi[l];
            }
        }

        return loss;
    }

    private void Features(ReadOnlySpan<double> x, int stride, int offset, Span<double> phi)
    {
        int d = Dimension;
        phi[0] = 1;
        for (int a = 0; a < d; a++) phi[1 + a] = x[offset + a * stride];
        int k = 1 + d;
        if (Options.Features == DiscriminatorFeatures.Quadratic)
        {
            for (int a = 0; a < d; a++)
                for (int b = a; b < d; b++) phi[k++] = x[offset + a * stride] * x[offset + b * stride];
            return;
        }

        int m = _phase.Length;
        double amplitude = Math.Sqrt(2.0 / m);
        for (int c = 0; c < m; c++)
        {
            double arg = _phase[c];
            for (int a = 0; a < d; a++) arg += _omega[c * d + a] * x[offset + a * stride];
            phi[k++] = amplitude * Math.Cos(arg);
        }
    }

    private void Gradient(ReadOnlySpan<double> x, Span<double> gradient, int count, int i)
    {
        int d = Dimension;
        for (int a = 0; a < d; a++) gradient[a * count + i] = _w[1 + a];
        int k = 1 + d;
        if (Options.Features == DiscriminatorFeatures.Quadratic)
        {
            for (int a = 0; a < d; a++)
                for (int b = a; b < d; b++, k++)
                {
                    gradient[a * count + i] += _w[k] * x[b];
                    gradient[b * count + i] += _w[k] * x[a];
                }

            return;
        }

        int m = _phase.Length;
        double amplitude = Math.Sqrt(2.0 / m);
        for (int c = 0; c < m; c++, k++)
        {
            double arg = _phase[c];
            for (int a = 0; a < d; a++) arg += _omega[c * d + a] * x[a];
            double s = -amplitude * _w[k] * Math.Sin(arg);
            for (int a = 0; a < d; a++) gradient[a * count + i] += s * _omega[c * d + a];
        }
    }

    private static double Dot(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int k = 0; k < a.Length; k++) sum += a[k] * b[k];
        return sum;
    }
}
