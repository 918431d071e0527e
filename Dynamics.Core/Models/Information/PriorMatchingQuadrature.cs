using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// The three terms of the prior-matching identity E_x KL(p(z|x)‖q) = I(X; Z) + KL(p(z)‖q) (kexue.fm/archives/6024) for a
/// <see cref="LinearGaussianEncoder"/> with q = N(0, 1), x ∼ N(0, 1), each by its own trapezoidal rule on [−L, L]
/// (a 2-D rule over (x, z) for I) from the point-wise quantities <see cref="LinearGaussianEncoder.KlToPrior"/> and
/// <see cref="LinearGaussianEncoder.PointwiseMutualInformation"/> and the Gaussian densities: numbers independent of the
/// encoder's closed forms, to check them and the identity against. The integrands are smooth and decay like Gaussians, so
/// the trapezoidal rule converges geometrically in the node count (Trefethen &amp; Weideman, SIAM Review 56, 2014).
/// </summary>
/// <param name="ExpectedKlToPrior">E_x KL(p(z|x)‖q) by the 1-D rule in x.</param>
/// <param name="MutualInformation">I(X; Z) = E ln(p(z|x)/p(z)) by the 2-D rule in (x, z).</param>
/// <param name="MarginalKlToPrior">KL(p(z)‖q) by the 1-D rule in z.</param>
public readonly record struct PriorMatchingQuadrature(double ExpectedKlToPrior, double MutualInformation, double MarginalKlToPrior)
{
    /// <summary>E_x KL(p(z|x)‖q) − I − KL(p(z)‖q): zero but for the quadrature's error.</summary>
    public double IdentityResidual => ExpectedKlToPrior - MutualInformation - MarginalKlToPrior;

    /// <summary>The three terms of <paramref name="encoder"/> on <paramref name="nodes"/> equally spaced nodes per axis.</summary>
    /// <param name="encoder">The encoder z = a x + s ε.</param>
    /// <param name="nodes">Nodes per axis, ≥ 2 (the 2-D rule costs nodes²).</param>
    /// <param name="halfWidth">L &gt; 0: the rules cover [−L, L].</param>
    /// <returns>The three terms.</returns>
    public static PriorMatchingQuadrature Of(LinearGaussianEncoder encoder, int nodes, double halfWidth = 12)
    {
        ArgumentNullException.ThrowIfNull(encoder);
        Require.AtLeast(nodes, 2, nameof(nodes));
        Require.Positive(halfWidth, nameof(halfWidth));
        double h = 2 * halfWidth / (nodes - 1), a = encoder.Gain, s = encoder.Noise, v = a * a + s * s;
        double expectedKl = 0, marginalKl = 0, information = 0;
        for (int i = 0; i < nodes; i++)
        {
            double x = -halfWidth + i * h, wx = (i == 0 || i == nodes - 1 ? 0.5 : 1) * h;
            double px = Math.Exp(-x * x / 2) / Math.Sqrt(2 * Math.PI);
            expectedKl += wx * px * encoder.KlToPrior(x);
            // x doubles as the node z of the 1-D rule for p(z) = N(0, v).
            double pz = Math.Exp(-x * x / (2 * v)) / Math.Sqrt(2 * Math.PI * v);
            marginalKl += wx * pz * (Math.Log(pz) + x * x / 2 + 0.5 * Math.Log(2 * Math.PI));
            for (int j = 0; j < nodes; j++)
            {
                double z = -halfWidth + j * h, wz = (j == 0 || j == nodes - 1 ? 0.5 : 1) * h;
                double pzx = Math.Exp(-(z - a * x) * (z - a * x) / (2 * s * s)) / Math.Sqrt(2 * Math.PI * s * s);
                information += wx * wz * px * pzx * encoder.PointwiseMutualInformation(x, z);
            }
        }

        return new PriorMatchingQuadrature(expectedKl, information, marginalKl);
    }
}
