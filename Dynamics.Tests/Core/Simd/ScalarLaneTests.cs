using Dynamics.Simd;

namespace Dynamics.Tests.Core.Simd;

/// <summary>
/// <see cref="ScalarLane"/>'s minimum and maximum take a predicted branch for ordered distinct operands and fall back to
/// <see cref="Math"/>'s IEEE 754 minimum and maximum otherwise; they must give that standard's bits for every pair,
/// including the ones the branch does not decide (±0, NaN, ±∞), and so agree with every SIMD width's lanes.
/// </summary>
public class ScalarLaneTests
{
    private static readonly double[] Specials =
        [0.0, -0.0, 1.0, -1.0, 1e-300, -1e-300, double.Epsilon, 1e300, double.MaxValue, double.PositiveInfinity, double.NegativeInfinity,
            double.NaN, BitConverter.Int64BitsToDouble(-1), 3.5, 3.5000000000000004];

    [Fact]
    public void Minimum_and_maximum_give_the_IEEE_754_bits_for_every_pair_of_special_values()
    {
        foreach (double a in Specials)
        {
            foreach (double b in Specials)
            {
                var left = ScalarLane.Create(a);
                var right = ScalarLane.Create(b);
                AssertSameBits(Math.Max(a, b), ScalarLane.Max(left, right).Value, $"max({a}, {b})");
                AssertSameBits(Math.Min(a, b), ScalarLane.Min(left, right).Value, $"min({a}, {b})");
                if (!Lane512.IsHardwareAccelerated) continue;
                var lanes = new double[Lane512.Count];
                Lane512.Max(Lane512.Create(a), Lane512.Create(b)).Store(lanes, 0);
                AssertSameBits(ScalarLane.Max(left, right).Value, lanes[0], $"lane max({a}, {b})");
                Lane512.Min(Lane512.Create(a), Lane512.Create(b)).Store(lanes, 0);
                AssertSameBits(ScalarLane.Min(left, right).Value, lanes[0], $"lane min({a}, {b})");
            }
        }
    }

    [Fact]
    public void Significand_is_the_fraction_with_the_exponent_of_one_bit_for_bit_for_every_input()
    {
        // Formed in a vector register, it must keep the integer definition (bits & fraction) | bits of 1 for every double,
        // so that LaneMath's logarithm, which the controller and the lanes share, keeps its bits.
        var random = new Random(20);
        var inputs = Specials.Concat(Enumerable.Range(0, 1000).Select(_ => BitConverter.Int64BitsToDouble(random.NextInt64(long.MinValue, long.MaxValue))));
        foreach (double x in inputs)
        {
            long expected = (BitConverter.DoubleToInt64Bits(x) & 0x000F_FFFF_FFFF_FFFF) | 0x3FF0_0000_0000_0000;
            Assert.Equal(expected, BitConverter.DoubleToInt64Bits(ScalarLane.Significand(ScalarLane.Create(x)).Value));
        }
    }

    // NaNs compare by "is NaN" (the payload of a propagated NaN is the hardware's choice); every other value bit for bit, so ±0 differ.
    private static void AssertSameBits(double expected, double actual, string what)
    {
        if (double.IsNaN(expected))
            Assert.True(double.IsNaN(actual), $"{what}: expected NaN, got {actual}");
        else
            Assert.True(BitConverter.DoubleToInt64Bits(expected) == BitConverter.DoubleToInt64Bits(actual), $"{what}: expected {expected:R}, got {actual:R}");
    }
}
