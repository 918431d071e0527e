using Dynamics.Models.Estimators;
using Dynamics.Numerics;

namespace Dynamics.Tests.Core.Numerics;

/// <summary>
/// The two-sided Gumbel ziggurat: its tables (layers close, equal areas), the law of its numbers (moments, χ² on 50 bins),
/// each slow path on its own (both tails, the wedges) against its conditional law, and the vectorised fill against the
/// scalar function. Reference values use Math.Exp/Math.Log, independent of the LaneMath the tables are built with.
/// </summary>
public class GumbelZigguratTests
{
    private const ulong Seed = 20261204;
    private const int Layers = GumbelZiggurat.Layers;
    private const int Draws = 1 << 22;
    private static readonly double[] Pairs = GumbelZiggurat.Pairs, Lower = GumbelZiggurat.Lower, Upper = GumbelZiggurat.Upper;
    private static readonly int LeftBase = GumbelZiggurat.LeftBase;
    private static readonly double Area = GumbelZiggurat.Area;

    [Fact]
    public void Layers_close_over_the_mode_and_all_have_the_area_v()
    {
        Assert.InRange(LeftBase, 2, Layers - 2);
        double mode = Math.Exp(-1);
        foreach (var (first, end, left, mass) in Sides())
        {
            // Base layer: r·f(r) + T(r) = v (bisection to the last bit; 1e-12 leaves room for LaneMath's ≈ 1-ulp exp),
            // and its virtual width·f(r) = v.
            double r = Pairs[2 * first + 1];
            Assert.Equal(left ? GumbelZiggurat.LeftTail : GumbelZiggurat.RightTail, r);
            Assert.Equal(Area, r * Density(left, r) + TailMass(left, r), Area * 1e-12);
            Assert.Equal(Area, Math.Abs(Pairs[2 * first]) * Density(left, r), Area * 1e-12);
            Assert.Equal(Density(left, r), Upper[first], Upper[first] * 1e-12);
            for (int i = first + 1; i < end; i++)
            {
                double width = Math.Abs(Pairs[2 * i]);
                Assert.True(left == Pairs[2 * i] < 0, $"layer {i}: the width's sign gives the side");
                Assert.Equal(Math.Abs(Pairs[2 * (i - 1) + 1]), width);
                Assert.Equal(Upper[i - 1], Lower[i]);
                Assert.Equal(Area, width * (Upper[i] - Lower[i]), Area * 1e-12);
                // The inner rectangle lies under f: the bound bᵢ = f⁻¹(upperᵢ) (Newton from the right, to rounding).
                if (i < end - 1) Assert.Equal(Upper[i], Density(left, Pairs[2 * i + 1]), Upper[i] * 1e-12);
            }

            // The top layer reaches the mode, the one below does not; its inner bound is 0 (always the wedge test).
            Assert.True(Upper[end - 1] >= mode && Upper[end - 2] < mode);
            Assert.Equal(0, Pairs[2 * (end - 1) + 1]);
            // The region under f is tiled: the base layer (v, its rectangle and tail), then each layer's inner rectangle
            // and its wedge's part under f add up to the side's mass, 1 − e⁻¹ or e⁻¹ (Simpson's error ≈ 1e-14 here).
            double under = Area;
            for (int i = first + 1; i < end; i++)
                under += Pairs[2 * i + 1] * (Upper[i] - Lower[i]) + WedgeIntegral(left, i, Pairs[2 * i + 1], Math.Abs(Pairs[2 * i]));
            Assert.Equal(mass, under, 1e-10);
        }
    }

    [Fact]
    public void FillGumbel_matches_the_scalar_function_at_every_length_stride_and_offset()
    {
        int slow = 0;
        foreach (int length in Enumerable.Range(0, 41).Append(1001).Append(8195))
        {
            foreach (ulong stride in new ulong[] { 1, 3, 10 })
            {
                var values = new double[length + 3];
                ulong first = 7 + 100_000 * (ulong)length + stride;  // fresh counters per case
                CounterRandom.FillGumbel(Seed, first, stride, values.AsSpan(3, length));  // at an offset into the array
                for (int i = 0; i < length; i++)
                {
                    ulong counter = first + (ulong)i * stride;
                    Assert.Equal(BitConverter.DoubleToInt64Bits(CounterRandom.Gumbel(Seed, counter)), BitConverter.DoubleToInt64Bits(values[3 + i]));
                    if (LeavesFastPath(CounterRandom.Bits(Seed, counter))) slow++;
                }

                Assert.Equal(0, values[0] + values[1] + values[2]);
            }
        }

        // ≈ 1 % of these 31,000 draws: the comparison covered lanes finished by the scalar fallback inside a vector.
        Assert.True(slow > 100, $"{slow} slow draws");
    }

    [Fact]
    public void Gumbel_numbers_have_the_moments_and_the_law_exp_of_minus_exp_of_minus_x()
    {
        const int bins = 50, chunk = 1 << 16;
        var counts = new long[bins];
        var values = new double[chunk];
        double sum = 0, sum2 = 0, min = double.MaxValue, max = double.MinValue;
        long beyondRight = 0, beyondLeft = 0;
        for (int c = 0; c < Draws / chunk; c++)
        {
            CounterRandom.FillGumbel(Seed, (ulong)c * chunk, 1, values);
            foreach (double g in values)
            {
                sum += g;
                sum2 += g * g;
                (min, max) = (Math.Min(min, g), Math.Max(max, g));
                // Equiprobable bins: F(g) = exp(−e^{−g}) is uniform, so bin ⌊50 F(g)⌋ has probability 1/50.
                counts[Math.Min(bins - 1, (int)(bins * Math.Exp(-Math.Exp(-g))))]++;
                if (g > GumbelZiggurat.RightTail) beyondRight++;
                if (g < -GumbelZiggurat.LeftTail) beyondLeft++;
            }
        }

        const int n = Draws;
        double mean = sum / n, variance = (sum2 - n * mean * mean) / (n - 1);
        // 5 standard errors: the mean's √(π²/6/n) = 6.3e-4; the variance's σ²√((κ − 1)/n) with kurtosis κ = 5.4, 1.7e-3.
        Assert.Equal(Categorical.EulerGamma, mean, 5 * Math.Sqrt(Categorical.GumbelVariance / n));
        Assert.Equal(Categorical.GumbelVariance, variance, 5 * Categorical.GumbelVariance * Math.Sqrt(4.4 / n));
        Assert.InRange(min, -4, 0);
        Assert.InRange(max, GumbelZiggurat.RightTail, 48);

        // χ² with 49 degrees of freedom (mean 49, sd 9.9): P(χ² > 100) ≈ 2e-5.
        double expected = n / (double)bins, chi2 = counts.Sum(k => (k - expected) * (k - expected) / expected);
        Assert.True(chi2 < 100, $"χ² = {chi2}");

        // Both tails, which the 50 bins barely resolve: P(G > r_R) = 1 − F(r_R), P(G < −r_L) = F(−r_L); 5 binomial SE.
        AssertFrequency(beyondRight, n, TailMass(false, GumbelZiggurat.RightTail), "G > r_R");
        AssertFrequency(beyondLeft, n, TailMass(true, GumbelZiggurat.LeftTail), "G < −r_L");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Each_tail_draws_its_conditional_law(bool left)
    {
        // Kolmogorov–Smirnov against P(G ≤ x | G > r_R) = 1 − S(x)/S(r_R) with S = 1 − F (right), or
        // P(G ≤ x | G < −r_L) = F(x)/F(−r_L) (left). 1.95/√n is the 0.1 % critical value.
        const int n = 200_000;
        double r = left ? GumbelZiggurat.LeftTail : GumbelZiggurat.RightTail;
        var draws = new double[n];
        for (int i = 0; i < n; i++)
        {
            ulong state = CounterRandom.Bits(Seed, (ulong)i);
            draws[i] = CounterRandom.GumbelTail(left, ref state);
            Assert.True(left ? draws[i] < -r : draws[i] > r, $"tail draw {draws[i]}");
        }

        Array.Sort(draws);
        double distance = 0;
        for (int i = 0; i < n; i++)
        {
            double cdf = left ? Math.Exp(-Math.Exp(-draws[i]) + Math.Exp(r)) : 1 - TailMass(false, draws[i]) / TailMass(false, r);
            distance = Math.Max(distance, Math.Max(Math.Abs(cdf - i / (double)n), Math.Abs(cdf - (i + 1) / (double)n)));
        }

        Assert.True(distance < 1.95 / Math.Sqrt(n), $"KS distance {distance}");
    }

    [Fact]
    public void Wedges_accept_with_the_density_under_f_and_the_fast_path_rate_matches_the_tables()
    {
        // The first draw leaves the fast path with probability Σᵢ (1 − bᵢ/|wᵢ|)/1,024 (u uniform on each layer's width).
        double leaveRate = Enumerable.Range(0, Layers).Sum(i => 1 - Pairs[2 * i + 1] / Math.Abs(Pairs[2 * i])) / Layers;
        // A first draw (|x|, y) in layer i's wedge is accepted when y < f(|x|): the accepted abscissae have density
        // (min(f, upperᵢ) − lowerᵢ)⁺ / (1,024 v) on [bᵢ, |wᵢ|]. Bins: each side's non-base layers in 10 groups of
        // consecutive layers, each layer split at its midpoint, so the bins test both the mass and the shape in a layer.
        const int groups = 10;
        var expected = new double[2 * 2 * groups];
        var bin = new int[Layers];
        foreach (var (first, end, left, _) in Sides())
        {
            int side = left ? 1 : 0, count = end - first - 1;
            for (int i = first + 1; i < end; i++)
            {
                bin[i] = (side * groups + (i - first - 1) * groups / count) * 2;
                double b = Pairs[2 * i + 1], w = Math.Abs(Pairs[2 * i]), middle = 0.5 * (b + w);
                expected[bin[i]] += Draws * WedgeIntegral(left, i, b, middle) / (Layers * Area);
                expected[bin[i] + 1] += Draws * WedgeIntegral(left, i, middle, w) / (Layers * Area);
            }
        }

        var counts = new long[expected.Length];
        long slow = 0;
        var values = new double[1 << 16];
        for (int c = 0; c < Draws / values.Length; c++)
        {
            ulong first = (ulong)c * (ulong)values.Length;
            CounterRandom.FillGumbel(Seed + 1, first, 1, values);
            for (int j = 0; j < values.Length; j++)
            {
                ulong bits = CounterRandom.Bits(Seed + 1, first + (ulong)j);
                if (!LeavesFastPath(bits)) continue;
                slow++;
                int layer = (int)(bits & (Layers - 1));
                double x = Uniform(bits) * Pairs[2 * layer], d = Math.Abs(x);
                // The wedge accepted the first draw exactly when the number is that draw's x.
                if (layer != 0 && layer != LeftBase && values[j] == x) counts[bin[layer] + (d < 0.5 * (Pairs[2 * layer + 1] + Math.Abs(Pairs[2 * layer])) ? 0 : 1)]++;
            }
        }

        AssertFrequency(slow, Draws, leaveRate, "leaving the fast path");
        // χ² with 39 degrees of freedom (mean 39, sd 8.8): P(χ² > 85) ≈ 3e-5.
        double chi2 = 0;
        for (int k = 0; k < counts.Length; k++) chi2 += (counts[k] - expected[k]) * (counts[k] - expected[k]) / expected[k];
        Assert.True(chi2 < 85, $"χ² = {chi2}, {counts.Sum()} wedge acceptances against {expected.Sum():F0} expected");
    }

    // ∫ₐᶜ (min(f, upperᵢ) − lowerᵢ)⁺ dd by composite Simpson on 200 panels (f is smooth on a layer; the error is far below
    // the counts' noise).
    private static double WedgeIntegral(bool left, int layer, double a, double c)
    {
        const int panels = 200;
        double h = (c - a) / panels, total = 0;
        for (int k = 0; k <= panels; k++)
        {
            double weight = k == 0 || k == panels ? 1 : k % 2 == 1 ? 4 : 2;
            total += weight * Math.Max(0, Math.Min(Density(left, a + k * h), Upper[layer]) - Lower[layer]);
        }

        return total * h / 3;
    }

    private static bool LeavesFastPath(ulong bits)
    {
        int layer = (int)(bits & (Layers - 1));
        return Math.Abs(Uniform(bits) * Pairs[2 * layer]) >= Pairs[2 * layer + 1];
    }

    private static double Uniform(ulong bits) => ((bits >> 11) + 0.5) / (1UL << 53);

    private static void AssertFrequency(long count, long n, double p, string what)
    {
        double frequency = count / (double)n;
        Assert.True(Math.Abs(frequency - p) <= 5 * Math.Sqrt(p * (1 - p) / n), $"P({what}) = {frequency} vs {p}");
    }

    // (first layer, end, left?, the side's mass).
    private static IEnumerable<(int First, int End, bool Left, double Mass)> Sides() =>
        [(0, LeftBase, false, 1 - Math.Exp(-1)), (LeftBase, Layers, true, Math.Exp(-1))];

    private static double Density(bool left, double d) => left ? Math.Exp(d - Math.Exp(d)) : Math.Exp(-d - Math.Exp(-d));

    // Beyond r: e^{−e^{r}} on the left; on the right 1 − exp(−s) with s = e^{−r}, by its series where s is small (no
    // cancellation).
    private static double TailMass(bool left, double r)
    {
        if (left) return Math.Exp(-Math.Exp(r));
        double s = Math.Exp(-r);
        return s < 1e-3 ? s * (1 - s / 2 * (1 - s / 3 * (1 - s / 4 * (1 - s / 5)))) : 1 - Math.Exp(-s);
    }
}
