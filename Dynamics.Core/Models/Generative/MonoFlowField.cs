using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// MonoFlow's particle flow as one vector field over N particles in d dimensions (N·d components, component-major
/// y[j·N + i]): dx_i/dt = h'(log r(x_i)) ∇log r(x_i), with r = p/q_t the ratio of the target to the particles' own law
/// (Yi, Zhu &amp; Liu 2023; Su, kexue.fm/archives/9662). With h' ≡ 1 it is the Wasserstein gradient flow of KL(q‖p),
/// whose law obeys ∂_t q = −∇·(q∇log r); every monotone h keeps the direction and rescales the speed, and
/// d/dt KL(q_t‖p) = −E_q[h'(log r)‖∇log r‖²] ≤ 0. Integrate it with <c>Ode.Solve</c> like any field.
/// </summary>
/// <remarks>Allocation-free per evaluation after the first (the log-ratio buffers are sized once).</remarks>
public sealed class MonoFlowField : IVectorField
{
    private readonly double[] _logRatio;

    /// <summary>Creates the flow.</summary>
    /// <param name="source">The log-ratio estimate (exact, kernel density or discriminator).</param>
    /// <param name="weight">The generator loss h (its derivative weights the velocity).</param>
    /// <param name="particleCount">N ≥ 2.</param>
    public MonoFlowField(ILogRatioSource source, MonoFlowWeight weight, int particleCount)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(weight);
        weight.Validate();
        Require.AtLeast(particleCount, 2, nameof(particleCount));
        Source = source;
        Weight = weight;
        ParticleCount = particleCount;
        ParticleDimension = source.Dimension;
        Dimension = particleCount * source.Dimension;
        _logRatio = new double[particleCount];
    }

    /// <summary>The log-ratio source.</summary>
    public ILogRatioSource Source { get; }

    /// <summary>The generator loss.</summary>
    public MonoFlowWeight Weight { get; }

    /// <summary>N.</summary>
    public int ParticleCount { get; }

    /// <summary>d.</summary>
    public int ParticleDimension { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>log r at each particle at the last evaluation.</summary>
    public ReadOnlySpan<double> LastLogRatio => _logRatio;

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int n = ParticleCount;
        Source.Evaluate(y, n, _logRatio, dydt);
        var weight = Weight;
        for (int i = 0; i < n; i++)
        {
            double factor = weight.Derivative(_logRatio[i]);
            for (int j = 0; j < ParticleDimension; j++) dydt[j * n + i] *= factor;
        }
    }
}
