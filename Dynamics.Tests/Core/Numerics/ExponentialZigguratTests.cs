using Dynamics.Numerics;

namespace Dynamics.Tests.Core.Numerics;

/// <summary>The ziggurat's exponential numbers: the vectorised fill against the scalar function, and the law Exp(1).</summary>
public class ExponentialZigguratTests
{
    private const ulong Seed = 20261204;
    private const double Tail = 9.256164544265545;  // x₁ = r, where the ziggurat's tail begins

    [Fact]
    public void FillExponential_matches_the_scalar_function_at_every_length_and_stride()
    {
        int slow = 0;
        foreach (int length in Enumerable.Range(0, 65).Append(8195))
        {
            foreach (ulong stride in new ulong[] { 1, 10 })
            {
                var values = new double[length];
                ulong first = 123 + 100_000 * (ulong)length;  // fresh counters per case, so the draws are distinct
                CounterRandom.FillExponential(Seed, first, stride, values);
                for (int i = 0; i < length; i++)
                {
                    double expected = CounterRandom.Exponential(Seed, first + (ulong)i * stride);
                    Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(values[i]));
                    if ((CounterRandom.Bits(Seed, first + (ulong)i * stride) & 1023) == 1023) slow++;
                }
            }
        }

        // The top layer (low ten bits 1023) has no inner rectangle (x₁₀₂₄ = 0), so its draws always leave the fast path:
        // the comparison covered lanes finished by the scalar fallback inside a vector (about 20 of these 20,550 draws).
        Assert.True(slow > 0);
    }

    [Fact]
    public void Exponential_numbers_have_mean_one_variance_one_and_tail_e_to_the_minus_x()
    {
        // 2²³ draws through the vectorised fill (bitwise the scalar function, as tested above).
        const int n = 1 << 23, chunk = 1 << 16;
        double[] thresholds = [0.01, 0.1, 0.5, 1, 2, 3, 5, 8, Tail, 10];
        var above = new long[thresholds.Length];
        var values = new double[chunk];
        double sum = 0, sum2 = 0, tailExcess = 0;
        long tailCount = 0;
        for (int c = 0; c < n / chunk; c++)
        {
            CounterRandom.FillExponential(Seed, (ulong)c * chunk, 1, values);
            foreach (double e in values)
            {
                Assert.True(e > 0 && e < 47, $"E = {e}");
                sum += e;
                sum2 += e * e;
                for (int t = 0; t < thresholds.Length; t++) if (e > thresholds[t]) above[t]++;
                if (e > Tail)
                {
                    tailExcess += e - Tail;
                    tailCount++;
                }
            }
        }

        double mean = sum / n, variance = (sum2 - n * mean * mean) / (n - 1);
        // 5 standard errors: the mean's is σ/√n = 3.5e-4; the variance's √((μ₄ − σ⁴)/n) with μ₄ = 9 for Exp(1), 9.8e-4.
        Assert.Equal(1, mean, 5 / Math.Sqrt(n));
        Assert.Equal(1, variance, 5 * Math.Sqrt(8.0 / n));
        for (int t = 0; t < thresholds.Length; t++)
        {
            // P(E > x) = e^{−x}, binomial standard error √(p(1 − p)/n); 5.5 SE leaves room for the ten comparisons.
            double p = Math.Exp(-thresholds[t]), frequency = above[t] / (double)n;
            Assert.True(Math.Abs(frequency - p) <= 5.5 * Math.Sqrt(p * (1 - p) / n), $"P(E > {thresholds[t]}) = {frequency} vs {p}");
        }

        // Beyond r the ziggurat draws r − ln u′: memorylessness says E − r given E > r is again Exp(1), mean 1
        // (≈ 800 draws here, standard error 1/√count ≈ 0.035).
        Assert.Equal(1, tailExcess / tailCount, 5 / Math.Sqrt(tailCount));
    }
}
