using System.Runtime.CompilerServices;

namespace Dynamics.Simd;

/// <summary>
/// Elementary functions written once over <see cref="ILane{TSelf}"/>, so that every width computes every lane with the
/// same exact binary operations and the same fused multiply-adds: a trajectory integrated alone and the same trajectory
/// in any ensemble lane get identical bits. The runtime's vectorised functions do not promise that (its
/// <c>Vector512.Sin</c> changes a lane's result with its neighbours' arguments). The exponential and logarithm sit on
/// every adaptive step's critical path (error → ln → exponent → exp → next step), so they use short polynomials
/// evaluated by Estrin's scheme, whose dependency chain is half as long as Horner's. Accuracy is a few ulps (tests bound
/// it against <see cref="Math"/>).
/// </summary>
public static class LaneMath
{
    private const double Ln2 = 0.6931471805599453;
    private const double Ln2Low = 2.3190468138462996e-17;  // ln 2 − Ln2, for an extra-precise argument reduction
    private const double Log2E = 1.4426950408889634;
    private const double Sqrt2 = 1.4142135623730951;
    private const double SmallestNormal = 2.2250738585072014e-308;
    private const double TwoTo54 = 18014398509481984.0;
    private const double RoundingShifter = 6755399441055744.0;  // 1.5·2⁵²: adding it rounds to an integer (ties to even)
    private const double ExpLimit = 708;  // e^±708 and the 2ⁿ that build them stay normal
    private const double SixteenOverLn2 = 23.083120654223414;
    private const double Ln2OverSixteen = Ln2 / 16, Ln2OverSixteenLow = Ln2Low / 16;  // exact: powers of two
    private const double TwoOverPi = 0.6366197723675814;
    private const double HalfPi1 = 1.5707963267948966;  // π/2 = HalfPi1 + HalfPi2 + HalfPi3 to 160 bits
    private const double HalfPi2 = 6.123233995736766e-17;
    private const double HalfPi3 = -1.4973849048591698e-33;

    /// <summary>eˣ for a double, as every lane computes it (limits as <see cref="Math.Exp"/>).</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>eˣ.</returns>
    public static double Exp(double x) => Exp(ScalarLane.Create(x)).Value;

    /// <summary>eˣ for |x| ≤ 708, as every lane computes it: the controllers' fast path.</summary>
    /// <param name="x">The exponent; clamped to [−708, 708].</param>
    /// <returns>eˣ.</returns>
    public static double ExpOfModerate(double x) => ExpOfModerate(ScalarLane.Create(x)).Value;

    /// <summary>eˣ − 1 for a double, as every lane computes it (full relative accuracy also for |x| ≪ 1).</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>eˣ − 1.</returns>
    public static double ExpM1(double x) => ExpM1(ScalarLane.Create(x)).Value;

    /// <summary>ln x for a double, as every lane computes it (special cases as <see cref="Math.Log(double)"/>).</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln x.</returns>
    public static double Log(double x) => Log(ScalarLane.Create(x)).Value;

    /// <summary>ln x for a positive normal double, as every lane computes it: the controllers' fast path.</summary>
    /// <param name="x">A positive normal number (2.2e-308 ≤ x &lt; ∞).</param>
    /// <returns>ln x.</returns>
    public static double LogOfNormal(double x) => LogOfNormal(ScalarLane.Create(x)).Value;

    /// <summary>
    /// Lane-wise eˣ for every double, as <see cref="Math.Exp"/> defines the limits: ∞ above ln(MaxValue) ≈ 709.78,
    /// subnormal results down to 2⁻¹⁰⁷⁴ and 0 below, NaN for NaN.
    /// </summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="x">The exponents.</param>
    /// <returns>eˣ.</returns>
    public static TLane Exp<TLane>(TLane x) where TLane : struct, ILane<TLane>
    {
        // Clamped where the result is already ∞ or 0, so n stays within [−1076, 1024]; near either end the scaling is
        // split in two, so each 2ⁿ is normal and only the second step rounds (into the subnormals, or to ∞).
        var (p, n) = ExpParts(TLane.Min(TLane.Max(x, TLane.Create(-746)), TLane.Create(709.8)));
        var late = TLane.ConditionalSelect(TLane.LessThanOrEqual(n, TLane.Create(-1000)), TLane.Create(-60),
            TLane.ConditionalSelect(TLane.LessThanOrEqual(TLane.Create(1000), n), TLane.Create(60), TLane.Create(0)));
        return TLane.ScaleB(TLane.ScaleB(p, n - late), late);
    }

    /// <summary>
    /// Lane-wise eˣ − 1 to full relative accuracy, also for |x| ≪ 1 where eˣ − 1 cancels: Kahan's trick, with u = eˣ
    /// rounded, (u − 1)·x/ln u corrects the rounding of u (Higham, "Accuracy and Stability of Numerical Algorithms",
    /// §1.14.1), as <see cref="Numerics.AccurateMath.ExpM1"/> on doubles; −1 where u = 0, ∞ where u = ∞.
    /// </summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="x">The exponents.</param>
    /// <returns>eˣ − 1.</returns>
    public static TLane ExpM1<TLane>(TLane x) where TLane : struct, ILane<TLane>
    {
        var u = Exp(x);
        var one = TLane.Create(1);
        var um1 = u - one;
        // Every case is computed and the lane's own chosen: where u = 1 the quotient is 0/0, and x itself is eˣ − 1.
        var value = um1 * x / Log(u);
        value = TLane.ConditionalSelect(TLane.LessThanOrEqual(TLane.Abs(um1), TLane.Create(0)), x, value);
        value = TLane.ConditionalSelect(TLane.LessThanOrEqual(um1, -one), -one, value);
        return TLane.ConditionalSelect(TLane.LessThanOrEqual(TLane.Create(double.PositiveInfinity), u), u, value);
    }

    /// <summary>
    /// Lane-wise eˣ for |x| ≤ 708, the step-size controllers' fast path (one scaling fewer than <see cref="Exp{TLane}"/>):
    /// x = n ln 2 + r with |r| ≤ ½ ln 2, e^r by its degree-12 Taylor polynomial (truncation below 2e-16), times 2ⁿ.
    /// Arguments outside are clamped to ±708.
    /// </summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="x">The exponents.</param>
    /// <returns>eˣ.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLane ExpOfModerate<TLane>(TLane x) where TLane : struct, ILane<TLane>
    {
        var (p, n) = ExpParts(TLane.Min(TLane.Max(x, TLane.Create(-ExpLimit)), TLane.Create(ExpLimit)));
        return TLane.ScaleB(p, n);
    }

    /// <summary>
    /// Lane-wise eˣ for x ≤ 0, bit for bit <see cref="ExpOfModerate{TLane}"/> there, without its upper clamp (which
    /// cannot act on x ≤ 0 and costs three instructions per vector): for exponents shifted by their maximum, as in a
    /// log-sum-exp. NaN stays NaN; above 708 (no upper clamp) the result is meaningless.
    /// </summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="x">The exponents, ≤ 0; clamped to −708 below.</param>
    /// <returns>eˣ.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLane ExpOfNonPositive<TLane>(TLane x) where TLane : struct, ILane<TLane>
    {
        var (p, n) = ExpParts(TLane.Max(x, TLane.Create(-ExpLimit)));
        return TLane.ScaleB(p, n);
    }

    /// <summary>
    /// Lane-wise eˣ for x ≤ 0 by a 16-entry table, for the exponentials of a softmax (exponents shifted by their
    /// maximum): x = k·ln 2/16 + r with |r| ≤ ln 2/32, eˣ = 2^(k/16)·(1 + q) with 2^(k/16) = 2^(j/16)·2^⌊k/16⌋ looked up
    /// (<see cref="ILane{TSelf}.PowerOfTwoBySixteenths"/>, j = k mod 16, entries correctly rounded) and q = e^r − 1 by
    /// its degree-7 Taylor polynomial (truncation r⁸/8! ≤ 1.2e-18), assembled by one fused multiply-add; the clamp is
    /// <see cref="ILane{TSelf}.AtLeast"/>. 17 vector instructions per eight lanes against about 25 for
    /// <see cref="ExpOfNonPositive{TLane}"/> (whose IEEE clamp alone is four), and a shorter dependency chain. Error:
    /// the entry's rounding, q's and the last, at most 1 ulp against <see cref="Math.Exp"/> over 2.1·10⁶ arguments in
    /// [−708, 0] (<see cref="ExpOfNonPositive{TLane}"/>: 3 ulps there).
    /// e^(−0) = e⁰ = 1 exactly; NaN stays NaN; below −708 the argument is clamped (e^−708 ≈ 3.3e-308, normal); above 0
    /// the result is eˣ up to 709 and meaningless beyond (no upper clamp). Its bits differ from
    /// <see cref="ExpOfNonPositive{TLane}"/>'s, which stay as they are for the solvers.
    /// </summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="x">The exponents, ≤ 0.</param>
    /// <returns>eˣ.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLane ExpOfNonPositiveByTable<TLane>(TLane x) where TLane : struct, ILane<TLane>
    {
        x = TLane.AtLeast(x, TLane.Create(-ExpLimit));
        var shifter = TLane.Create(RoundingShifter);
        var shifted = TLane.MultiplyAdd(x, TLane.Create(SixteenOverLn2), shifter);
        var k = shifted - shifter;
        // k·(−c) rather than (−k)·c: the same bits, without an instruction to negate k.
        var r = TLane.MultiplyAdd(k, TLane.Create(-Ln2OverSixteen), x);
        r = TLane.MultiplyAdd(k, TLane.Create(-Ln2OverSixteenLow), r);

        // q = r + r²/2 + … + r⁷/7! as (r + r²(1/2 + r/6)) + r⁴((1/24 + r/120) + r²(1/720 + r/5040)).
        var r2 = r * r;
        var r4 = r2 * r2;
        var low = TLane.MultiplyAdd(Pair(r, 1.0 / 6, 1.0 / 2), r2, r);
        var high = TLane.MultiplyAdd(Pair(r, 1.0 / 5040, 1.0 / 720), r2, Pair(r, 1.0 / 120, 1.0 / 24));
        var q = TLane.MultiplyAdd(high, r4, low);
        var scale = TLane.PowerOfTwoBySixteenths(shifted, TwoToSixteenthsBits);
        return TLane.MultiplyAdd(scale, q, scale);
    }

    // 2^(j/16) correctly rounded, minus j·2⁴⁸ in the bits (see ILane.PowerOfTwoBySixteenths); from 60-digit decimal values.
    private static ReadOnlySpan<long> TwoToSixteenthsBits =>
    [
        0x3ff0000000000000, 0x3fefb5586cf9890f, 0x3fef72b83c7d517b, 0x3fef387a6e756238,
        0x3fef06fe0a31b715, 0x3feedea64c123422, 0x3feebfdad5362a27, 0x3feeab07dd485429,
        0x3feea09e667f3bcd, 0x3feea11473eb0187, 0x3feeace5422aa0db, 0x3feec49182a3f090,
        0x3feee89f995ad3ad, 0x3fef199bdd85529c, 0x3fef5818dcfba487, 0x3fefa4afa2a490da,
    ];

    // eˣ = p·2ⁿ with p = e^r, x = n ln 2 + r.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (TLane P, TLane N) ExpParts<TLane>(TLane x) where TLane : struct, ILane<TLane>
    {
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
        return (TLane.MultiplyAdd(high, r8, low), n);
    }

    /// <summary>
    /// Lane-wise ln x for every double, as <see cref="Math.Log(double)"/> defines the special cases: ln 0 = −∞,
    /// ln x = NaN for x &lt; 0 and for NaN, ln ∞ = ∞; subnormal x is scaled by 2⁵⁴ (exactly) into the normal range.
    /// </summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="x">The arguments.</param>
    /// <returns>ln x.</returns>
    public static TLane Log<TLane>(TLane x) where TLane : struct, ILane<TLane>
    {
        var zero = TLane.Create(0);
        var subnormal = TLane.LessThanOrEqual(x, TLane.Create(SmallestNormal));
        var normal = TLane.ConditionalSelect(subnormal, x * TLane.Create(TwoTo54), x);
        var value = LogOfNormal(normal) - TLane.ConditionalSelect(subnormal, TLane.Create(54 * Ln2), zero);
        var positive = TLane.LessThanOrEqual(TLane.Create(double.Epsilon), x);
        value = TLane.ConditionalSelect(positive, value, TLane.Create(double.NaN));
        value = TLane.ConditionalSelect(TLane.LessThanOrEqual(TLane.Abs(x), zero), TLane.Create(double.NegativeInfinity), value);
        return TLane.ConditionalSelect(TLane.LessThanOrEqual(TLane.Create(double.PositiveInfinity), x), x, value);
    }

    /// <summary>
    /// Lane-wise ln x for positive normal x (2.2e-308 ≤ x &lt; ∞), the step-size controllers' fast path: x = m·2ᵉ with
    /// m ∈ [√½, √2), ln m = 2 atanh s = 2s(1 + s²/3 + … + s¹⁶/17) with s = (m − 1)/(m + 1), |s| ≤ 0.172 (truncation
    /// below 1e-16), plus e ln 2. Other arguments give meaningless finite values; <see cref="Log{TLane}"/> handles them.
    /// </summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="x">Positive normal numbers.</param>
    /// <returns>ln x.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLane LogOfNormal<TLane>(TLane x) where TLane : struct, ILane<TLane>
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

    /// <summary>sin x for a double, as every lane computes it.</summary>
    /// <param name="x">The angle in radians.</param>
    /// <returns>sin x.</returns>
    public static double Sin(double x) => Sin(ScalarLane.Create(x)).Value;

    /// <summary>
    /// Lane-wise sin x: x = n·π/2 + r with |r| ≤ π/4 (Cody–Waite reduction with a three-part π/2 and fused
    /// multiply-adds, accurate while n·2⁻⁵³ is small, i.e. for |x| up to about 10¹⁵), then the Taylor polynomial of
    /// sin r or cos r (to r¹⁵ and r¹⁶, truncation below 1e-17) chosen and signed by n mod 4. No branch depends on the
    /// data, so no lane depends on another.
    /// </summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="x">Angles in radians.</param>
    /// <returns>sin x.</returns>
    public static TLane Sin<TLane>(TLane x) where TLane : struct, ILane<TLane>
    {
        var shifter = TLane.Create(RoundingShifter);
        var n = TLane.MultiplyAdd(x, TLane.Create(TwoOverPi), shifter) - shifter;
        var r = TLane.MultiplyAdd(-n, TLane.Create(HalfPi1), x);
        r = TLane.MultiplyAdd(-n, TLane.Create(HalfPi2), r);
        r = TLane.MultiplyAdd(-n, TLane.Create(HalfPi3), r);

        var z = r * r;
        var z2 = z * z;
        var z4 = z2 * z2;
        // sin r = r(1 − z/3! + z²/5! − … − z⁷/15!), cos r = 1 − z/2! + z²/4! − … + z⁸/16!, z = r².
        var sinLow = TLane.MultiplyAdd(Pair(z, -1.0 / 5040, 1.0 / 120), z2, Pair(z, -1.0 / 6, 1.0));
        var sinHigh = TLane.MultiplyAdd(Pair(z, -1.0 / 1307674368000, 1.0 / 6227020800), z2, Pair(z, -1.0 / 39916800, 1.0 / 362880));
        var sine = r * TLane.MultiplyAdd(sinHigh, z4, sinLow);
        var cosLow = TLane.MultiplyAdd(Pair(z, -1.0 / 720, 1.0 / 24), z2, Pair(z, -1.0 / 2, 1.0));
        var cosHigh = TLane.MultiplyAdd(Pair(z, -1.0 / 87178291200, 1.0 / 479001600), z2, Pair(z, -1.0 / 3628800, 1.0 / 40320));
        var cosine = TLane.MultiplyAdd(TLane.Create(1.0 / 20922789888000), z4 * z4, TLane.MultiplyAdd(cosHigh, z4, cosLow));

        // q = n − 4·round(n/4) ∈ {−2, …, 2} (exact): sin x = sin r, cos r, −sin r, −cos r for q ≡ 0, 1, 2, 3 (mod 4).
        var q = n - TLane.Create(4) * (TLane.MultiplyAdd(n, TLane.Create(0.25), shifter) - shifter);
        var one = TLane.Create(1);
        var useCosine = TLane.LessThanOrEqual(TLane.Abs(TLane.Abs(q) - one), TLane.Create(0));
        var negative = TLane.LessThanOrEqual(q, -one);
        var negate = TLane.ConditionalSelect(negative, negative, TLane.LessThanOrEqual(TLane.Create(2), q));  // q ∈ {−2, −1, 2}
        var value = TLane.ConditionalSelect(useCosine, cosine, sine);
        return TLane.ConditionalSelect(negate, -value, value);
    }

    // c₁·u + c₀: the leaves of Estrin's scheme.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLane Pair<TLane>(TLane u, double c1, double c0) where TLane : struct, ILane<TLane> =>
        TLane.MultiplyAdd(TLane.Create(c1), u, TLane.Create(c0));
}
