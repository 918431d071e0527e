using Dynamics.Simd;

namespace Dynamics.Numerics;

/// <summary>
/// The exponential and logarithm of the step-size controllers, written once over <see cref="ILane{TSelf}"/> so that a
/// trajectory integrated alone and the same trajectory in an ensemble lane take identical steps: every width runs the
/// same exact binary operations and the same fused multiply-adds. Both sit on every adaptive step's critical path
/// (error → ln → exponent → exp → next step), so they use short polynomials evaluated by Estrin's scheme, whose
/// dependency chain is half as long as Horner's; the runtime's general-purpose functions cost twice as much here.
/// Accuracy is a few ulps (tests bound it against <see cref="Math.Exp"/> and <see cref="Math.Log(double)"/>).
/// </summary>
public static class LaneMath
{
    private const double Ln2 = 0.6931471805599453;
    private const double Ln2Low = 2.3190468138462996e-17;  // ln 2 − Ln2, for an extra-precise argument reduction
    private const double Log2E = 1.4426950408889634;
    private const double Sqrt2 = 1.4142135623730951;
    private const double RoundingShifter = 6755399441055744.0;  // 1.5·2⁵²: adding it rounds to an integer (ties to even)
    private const double ExpLimit = 708;  // e^±708 and the 2ⁿ that build them stay normal

    /// <summary>eˣ for a double, as every lane computes it.</summary>
    /// <param name="x">The exponent; clamped to [−708, 708].</param>
    /// <returns>eˣ.</returns>
    public static double Exp(double x) => Exp(ScalarLane.Create(x)).Value;

    /// <summary>ln x for a double, as every lane computes it.</summary>
    /// <param name="x">A positive normal number (≥ 2.2e-308).</param>
    /// <returns>ln x.</returns>
    public static double Log(double x) => Log(ScalarLane.Create(x)).Value;

    /// <summary>Lane-wise eˣ: x = n ln 2 + r with |r| ≤ ½ ln 2, e^r by its degree-12 Taylor polynomial (truncation below 2e-16), times 2ⁿ.</summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="x">The exponents; clamped to [−708, 708].</param>
    /// <returns>eˣ.</returns>
    public static TLane Exp<TLane>(TLane x) where TLane : struct, ILane<TLane>
    {
        x = TLane.Min(TLane.Max(x, TLane.Create(-ExpLimit)), TLane.Create(ExpLimit));
        var shifter = TLane.Create(RoundingShifter);
        var n = TLane.MultiplyAdd(x, TLane.Create(Log2E), shifter) - shifter;
        var r = TLane.MultiplyAdd(-n, TLane.Create(Ln2), x);
        r = TLane.MultiplyAdd(-n, TLane.Create(Ln2Low), r);

        // Σ rⁱ/i! for i ≤ 12 as (s₀ + s₁r⁴) + (s₂ + r¹²/12!)·r⁸, each sᵢ a pair of pairs.
        var r2 = r * r;
        var r4 = r2 * r2;
        var r8 = r4 * r4;
        var s0 = TLane.MultiplyAdd(Pair(r, 1.0 / 6, 1.0 / 2), r2, r + TLane.Create(1));
        var s1 = TLane.MultiplyAdd(Pair(r, 1.0 / 5040, 1.0 / 720), r2, Pair(r, 1.0 / 120, 1.0 / 24));
        var s2 = TLane.MultiplyAdd(Pair(r, 1.0 / 39916800, 1.0 / 3628800), r2, Pair(r, 1.0 / 362880, 1.0 / 40320));
        var low = TLane.MultiplyAdd(s1, r4, s0);
        var high = TLane.MultiplyAdd(TLane.Create(1.0 / 479001600), r4, s2);
        return TLane.ScaleB(TLane.MultiplyAdd(high, r8, low), n);
    }

    /// <summary>
    /// Lane-wise ln x: x = m·2ᵉ with m ∈ [√½, √2), ln m = 2 atanh s = 2s(1 + s²/3 + … + s¹⁶/17) with
    /// s = (m − 1)/(m + 1), |s| ≤ 0.172 (truncation below 1e-16), plus e ln 2.
    /// </summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="x">Positive normal numbers (≥ 2.2e-308).</param>
    /// <returns>ln x.</returns>
    public static TLane Log<TLane>(TLane x) where TLane : struct, ILane<TLane>
    {
        var e = TLane.Exponent(x);
        var m = TLane.Significand(x);
        var above = TLane.LessThanOrEqual(TLane.Create(Sqrt2), m);
        m = TLane.ConditionalSelect(above, m * TLane.Create(0.5), m);
        e = TLane.ConditionalSelect(above, e + TLane.Create(1), e);

        var one = TLane.Create(1);
        var s = (m - one) / (m + one);
        var z = s * s;
        var z2 = z * z;
        var z4 = z2 * z2;
        var z8 = z4 * z4;
        var low = TLane.MultiplyAdd(Pair(z, 1.0 / 7, 1.0 / 5), z2, Pair(z, 1.0 / 3, 1.0));
        var high = TLane.MultiplyAdd(Pair(z, 1.0 / 15, 1.0 / 13), z2, Pair(z, 1.0 / 11, 1.0 / 9));
        var p = TLane.MultiplyAdd(TLane.Create(1.0 / 17), z8, TLane.MultiplyAdd(high, z4, low));
        return TLane.MultiplyAdd(e, TLane.Create(Ln2), (s + s) * p);
    }

    // c₁·u + c₀: the leaves of Estrin's scheme.
    private static TLane Pair<TLane>(TLane u, double c1, double c0) where TLane : struct, ILane<TLane> =>
        TLane.MultiplyAdd(TLane.Create(c1), u, TLane.Create(c0));
}
