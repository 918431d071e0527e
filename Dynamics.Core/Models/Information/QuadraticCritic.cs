using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// A critic quadratic in each pair, T(x, z) = w₀ + Σₖ (w_x xₖ + w_z zₖ + w_xx xₖ² + w_xz xₖzₖ + w_zz zₖ²), with the
/// coefficients shared by the d pairs: six parameters, linear in the features φ = (1, Σx, Σz, Σx², Σxz, Σz²). The family
/// contains the optimal critic log(dP/dQ) of correlated Gaussians (<see cref="CorrelatedGaussian.OptimalCritic"/>), so
/// every bound it feeds can be tight. The positive pair is (x, z), as the article's text says (docs/corrections.md, E5).
/// </summary>
/// <param name="Constant">w₀.</param>
/// <param name="X">w_x.</param>
/// <param name="Z">w_z.</param>
/// <param name="XX">w_xx.</param>
/// <param name="XZ">w_xz.</param>
/// <param name="ZZ">w_zz.</param>
public sealed record QuadraticCritic(double Constant, double X, double Z, double XX, double XZ, double ZZ)
{
    /// <summary>The number of coefficients, 6.</summary>
    public const int ParameterCount = 6;

    /// <summary>The critic with coefficients w = (w₀, w_x, w_z, w_xx, w_xz, w_zz).</summary>
    /// <param name="coefficients">w, length 6, finite.</param>
    /// <returns>The critic.</returns>
    public static QuadraticCritic FromCoefficients(ReadOnlySpan<double> coefficients)
    {
        Require.Length(coefficients.Length, ParameterCount, nameof(coefficients));
        Require.AllFinite(coefficients, nameof(coefficients));
        return new(coefficients[0], coefficients[1], coefficients[2], coefficients[3], coefficients[4], coefficients[5]);
    }

    /// <summary>w as an array (w₀, w_x, w_z, w_xx, w_xz, w_zz).</summary>
    /// <returns>The coefficients.</returns>
    public double[] Coefficients() => [Constant, X, Z, XX, XZ, ZZ];

    /// <summary>T(x, z).</summary>
    /// <param name="x">x, length d.</param>
    /// <param name="z">z, length d.</param>
    /// <returns>The critic's score.</returns>
    public double Evaluate(ReadOnlySpan<double> x, ReadOnlySpan<double> z)
    {
        Require.Length(z.Length, x.Length, nameof(z));
        double t = Constant;
        for (int k = 0; k < x.Length; k++) t += X * x[k] + Z * z[k] + XX * x[k] * x[k] + XZ * x[k] * z[k] + ZZ * z[k] * z[k];
        return t;
    }

    /// <summary>The features φ(x, z) = (1, Σx, Σz, Σx², Σxz, Σz²), so T = w·φ.</summary>
    /// <param name="x">x, length d.</param>
    /// <param name="z">z, length d.</param>
    /// <param name="features">Receives φ, length 6.</param>
    public static void Features(ReadOnlySpan<double> x, ReadOnlySpan<double> z, Span<double> features)
    {
        Require.Length(z.Length, x.Length, nameof(z));
        Require.Length(features.Length, ParameterCount, nameof(features));
        double sx = 0, sz = 0, sxx = 0, sxz = 0, szz = 0;
        for (int k = 0; k < x.Length; k++)
        {
            sx += x[k];
            sz += z[k];
            sxx += x[k] * x[k];
            sxz += x[k] * z[k];
            szz += z[k] * z[k];
        }

        features[0] = 1;
        features[1] = sx;
        features[2] = sz;
        features[3] = sxx;
        features[4] = sxz;
        features[5] = szz;
    }
}
