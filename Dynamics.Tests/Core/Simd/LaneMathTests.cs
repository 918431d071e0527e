using CsCheck;
using Dynamics.Numerics;
using Dynamics.Simd;

namespace Dynamics.Tests.Core.Simd;

/// <summary>
/// The controllers' exponential and logarithm: accurate to a few ulps against the C library, and identical to the bit
/// at every lane width, or an ensemble lane and a lone trajectory would take different steps.
/// </summary>
public class LaneMathTests
{
    private const double Ulp = 2.220446049250313e-16;

    // Exp: the argument reduction, the polynomial's rounding and the scaling each add about an ulp (worst seen: 2.1).
    private const double FewUlps = 4 * Ulp;

    // Log: s = (m − 1)/(m + 1) is rounded twice (sum, quotient) before 2s·p(s²) (worst seen in 2·10⁶ samples: 5.8).
    private const double LogUlps = 8 * Ulp;

    [Fact]
    public void Exp_is_within_a_few_ulps_of_the_C_library()
    {
        Gen.Double[-700, 700].Sample(x => RelativeError(LaneMath.Exp(x), Math.Exp(x)) <= FewUlps, iter: 20_000);
        Gen.Double[-1e-3, 1e-3].Sample(x => RelativeError(LaneMath.Exp(x), Math.Exp(x)) <= FewUlps, iter: 5_000);
        Assert.Equal(1.0, LaneMath.Exp(0));
        Assert.Equal(Math.E, LaneMath.Exp(1), FewUlps);
    }

    [Fact]
    public void Log_is_within_a_few_ulps_of_the_C_library()
    {
        // Over the whole normal range by exponent, and near 1 where ln x is small and cancellation would show.
        Gen.Select(Gen.Double[1, 2], Gen.Int[-1021, 1022]).Sample(pair =>
        {
            double x = Math.ScaleB(pair.Item1, pair.Item2);
            return RelativeError(LaneMath.Log(x), Math.Log(x)) <= LogUlps;
        }, iter: 20_000);
        Gen.Double[0.5, 2].Sample(x => RelativeError(LaneMath.Log(x), Math.Log(x)) <= LogUlps, iter: 20_000);
        Assert.Equal(0.0, LaneMath.Log(1));
        Assert.Equal(-690.7755278982137, LaneMath.Log(1e-300), 1e-12);
    }

    [Fact]
    public void Log_covers_every_double_as_the_C_library_does()
    {
        Assert.Equal(double.NegativeInfinity, LaneMath.Log(0.0));
        Assert.Equal(double.NegativeInfinity, LaneMath.Log(-0.0));
        Assert.True(double.IsNaN(LaneMath.Log(-1.0)));
        Assert.True(double.IsNaN(LaneMath.Log(double.NegativeInfinity)));
        Assert.True(double.IsNaN(LaneMath.Log(double.NaN)));
        Assert.Equal(double.PositiveInfinity, LaneMath.Log(double.PositiveInfinity));
        Assert.Equal(Math.Log(double.MaxValue), LaneMath.Log(double.MaxValue), 1e-12);
        // Subnormal arguments, down to the smallest double.
        foreach (double x in new[] { double.Epsilon, 3e-320, 1e-310, 2.2250738585072009e-308 })
            Assert.True(RelativeError(LaneMath.Log(x), Math.Log(x)) <= LogUlps, $"ln {x:R}");
    }

    [Fact]
    public void Log_of_normal_is_log_on_its_domain()
    {
        Gen.Select(Gen.Double[1, 2], Gen.Int[-1022, 1023]).Sample(pair =>
        {
            double x = Math.ScaleB(pair.Item1, pair.Item2);
            return !double.IsFinite(x) || LaneMath.LogOfNormal(x) == LaneMath.Log(x);
        }, iter: 5_000);
    }

    [Fact]
    public void Exp_undoes_log()
    {
        Gen.Double[1e-12, 1e12].Sample(x => RelativeError(LaneMath.Exp(LaneMath.Log(x)), x) <= 64 * Ulp, iter: 5_000);
    }

    [Fact]
    public void Sin_is_within_a_few_ulps_of_the_C_library()
    {
        // Relative error away from the zeros of sin; absolute error 2⁻⁵³·|x|-scaled near them, where any reduction of a
        // double argument is limited by the argument's own rounding.
        Gen.Double[-1e4, 1e4].Sample(x =>
        {
            double expected = Math.Sin(x), error = Math.Abs(LaneMath.Sin(x) - expected);
            return error <= FewUlps * Math.Abs(expected) || error <= Ulp * Math.Max(1, Math.Abs(x)) * 1e-3;
        }, iter: 50_000);
        Gen.Double[-1e-5, 1e-5].Sample(x => RelativeError(LaneMath.Sin(x), Math.Sin(x)) <= FewUlps, iter: 5_000);
        Assert.Equal(0.0, LaneMath.Sin(0));
        Assert.Equal(1.0, LaneMath.Sin(Math.PI / 2), FewUlps);
        Assert.Equal(-1.0, LaneMath.Sin(-Math.PI / 2), FewUlps);
        Assert.Equal(Math.Sin(1e6), LaneMath.Sin(1e6), 1e-15);
    }

    [Fact]
    public void Every_lane_width_computes_the_same_bits()
    {
        Gen.Double[-30, 30].Array[32].Sample(xs =>
        {
            var positive = xs.Select(x => Math.Exp(x)).ToArray();
            // Special and subnormal arguments of the logarithm take the same path in every lane type.
            positive[0] = 0;
            positive[5] = -2;
            positive[10] = 1e-310;
            positive[17] = double.PositiveInfinity;
            // And the exponential's limits and subnormal results.
            xs[3] = 709.79;
            xs[12] = -741.5;
            xs[20] = double.NaN;
            xs[31] = double.NegativeInfinity;
            var expected = (Exp: xs.Select(LaneMath.Exp).ToArray(), Log: positive.Select(LaneMath.Log).ToArray(), Sin: xs.Select(LaneMath.Sin).ToArray());
            return SameBits<Lane512>(xs, positive, expected) && SameBits<Lane512Pair>(xs, positive, expected) && SameBits<Lane256>(xs, positive, expected);
        }, iter: 500);
    }

    [Fact]
    public void Exp_covers_every_double_as_the_C_library_does()
    {
        Assert.Equal(double.PositiveInfinity, LaneMath.Exp(709.8));
        Assert.Equal(double.PositiveInfinity, LaneMath.Exp(double.PositiveInfinity));
        Assert.Equal(0.0, LaneMath.Exp(-746));
        Assert.Equal(0.0, LaneMath.Exp(double.NegativeInfinity));
        Assert.True(double.IsNaN(LaneMath.Exp(double.NaN)));
        // Near the top and in the subnormal range (where the result itself has fewer bits: compare absolutely there).
        Assert.True(RelativeError(LaneMath.Exp(709.78), Math.Exp(709.78)) <= FewUlps);
        foreach (double x in new[] { -709.0, -720.0, -740.0, -745.0 })
            Assert.True(Math.Abs(LaneMath.Exp(x) - Math.Exp(x)) <= double.Epsilon, $"e^{x}");
    }

    [Fact]
    public void The_moderate_exp_is_exp_on_its_domain_and_clamps_outside()
    {
        Gen.Double[-708, 708].Sample(x => LaneMath.ExpOfModerate(x) == LaneMath.Exp(x), iter: 5_000);
        Assert.Equal(LaneMath.ExpOfModerate(708), LaneMath.ExpOfModerate(1000));
        Assert.Equal(LaneMath.ExpOfModerate(-708), LaneMath.ExpOfModerate(-1000));
    }

    [Fact]
    public void The_table_exp_is_within_an_ulp_and_a_half_of_the_C_library_over_its_range()
    {
        // 10⁶ arguments spread evenly over [−708, 0] (every table entry and exponent), 10⁶ in [−1, 0] and 10⁵ in
        // [−1e-3, 0] (small arguments, results near 1). Errors in ulps of the C library's eˣ (itself within 1 ulp):
        // the entry's rounding, q's and the final rounding add at most ½ + ~0.1 + ½. Worst seen here: 1 ulp (the old
        // ExpOfNonPositive, degree 12 on |r| ≤ ½ ln 2: 3 ulps on the same arguments).
        var random = new Random(12);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) worst = Math.Max(worst, UlpError(-708 * random.NextDouble()));
        for (int i = 0; i < 1_000_000; i++) worst = Math.Max(worst, UlpError(-random.NextDouble()));
        for (int i = 0; i < 100_000; i++) worst = Math.Max(worst, UlpError(-1e-3 * random.NextDouble()));
        Assert.True(worst <= 1.5, $"worst error {worst} ulps");

        static double UlpError(double x)
        {
            double expected = Math.Exp(x);
            return Math.Abs(LaneMath.ExpOfNonPositiveByTable(ScalarLane.Create(x)).Value - expected) / (Math.BitIncrement(expected) - expected);
        }
    }

    [Fact]
    public void The_table_exp_keeps_its_limits()
    {
        static double Exp(double x) => LaneMath.ExpOfNonPositiveByTable(ScalarLane.Create(x)).Value;
        // e^±0 = 1 exactly; the clamp at −708 gives e^−708 (normal) for every smaller argument, −∞ included; NaN stays NaN.
        Assert.Equal(1.0, Exp(0.0));
        Assert.Equal(1.0, Exp(-0.0));
        Assert.Equal(Exp(-708), Exp(-1000));
        Assert.Equal(Exp(-708), Exp(double.NegativeInfinity));
        Assert.True(double.IsNormal(Exp(-708)));
        Assert.True(Math.Abs(Exp(-708) - Math.Exp(-708)) <= 2 * (Math.BitIncrement(Math.Exp(-708)) - Math.Exp(-708)));
        Assert.True(double.IsNaN(Exp(double.NaN)));
        // Exact at multiples of ln 2/16 where the table entry is exact: e^(−n ln 2) = 2⁻ⁿ up to the rounding of n ln 2.
        Assert.Equal(0.5, Exp(-Math.Log(2)), 1e-16);
    }

    [Fact]
    public void The_table_exp_has_the_same_bits_at_every_lane_width()
    {
        Gen.Double[-40, 0].Array[32].Sample(xs =>
        {
            xs[1] = -0.0;
            xs[6] = -708;
            xs[9] = -720;
            xs[14] = double.NegativeInfinity;
            xs[19] = double.NaN;
            xs[25] = -1e-300;
            var expected = xs.Select(x => LaneMath.ExpOfNonPositiveByTable(ScalarLane.Create(x)).Value).ToArray();
            return SameTableExp<Lane512>(xs, expected) && SameTableExp<Lane512Pair>(xs, expected) && SameTableExp<Lane256>(xs, expected);
        }, iter: 2_000);
    }

    private static bool SameTableExp<TLane>(double[] xs, double[] expected) where TLane : struct, ILane<TLane>
    {
        if (!TLane.IsHardwareAccelerated) return true;
        var exp = new double[xs.Length];
        for (int i = 0; i + TLane.Count <= xs.Length; i += TLane.Count) LaneMath.ExpOfNonPositiveByTable(TLane.Load(xs, i)).Store(exp, i);
        return exp.Select(BitConverter.DoubleToInt64Bits).SequenceEqual(expected.Select(BitConverter.DoubleToInt64Bits));
    }

    private static bool SameBits<TLane>(double[] xs, double[] positive, (double[] Exp, double[] Log, double[] Sin) expected)
        where TLane : struct, ILane<TLane>
    {
        if (!TLane.IsHardwareAccelerated) return true;
        var exp = new double[xs.Length];
        var log = new double[xs.Length];
        var sin = new double[xs.Length];
        for (int i = 0; i + TLane.Count <= xs.Length; i += TLane.Count)
        {
            LaneMath.Exp(TLane.Load(xs, i)).Store(exp, i);
            LaneMath.Log(TLane.Load(positive, i)).Store(log, i);
            LaneMath.Sin(TLane.Load(xs, i)).Store(sin, i);
        }

        // Bit for bit (NaN payloads aside: SequenceEqual treats every NaN as equal).
        return exp.SequenceEqual(expected.Exp) && log.SequenceEqual(expected.Log) && sin.SequenceEqual(expected.Sin);
    }

    private static double RelativeError(double computed, double expected) =>
        expected == 0 ? Math.Abs(computed) : Math.Abs(computed - expected) / Math.Abs(expected);
}
