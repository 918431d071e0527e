using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Numerics;

/// <summary>
/// Gumbel numbers without a logarithm: a two-sided ziggurat for f(g) = exp(−g − e^{−g}), 1,024 layers of equal area
/// split between the two sides of the mode (<see cref="GumbelZiggurat"/>). The draw at a counter takes its 64 bits: the
/// low 10 pick the layer (its width carries the sign of g), the top 53 the uniform u, and x = u·wᵢ is accepted at once
/// when |x| &lt; bᵢ — one 16-byte table load, one multiply, one compare, as for <see cref="Exponential(ulong, ulong)"/>.
/// The rest (wedges, both tails, rejections) continue on SplitMix64's stream seeded with the first draw's bits, so the
/// number is a pure function of (seed, counter) and exact in distribution.
/// </summary>
public static partial class CounterRandom
{
    /// <summary>
    /// A standard Gumbel number (CDF exp(−e^{−x}), mean γ_E, variance π²/6) at (<paramref name="seed"/>,
    /// <paramref name="counter"/>), drawn by a two-sided ziggurat that takes a logarithm only in its tails (G &gt; 9.2552 or
    /// G &lt; −2.3149: 1.4 draws in 10⁴); computed with <see cref="LaneMath"/>, so its bits are the same on every platform, and
    /// <see cref="FillGumbel"/> returns the same bits. Earlier versions of Dynamics drew −ln E of
    /// <see cref="Exponential(ulong, ulong)"/> here: the law is the same, the value at a counter is not.
    /// </summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="counter">The index of the number.</param>
    /// <returns>A draw from Gumbel(0, 1), within [−3.9, 47].</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Gumbel(ulong seed, ulong counter) => ZigguratOf<GumbelLayers>(Bits(seed, counter));

    /// <summary>
    /// Fills <paramref name="values"/> with the Gumbel numbers at counters first, first + stride, …: the same bits as
    /// <see cref="Gumbel(ulong, ulong)"/>, the fast path eight at a time where the hardware has 512-bit lanes.
    /// </summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="firstCounter">The counter of values[0].</param>
    /// <param name="stride">The counter step between neighbours (e.g. the number of categories).</param>
    /// <param name="values">Receives the Gumbel numbers.</param>
    public static void FillGumbel(ulong seed, ulong firstCounter, ulong stride, Span<double> values) =>
        FillZiggurat<GumbelLayers>(seed, firstCounter, stride, values);

    // Layer i's (signed width, inner bound) at 2i and 2i + 1 of GumbelZiggurat.Pairs.
    private readonly struct GumbelLayers : IZiggurat
    {
        public static double[] Table => GumbelZiggurat.Pairs;

        public static int PairShift => 1;

        public static double Beyond(ulong bits) => GumbelBeyondRectangle(bits);
    }

    // The exact rest of the ziggurat for a first draw outside its layer's inner rectangle, on SplitMix64's stream started
    // at the first draw's bits. Why it is exact: a layer is picked uniformly and the point (|x|, y) is uniform in its
    // rectangle; all layers have area v and together cover the region under f on both sides (the tails as parts of the
    // base layers), so a point accepted when it lies under f is uniform under f, and its abscissa has density f;
    // rejected points start over with fresh bits. In a base layer, |x| ≥ r happens with probability (v − r·f(r))/v =
    // T(r)/v, the tail's share, and the tail is then drawn exactly from its conditional law (GumbelTail).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static double GumbelBeyondRectangle(ulong bits)
    {
        double[] pairs = GumbelZiggurat.Pairs, lower = GumbelZiggurat.Lower, upper = GumbelZiggurat.Upper;
        ulong state = bits;
        while (true)
        {
            int layer = (int)(bits & LayerMask);
            double x = UnitInterval(bits) * pairs[2 * layer], d = Math.Abs(x);
            if (d < pairs[2 * layer + 1]) return x;
            if (layer == 0 || layer == GumbelZiggurat.LeftBase) return GumbelTail(layer != 0, ref state);
            double u = UnitInterval(Mix(state += Golden));
            double density = layer < GumbelZiggurat.LeftBase ? GumbelZiggurat.RightDensity(d) : GumbelZiggurat.LeftDensity(d);
            if (lower[layer] + u * (upper[layer] - lower[layer]) < density) return x;
            bits = Mix(state += Golden);
        }
    }

    // A Gumbel number beyond a tail start, exactly from the conditional law, continuing the stream at state.
    // Left, G < −r_L: for G ~ Gumbel, E = e^{−G} ~ Exp(1) (P(e^{−G} > t) = P(G < −ln t) = exp(−t)), and G < −r ⇔ E > e^{r}.
    // Given E > e^{r}, E − e^{r} ~ Exp(1) by memorylessness, so G = −ln(e^{r} + E′) with E′ = −ln u′.
    // Right, G > r_R: the density ∝ e^{−g}·exp(−e^{−g}) on g > r. Propose g = r + E′ (density e^{−(g − r)}) and accept
    // with probability exp(−e^{−g}) ≤ 1, the ratio of the two densities up to a constant: rejection sampling, exact;
    // it accepts with probability ≥ exp(−e^{−r}) > 0.9998.
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static double GumbelTail(bool left, ref ulong state)
    {
        if (left) return -LaneMath.LogOfNormal(GumbelZiggurat.ExpLeftTail - LaneMath.LogOfNormal(UnitInterval(Mix(state += Golden))));
        while (true)
        {
            double g = GumbelZiggurat.RightTail - LaneMath.LogOfNormal(UnitInterval(Mix(state += Golden)));
            if (UnitInterval(Mix(state += Golden)) < LaneMath.ExpOfModerate(-LaneMath.ExpOfModerate(-g))) return g;
        }
    }
}
