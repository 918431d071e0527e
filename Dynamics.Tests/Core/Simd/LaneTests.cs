using CsCheck;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Tests.Core.Simd;

/// <summary>
/// Every lane width computes, lane by lane, exactly what <see cref="ScalarLane"/> computes: the property the ensemble
/// paths rely on to reproduce a lone trajectory bit for bit, whichever width or position a member lands in.
/// </summary>
public class LaneTests
{
    private const int Length = 32;  // a multiple of every width (1, 4, 8, 16)

    [Fact]
    public void Lane512_matches_the_scalar_lane() => AssertMatchesScalar<Lane512>();

    [Fact]
    public void Lane512Pair_matches_the_scalar_lane() => AssertMatchesScalar<Lane512Pair>();

    [Fact]
    public void Lane256_matches_the_scalar_lane() => AssertMatchesScalar<Lane256>();

    [Fact]
    public void Mask_bits_number_the_lanes_in_order()
    {
        if (!Lane512Pair.IsHardwareAccelerated) return;
        var values = Enumerable.Range(0, 16).Select(i => i % 3 == 0 ? 1.0 : 3.0).ToArray();
        uint bits = Lane512Pair.MaskBits(Lane512Pair.LessThanOrEqual(Lane512Pair.Load(values, 0), Lane512Pair.Create(2.0)));
        uint expected = 0;
        for (int i = 0; i < 16; i++) expected |= values[i] <= 2 ? 1u << i : 0;
        Assert.Equal(expected, bits);
    }

    [Fact]
    public void Lane_parameters_load_each_parameter_for_every_lane_and_zero_the_rest()
    {
        // Parameter-major: parameter p of lane l at [p·W + l]; two parameters of four lanes.
        double[] values = [1, 2, 3, 4, 10, 20, 30, 40];
        var parameters = LaneParameters.Load<Lane256>(values, 2);
        var lanes = new double[4];
        parameters.P1.Store(lanes, 0);
        Assert.Equal([10.0, 20, 30, 40], lanes);
        parameters.P2.Store(lanes, 0);
        Assert.Equal([0.0, 0, 0, 0], lanes);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => LaneParameters.Load<ScalarLane>(new double[5], 5));
        Assert.Equal("count", error.ParamName);
    }

    [Fact]
    public void At_least_keeps_a_nan_value_and_an_equal_values_sign_at_every_width()
    {
        // Every pair of the special values, bit for bit (SequenceEqual on doubles would take −0 for +0).
        double[] specials = [double.NaN, -0.0, 0.0, -1, 2, double.NegativeInfinity, double.PositiveInfinity, -708];
        var value = new double[Length];
        var floor = new double[Length];
        for (int first = 0; first < specials.Length * specials.Length; first += Length)
        {
            for (int i = 0; i < Length; i++)
            {
                int pair = (first + i) % (specials.Length * specials.Length);
                value[i] = specials[pair / specials.Length];
                floor[i] = specials[pair % specials.Length];
            }

            var expected = value.Select((v, i) => BitConverter.DoubleToInt64Bits(floor[i] > v ? floor[i] : v)).ToArray();
            Assert.Equal(expected, Bits<ScalarLane>(value, floor));
            if (Lane256.IsHardwareAccelerated) Assert.Equal(expected, Bits<Lane256>(value, floor));
            if (Lane512.IsHardwareAccelerated) Assert.Equal(expected, Bits<Lane512>(value, floor));
            if (Lane512Pair.IsHardwareAccelerated) Assert.Equal(expected, Bits<Lane512Pair>(value, floor));
        }

        static long[] Bits<TLane>(double[] value, double[] floor) where TLane : struct, ILane<TLane>
        {
            var result = new double[Length];
            for (int i = 0; i < Length; i += TLane.Count) TLane.AtLeast(TLane.Load(value, i), TLane.Load(floor, i)).Store(result, i);
            return [.. result.Select(BitConverter.DoubleToInt64Bits)];
        }
    }

    [Fact]
    public void Power_of_two_by_sixteenths_looks_up_the_entry_and_adds_the_integer_part_to_the_exponent()
    {
        // Over the member's whole range of k, with the table of 2^(j/16) as Math.Pow gives it (any table would do: the
        // member only moves bits); 1.5·2⁵² + k is what a rounding shifter leaves.
        for (int k = -16352; k <= 16383; k++)
        {
            double shifted = 6755399441055744.0 + k;
            double expected = Math.ScaleB(Math.Pow(2, (k & 15) / 16.0), k >> 4);
            Assert.Equal(expected, ScalarLane.PowerOfTwoBySixteenths(ScalarLane.Create(shifted), SixteenthsTable).Value);
        }
    }

    private static void AssertMatchesScalar<TLane>() where TLane : struct, ILane<TLane>
    {
        if (!TLane.IsHardwareAccelerated) return;
        var signed = Gen.Double[-1e6, 1e6].Array[Length];
        Gen.Select(signed, signed, Gen.Double[1e-300, 1e300].Array[Length], Gen.Int[-1000, 1000].Array[Length]).Sample(sample =>
        {
            var (a, b, positive, powers) = sample;
            var c = a.Select((x, i) => b[i] - x).ToArray();
            var n = powers.Select(p => (double)p).ToArray();
            int index = 0;
            foreach (var (lanes, scalar) in Operations<TLane>())
            {
                Assert.True(lanes(a, b, c, positive, n).SequenceEqual(scalar(a, b, c, positive, n)), $"operation {index} differs from the scalar lane");
                index++;
            }
        }, iter: 200);
    }

    // 2^(j/16) minus j·2⁴⁸ in the bits, the layout ILane.PowerOfTwoBySixteenths reads.
    private static readonly long[] SixteenthsTable = [.. Enumerable.Range(0, 16).Select(j => BitConverter.DoubleToInt64Bits(Math.Pow(2, j / 16.0)) - ((long)j << 48))];

    private delegate double[] Operation(double[] a, double[] b, double[] c, double[] positive, double[] powers);

    private static IEnumerable<(Operation Lanes, Operation Scalar)> Operations<TLane>() where TLane : struct, ILane<TLane>
    {
        yield return Both<TLane>((a, b, c, p, n) => a + b, (a, b, c, p, n) => a + b);
        yield return Both<TLane>((a, b, c, p, n) => a - b, (a, b, c, p, n) => a - b);
        yield return Both<TLane>((a, b, c, p, n) => a * b, (a, b, c, p, n) => a * b);
        yield return Both<TLane>((a, b, c, p, n) => a / b, (a, b, c, p, n) => a / b);
        yield return Both<TLane>((a, b, c, p, n) => -a, (a, b, c, p, n) => -a);
        yield return Both<TLane>((a, b, c, p, n) => TLane.MultiplyAdd(a, b, c), (a, b, c, p, n) => ScalarLane.MultiplyAdd(a, b, c));
        yield return Both<TLane>((a, b, c, p, n) => TLane.MultiplySubtract(a, b, c), (a, b, c, p, n) => ScalarLane.MultiplySubtract(a, b, c));
        yield return Both<TLane>((a, b, c, p, n) => TLane.Abs(a), (a, b, c, p, n) => ScalarLane.Abs(a));
        yield return Both<TLane>((a, b, c, p, n) => TLane.Max(a, b), (a, b, c, p, n) => ScalarLane.Max(a, b));
        yield return Both<TLane>((a, b, c, p, n) => TLane.Min(a, b), (a, b, c, p, n) => ScalarLane.Min(a, b));
        yield return Both<TLane>((a, b, c, p, n) => TLane.Sqrt(p), (a, b, c, p, n) => ScalarLane.Sqrt(p));
        yield return Both<TLane>((a, b, c, p, n) => TLane.Exponent(p), (a, b, c, p, n) => ScalarLane.Exponent(p));
        yield return Both<TLane>((a, b, c, p, n) => TLane.Significand(p), (a, b, c, p, n) => ScalarLane.Significand(p));
        yield return Both<TLane>((a, b, c, p, n) => TLane.ScaleB(TLane.Significand(p), n), (a, b, c, p, n) => ScalarLane.ScaleB(ScalarLane.Significand(p), n));
        yield return Both<TLane>((a, b, c, p, n) => TLane.AtLeast(a, b), (a, b, c, p, n) => ScalarLane.AtLeast(a, b));
        // k = round(a/62.5) ∈ [−16000, 16000] as 1.5·2⁵² + k.
        yield return Both<TLane>((a, b, c, p, n) => TLane.PowerOfTwoBySixteenths(TLane.MultiplyAdd(a, TLane.Create(0.016), TLane.Create(6755399441055744.0)), SixteenthsTable),
            (a, b, c, p, n) => ScalarLane.PowerOfTwoBySixteenths(ScalarLane.MultiplyAdd(a, ScalarLane.Create(0.016), ScalarLane.Create(6755399441055744.0)), SixteenthsTable));
        yield return Both<TLane>((a, b, c, p, n) => TLane.ConditionalSelect(TLane.LessThanOrEqual(a, b), a, c),
            (a, b, c, p, n) => ScalarLane.ConditionalSelect(ScalarLane.LessThanOrEqual(a, b), a, c));
        yield return Both<TLane>((a, b, c, p, n) => TLane.ConditionalSelect(TLane.BothTrue(TLane.LessThanOrEqual(a, b), TLane.IsFinite(a / c)), a, b),
            (a, b, c, p, n) => ScalarLane.ConditionalSelect(ScalarLane.BothTrue(ScalarLane.LessThanOrEqual(a, b), ScalarLane.IsFinite(a / c)), a, b));
    }

    private static (Operation, Operation) Both<TLane>(Func<TLane, TLane, TLane, TLane, TLane, TLane> lanes,
        Func<ScalarLane, ScalarLane, ScalarLane, ScalarLane, ScalarLane, ScalarLane> scalar) where TLane : struct, ILane<TLane> =>
        (Apply(lanes), Apply(scalar));

    private static Operation Apply<TLane>(Func<TLane, TLane, TLane, TLane, TLane, TLane> operation) where TLane : struct, ILane<TLane> =>
        (a, b, c, p, n) =>
        {
            var result = new double[Length];
            for (int i = 0; i < Length; i += TLane.Count)
                operation(TLane.Load(a, i), TLane.Load(b, i), TLane.Load(c, i), TLane.Load(p, i), TLane.Load(n, i)).Store(result, i);
            return result;
        };
}
