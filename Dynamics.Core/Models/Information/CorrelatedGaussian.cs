using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// d independent standard bivariate normal pairs (xₖ, zₖ) with correlation ρ: the toy on which Deep InfoMax's bounds
/// are checked (kexue.fm/archives/6024; Poole et al. 2019). I(X; Z) = −(d/2) ln(1 − ρ²), and the log density ratio of
/// the joint to the product of marginals is Σₖ t*(xₖ, zₖ) with
/// t*(x, z) = −½ ln(1 − ρ²) − (ρ²x² − 2ρxz + ρ²z²)/(2(1 − ρ²)), the optimal critic of the JS, DV and InfoNCE bounds.
/// Sample i draws x = ε₁, z = ρε₁ + √(1 − ρ²)ε₂ from the normals at counters 2(i·d + k) and 2(i·d + k) + 1.
/// </summary>
public sealed record CorrelatedGaussian
{
    /// <summary>d pairs with correlation ρ.</summary>
    /// <param name="correlation">ρ ∈ (−1, 1).</param>
    /// <param name="dimensions">d ≥ 1.</param>
    public CorrelatedGaussian(double correlation, int dimensions = 1)
    {
        Correlation = correlation;
        Dimensions = dimensions;
    }

    /// <summary>The correlation ρ ∈ (−1, 1).</summary>
    public double Correlation
    {
        get;
        init
        {
            if (!(Math.Abs(value) < 1)) throw new ArgumentOutOfRangeException(nameof(Correlation), value, $"Correlation must lie in (−1, 1), but was {Require.Format(value)}.");
            field = value;
        }
    }

    /// <summary>The number d of independent pairs.</summary>
    public int Dimensions
    {
        get;
        init
        {
            Require.AtLeast(value, 1, nameof(Dimensions));
            field = value;
        }
    }

    /// <summary>I(X; Z) = −(d/2) ln(1 − ρ²) in nats.</summary>
    public double MutualInformation => -0.5 * Dimensions * Math.Log(1 - Correlation * Correlation);

    /// <summary>The optimal critic log(dP/dQ) as a <see cref="QuadraticCritic"/>: w₀ = I, w_xx = w_zz = −ρ²/(2(1 − ρ²)), w_xz = ρ/(1 − ρ²).</summary>
    public QuadraticCritic OptimalCritic
    {
        get
        {
            double r = Correlation, q = 1 - r * r;
            return new QuadraticCritic(MutualInformation, 0, 0, -r * r / (2 * q), r / q, -r * r / (2 * q));
        }
    }

    /// <summary>
    /// The standard deviation of the NWJ estimate at the optimal critic from N positive pairs and S shifted negatives
    /// each (derived for these notes): Var = Var_P T*/N + Var_Q e^{T*}/(NS) with Var_P T* = dρ² and
    /// Var_Q e^{T*} = E_P r − 1 = (1 − ρ²)^{−d} − 1 = e^{2I} − 1. The positive and negative terms, and the negatives among
    /// themselves, are uncorrelated because E[e^{T*(x′, z)} | z] = E[e^{T*(x, z′)} | x] = 1. DV has the same first-order
    /// variance. It grows like e^{I}/√(NS): the exponential variance of DV and NWJ.
    /// </summary>
    /// <param name="pairs">N ≥ 1.</param>
    /// <param name="negativesPerPositive">S ≥ 1.</param>
    /// <returns>The standard deviation in nats.</returns>
    public double NwjStandardDeviation(int pairs, int negativesPerPositive)
    {
        Require.AtLeast(pairs, 1, nameof(pairs));
        Require.AtLeast(negativesPerPositive, 1, nameof(negativesPerPositive));
        return Math.Sqrt(Dimensions * Correlation * Correlation / pairs + double.ExpM1(2 * MutualInformation) / ((double)pairs * negativesPerPositive));
    }

    /// <summary>Draws pair number <paramref name="index"/>.</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="index">The pair's index ≥ 0.</param>
    /// <param name="x">Receives x, length d.</param>
    /// <param name="z">Receives z, length d.</param>
    public void Sample(ulong seed, long index, Span<double> x, Span<double> z)
    {
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be ≥ 0, but was {index}.");
        Require.Length(x.Length, Dimensions, nameof(x));
        Require.Length(z.Length, Dimensions, nameof(z));
        double noise = Math.Sqrt(1 - Correlation * Correlation);
        for (int k = 0; k < Dimensions; k++)
        {
            ulong c = 2 * ((ulong)index * (ulong)Dimensions + (ulong)k);
            double e1 = CounterRandom.Normal(seed, c), e2 = CounterRandom.Normal(seed, c + 1);
            x[k] = e1;
            z[k] = Correlation * e1 + noise * e2;
        }
    }

    /// <summary>
    /// JS(P‖Q) between the joint and the product of marginals of one pair (d = 1), by the trapezoidal rule on
    /// [−L, L]² with n × n nodes (spectrally accurate for these Gaussian integrands once L ≈ 9): JS = ½KL(P‖M) + ½KL(Q‖M),
    /// M = (P + Q)/2, which lies in [0, ln 2] (docs/corrections.md, E4: not ½ ln 2). For ρ = 0.6 it is 0.05777355.
    /// </summary>
    /// <param name="halfWidth">L &gt; 0 (typical 9).</param>
    /// <param name="nodes">n ≥ 3 per axis (typical 401).</param>
    /// <returns>JS in nats for one pair.</returns>
    public double JensenShannonByQuadrature(double halfWidth = 9, int nodes = 401)
    {
        Require.Positive(halfWidth, nameof(halfWidth));
        Require.AtLeast(nodes, 3, nameof(nodes));
        double r = Correlation, q = 1 - r * r, h = 2 * halfWidth / (nodes - 1), sum = 0;
        double jointNorm = 1 / (2 * Math.PI * Math.Sqrt(q)), productNorm = 1 / (2 * Math.PI);
        for (int i = 0; i < nodes; i++)
        {
            double x = -halfWidth + i * h;
            for (int j = 0; j < nodes; j++)
            {
                double z = -halfWidth + j * h;
                double p = jointNorm * Math.Exp(-(x * x - 2 * r * x * z + z * z) / (2 * q));
                double qq = productNorm * Math.Exp(-(x * x + z * z) / 2);
                double m = 0.5 * (p + qq);
                double term = 0;
                if (p > 0) term += 0.5 * p * Math.Log(p / m);
                if (qq > 0) term += 0.5 * qq * Math.Log(qq / m);
                double weight = (i == 0 || i == nodes - 1 ? 0.5 : 1) * (j == 0 || j == nodes - 1 ? 0.5 : 1);
                sum += weight * term;
            }
        }

        return sum * h * h;
    }
}
