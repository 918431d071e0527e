using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dynamics.Simd;

namespace Dynamics.Numerics;

/// <summary>
/// Exponential numbers without a logarithm: Marsaglia &amp; Tsang's ziggurat (J. Stat. Softw. 5(8), 2000) for e^{−x}
/// with 256 layers of equal area v = (r + 1)e^{−r}, r = 7.69711747013105. The draw at a counter takes its 64 bits: the
/// low 8 pick the layer i, the top 53 the uniform u ∈ (0, 1), and x = u·xᵢ is accepted at once when x &lt; xᵢ₊₁ (97.8 %
/// of draws: one table look-up, one multiply, one compare). The rest — the layers' wedges (a uniform height against
/// e^{−x}), the tail beyond r (r − ln u′, exact by the memorylessness of the exponential) and the 1.1 % of draws that
/// are rejected and drawn again — continue on SplitMix64's stream seeded with the first draw's bits, so the number is
/// still a pure function of (seed, counter) and exact in distribution. The vectorised fill and the scalar function
/// run the same operations, so they return the same bits.
/// </summary>
public static partial class CounterRandom
{
    private const int Layers = 256;
    private const ulong LayerMask = Layers - 1;
    private const double ZigguratTail = 7.69711747013105;  // r = x₁: the layers close at x₂₅₆ = 0 to 1e-14

    // x₀ = v/e^{−r} = r + 1 (the base layer's virtual width), x₁ = r, e^{−xᵢ₊₁} = e^{−xᵢ} + v/xᵢ, x₂₅₆ = 0; and e^{−xᵢ}.
    // Built with LaneMath (its exp and log are the same bits on every machine), so the tables, and every number drawn
    // through them, do not depend on the platform's libm.
    private static readonly double[] LayerWidth = BuildLayerWidths();
    private static readonly double[] LayerHeight = [.. LayerWidth.Select(x => LaneMath.ExpOfModerate(-x))];

    /// <summary>
    /// A standard exponential number E (density e^{−x} on x &gt; 0: mean 1, variance 1) at (<paramref name="seed"/>,
    /// <paramref name="counter"/>), drawn by the ziggurat without a logarithm for 97.8 % of counters. It is positive and
    /// below 46, and <see cref="Gumbel(ulong, ulong)"/> is −ln E.
    /// </summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="counter">The index of the number.</param>
    /// <returns>A draw from Exp(1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Exponential(ulong seed, ulong counter)
    {
        ulong bits = Bits(seed, counter);
        int layer = (int)(bits & LayerMask);
        double x = (((bits >> 11) + 0.5) * TwoToMinus53) * LayerWidth[layer];
        return x < LayerWidth[layer + 1] ? x : ExponentialBeyondRectangle(bits);
    }

    /// <summary>
    /// Fills <paramref name="values"/> with the exponential numbers at counters first, first + stride, …: the same bits as
    /// <see cref="Exponential(ulong, ulong)"/>, the fast path eight at a time where the hardware has 512-bit lanes.
    /// </summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="firstCounter">The counter of values[0].</param>
    /// <param name="stride">The counter step between neighbours (e.g. the number of categories).</param>
    /// <param name="values">Receives the exponential numbers.</param>
    public static void FillExponential(ulong seed, ulong firstCounter, ulong stride, Span<double> values)
    {
        int i = 0;
        ref double target = ref MemoryMarshal.GetReference(values);
        if (Vector512.IsHardwareAccelerated && values.Length >= 8)
        {
            ref double width = ref MemoryMarshal.GetArrayDataReference(LayerWidth);
            Span<ulong> lanes = stackalloc ulong[8];
            ref ulong lane = ref MemoryMarshal.GetReference(lanes);
            var counters = Vector512.Create(firstCounter) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7) * Vector512.Create(stride);
            var step = Vector512.Create(8 * stride);
            var keys = Vector512.Create(Key(seed));
            var golden = Vector512.Create(Golden);
            for (; i <= values.Length - 8; i += 8)
            {
                var bits = Mix(keys + counters * golden);
                bits.StoreUnsafe(ref lane);
                var u = (Vector512.ConvertToDouble(bits >>> 11) + Vector512.Create(0.5)) * Vector512.Create(TwoToMinus53);

                // Each lane's (xᵢ, xᵢ₊₁) is one 16-byte load; two unpacks per pair of lanes sort them into widths and bounds.
                var (w01, n01) = LayerPair(ref width, lane, Unsafe.Add(ref lane, 1));
                var (w23, n23) = LayerPair(ref width, Unsafe.Add(ref lane, 2), Unsafe.Add(ref lane, 3));
                var (w45, n45) = LayerPair(ref width, Unsafe.Add(ref lane, 4), Unsafe.Add(ref lane, 5));
                var (w67, n67) = LayerPair(ref width, Unsafe.Add(ref lane, 6), Unsafe.Add(ref lane, 7));
                var x = u * Vector512.Create(Vector256.Create(w01, w23), Vector256.Create(w45, w67));
                var bound = Vector512.Create(Vector256.Create(n01, n23), Vector256.Create(n45, n67));
                x.StoreUnsafe(ref target, (nuint)i);
                uint rejected = (uint)Vector512.GreaterThanOrEqual(x, bound).ExtractMostSignificantBits();
                for (; rejected != 0; rejected &= rejected - 1)
                {
                    int k = BitOperations.TrailingZeroCount(rejected);
                    Unsafe.Add(ref target, i + k) = ExponentialBeyondRectangle(Unsafe.Add(ref lane, k));
                }

                counters += step;
            }
        }

        for (; i < values.Length; i++) Unsafe.Add(ref target, i) = Exponential(seed, firstCounter + (ulong)i * stride);
    }

    // The widths and inner bounds (xᵢ, xᵢ₊₁) of two lanes' layers, as ([x_a, x_b], [x_a+1, x_b+1]).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector128<double> Width, Vector128<double> Bound) LayerPair(ref double width, ulong a, ulong b)
    {
        var pa = Vector128.LoadUnsafe(ref width, (nuint)(a & LayerMask));
        var pb = Vector128.LoadUnsafe(ref width, (nuint)(b & LayerMask));
        return (Sse2.UnpackLow(pa, pb), Sse2.UnpackHigh(pa, pb));
    }

    // The exact rest of the ziggurat for a first draw outside its layer's inner rectangle. Further numbers come from
    // SplitMix64's stream started at the first draw's bits (a fresh state per counter, one mix per number).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double ExponentialBeyondRectangle(ulong bits)
    {
        ulong state = bits;
        while (true)
        {
            int layer = (int)(bits & LayerMask);
            double x = (((bits >> 11) + 0.5) * TwoToMinus53) * LayerWidth[layer];
            if (x < LayerWidth[layer + 1]) return x;
            double u = ((Mix(state += Golden) >> 11) + 0.5) * TwoToMinus53;
            if (layer == 0) return ZigguratTail - LaneMath.LogOfNormal(u);
            if (LayerHeight[layer] + u * (LayerHeight[layer + 1] - LayerHeight[layer]) < LaneMath.ExpOfModerate(-x)) return x;
            bits = Mix(state += Golden);
        }
    }

    private static double[] BuildLayerWidths()
    {
        double r = ZigguratTail, area = (r + 1) * LaneMath.ExpOfModerate(-r);
        var x = new double[Layers + 1];
        x[0] = r + 1;
        x[1] = r;
        for (int i = 1; i < Layers - 1; i++) x[i + 1] = -LaneMath.LogOfNormal(LaneMath.ExpOfModerate(-x[i]) + area / x[i]);
        x[Layers] = 0;
        return x;
    }
}
