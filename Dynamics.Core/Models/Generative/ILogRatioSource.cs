namespace Dynamics.Models.Generative;

/// <summary>
/// An estimate of the log-ratio log r = log p − log q between the target p and the law q of a particle cloud, with its
/// gradient, evaluated at the particles themselves: the one input a MonoFlow particle flow needs. Implementations are
/// exact (<see cref="GaussianFitLogRatio"/>), kernel density estimates (<see cref="KernelDensityLogRatio"/>) or a learned
/// discriminator (<see cref="DiscriminatorLogRatio"/>).
/// </summary>
/// <remarks>
/// Particles are stored component-major: x[j·count + i] = coordinate j of particle i. <see cref="Evaluate"/> is called
/// from a vector field and must not allocate after the first call with a given count; it may update internal state (a
/// discriminator's refit counter), so a source belongs to one flow at a time.
/// </remarks>
public interface ILogRatioSource
{
    /// <summary>The dimension d of one particle.</summary>
    int Dimension { get; }

    /// <summary>Writes log r(x_i) and ∇log r(x_i) for every particle.</summary>
    /// <param name="particles">d·count entries, component-major.</param>
    /// <param name="count">The number of particles N.</param>
    /// <param name="logRatio">Receives log r at each particle (count entries).</param>
    /// <param name="gradient">Receives ∇log r, component-major (d·count entries).</param>
    void Evaluate(ReadOnlySpan<double> particles, int count, Span<double> logRatio, Span<double> gradient);
}
