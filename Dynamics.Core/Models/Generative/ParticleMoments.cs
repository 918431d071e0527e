using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// The moments of a particle cloud as the law of the cloud itself: mean m̂ = (1/N)Σx_i and covariance
/// Ŝ = (1/N)Σ(x_i − m̂)(x_i − m̂)ᵀ (the 1/N normalisation is the empirical measure's covariance, which is what an affine
/// flow transports exactly: for dx/dt = Ax + b, dm̂/dt = Am̂ + b and dŜ/dt = AŜ + ŜAᵀ with no sampling error).
/// </summary>
public static class ParticleMoments
{
    /// <summary>Writes m̂ and Ŝ (row-major) of a component-major cloud x[j·N + i].</summary>
    /// <param name="particles">d·N entries.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="mean">Receives m̂, d entries.</param>
    /// <param name="covariance">Receives Ŝ, d·d entries.</param>
    public static void Compute(ReadOnlySpan<double> particles, int dimension, Span<double> mean, Span<double> covariance)
    {
        Require.AtLeast(dimension, 1, nameof(dimension));
        if (particles.Length == 0 || particles.Length % dimension != 0)
            throw new ArgumentException($"particles has length {particles.Length}, which is not a positive multiple of the dimension {dimension}.", nameof(particles));
        Require.Length(mean.Length, dimension, nameof(mean));
        Require.Length(covariance.Length, dimension * dimension, nameof(covariance));
        ComputeUnchecked(particles, particles.Length / dimension, dimension, mean, covariance);
    }

    internal static void ComputeUnchecked(ReadOnlySpan<double> particles, int n, int d, Span<double> mean, Span<double> covariance)
    {
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            var row = particles.Slice(j * n, n);
            for (int i = 0; i < n; i++) sum += row[i];
            mean[j] = sum / n;
        }

        for (int a = 0; a < d; a++)
            for (int b = 0; b <= a; b++)
            {
                var ra = particles.Slice(a * n, n);
                var rb = particles.Slice(b * n, n);
                double ma = mean[a], mb = mean[b], sum = 0;
                for (int i = 0; i < n; i++) sum += (ra[i] - ma) * (rb[i] - mb);
                covariance[a * d + b] = covariance[b * d + a] = sum / n;
            }
    }
}
