using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Dynamics.Simd;

namespace Dynamics.Numerics;

/// <summary>
/// Counter-based random numbers: every number is a pure function of its address, so a Monte Carlo sample, a batch member
/// or an iteration reads its own numbers by index, whatever thread computes it and in whatever order, allocation-free.
/// Two address families share one mixer (SplitMix64's finaliser, Steele, Lea &amp; Flood 2014):
/// <list type="bullet">
/// <item>(seed, counter): the output function applied to key(seed) + counter·φ·2⁶⁴ — the estimators' flat index
/// (sample · categories + category), with vectorised <see cref="FillUniform"/>, <see cref="FillExponential"/> and
/// <see cref="FillGumbel"/> that return the same bits as their scalar functions;</item>
/// <item>(seed, stream, counter): a stream (typically a sample index) picks a starting state by hashing (seed, stream) and
/// the counter walks the Weyl sequence from there — a diffusion sample's k-th normal without drawing the first k − 1.
/// Its normals use both Box–Muller branches and live at counters from 2⁶², apart from its uniforms.</item>
/// </list>
/// This is the stateless cousin of <c>Dynamics.Solvers.Stochastic.GaussianSource</c> (whose xoshiro stream suits a long
/// sequential path); it lives in Core so models can draw reproducibly without a solver.
/// </summary>
public static partial class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;
    private const ulong Mix1 = 0xBF58476D1CE4E5B9UL;
    private const ulong Mix2 = 0x94D049BB133111EBUL;
    private const double TwoToMinus53 = 1.0 / (1UL << 53);
    private const ulong NormalBase = 1UL << 62;

    /// <summary>64 random bits at (<paramref name="seed"/>, <paramref name="counter"/>).</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="counter">The index of the number, e.g. sample · categories + category.</param>
    /// <returns>A uniformly distributed 64-bit integer.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(ulong seed, ulong counter) => Mix(Key(seed) + counter * Golden);

    /// <summary>
    /// A uniform number in the open interval (0, 1): (⌊b/2¹¹⌋ + ½)·2⁻⁵³, so it lies in [2⁻⁵⁴, 1 − 2⁻⁵⁴] and both ln u
    /// and ln(−ln u) are finite without the clamps Su's code needs (−log(u + 1e-7)).
    /// </summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="counter">The index of the number.</param>
    /// <returns>u ∈ (0, 1).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Uniform(ulong seed, ulong counter) => UnitInterval(Bits(seed, counter));

    /// <summary>
    /// A standard normal number by Box–Muller from the uniforms at counters 2c and 2c + 1:
    /// √(−2 ln u₁)·cos(2π u₂). One normal per counter (the sine partner is dropped) keeps the map from index to number simple.
    /// </summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="counter">The index c of the normal number.</param>
    /// <returns>A draw from N(0, 1).</returns>
    public static double Normal(ulong seed, ulong counter)
    {
        double u1 = Uniform(seed, 2 * counter), u2 = Uniform(seed, 2 * counter + 1);
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>
    /// Fills <paramref name="values"/> with the uniforms at counters first, first + stride, first + 2·stride, …: the same
    /// numbers as <see cref="Uniform(ulong, ulong)"/>, eight or four at a time where the hardware has 512- or 256-bit integer lanes.
    /// </summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="firstCounter">The counter of values[0].</param>
    /// <param name="stride">The counter step between neighbours (e.g. the number of categories).</param>
    /// <param name="values">Receives the uniforms.</param>
    public static void FillUniform(ulong seed, ulong firstCounter, ulong stride, Span<double> values)
    {
        ref ulong source = ref MemoryMarshal.GetReference(BitsInPlace(seed, firstCounter, stride, values));
        ref double target = ref MemoryMarshal.GetReference(values);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= values.Length - 8; i += 8) UnitInterval(Vector512.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }
        else if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= values.Length - 4; i += 4) UnitInterval(Vector256.LoadUnsafe(ref source, (nuint)i)).StoreUnsafe(ref target, (nuint)i);
        }

        for (; i < values.Length; i++) Unsafe.Add(ref target, i) = UnitInterval(Unsafe.Add(ref source, i));
    }

    // (⌊b/2¹¹⌋ + ½)·2⁻⁵³: the uniform number of 64 random bits, in one lane, four or eight.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double UnitInterval(ulong bits) => ((bits >> 11) + 0.5) * TwoToMinus53;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<double> UnitInterval(Vector256<ulong> bits) =>
        (Vector256.ConvertToDouble(bits >>> 11) + Vector256.Create(0.5)) * Vector256.Create(TwoToMinus53);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> UnitInterval(Vector512<ulong> bits) =>
        (Vector512.ConvertToDouble(bits >>> 11) + Vector512.Create(0.5)) * Vector512.Create(TwoToMinus53);

    // Writes the bits at counters first, first + stride, … over values (a fill then converts them in place) and returns
    // the same memory as bits.
    private static Span<ulong> BitsInPlace(ulong seed, ulong firstCounter, ulong stride, Span<double> values)
    {
        var bits = MemoryMarshal.Cast<double, ulong>(values);
        FillBits(seed, firstCounter, stride, bits);
        return bits;
    }

    // bits[i] = Bits(seed, firstCounter + i·stride), eight or four at a time where the hardware has 512- or 256-bit lanes.
    private static void FillBits(ulong seed, ulong firstCounter, ulong stride, Span<ulong> bits)
    {
        ulong key = Key(seed);
        int i = 0;
        ref ulong target = ref MemoryMarshal.GetReference(bits);
        if (Vector512.IsHardwareAccelerated && bits.Length >= 8)
        {
            // key + counter·φ advanced by 8·stride·φ per step (the same sums modulo 2⁶⁴): no 64-bit multiply in the loop.
            var states = Vector512.Create(key) + (Vector512.Create(firstCounter) + Vector512.Create(0UL, 1, 2, 3, 4, 5, 6, 7) * Vector512.Create(stride)) * Vector512.Create(Golden);
            var step = Vector512.Create(8 * stride * Golden);
            for (; i <= bits.Length - 8; i += 8)
            {
                Mix(states).StoreUnsafe(ref target, (nuint)i);
                states += step;
            }
        }
        else if (Vector256.IsHardwareAccelerated && bits.Length >= 4)
        {
            var states = Vector256.Create(key) + (Vector256.Create(firstCounter) + Vector256.Create(0UL, 1, 2, 3) * Vector256.Create(stride)) * Vector256.Create(Golden);
            var step = Vector256.Create(4 * stride * Golden);
            for (; i <= bits.Length - 4; i += 4)
            {
                Mix(states).StoreUnsafe(ref target, (nuint)i);
                states += step;
            }
        }

        for (; i < bits.Length; i++) Unsafe.Add(ref target, i) = Mix(key + (firstCounter + (ulong)i * stride) * Golden);
    }

    /// <summary>The 64 random bits number <paramref name="counter"/> of stream <paramref name="stream"/>.</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="stream">The stream, typically the sample index.</param>
    /// <param name="counter">The position in the stream.</param>
    /// <returns>Uniformly distributed bits.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Bits(ulong seed, ulong stream, ulong counter)
    {
        // Each step adds φ·2⁶⁴ before the finaliser (SplitMix64's next()); the stream hash is a second such step.
        ulong start = Mix(Mix((seed ^ 0xD1B54A32D192ED03UL) + Golden) + stream * 0xA0761D6478BD642FUL + Golden);
        return Mix(start + counter * Golden + Golden);
    }

    /// <summary>A uniform number in (0, 1) with 53 random bits (never exactly 0, so its logarithm is finite).</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="stream">The stream, typically the sample index.</param>
    /// <param name="counter">The position in the stream.</param>
    /// <returns>The uniform number.</returns>
    public static double Uniform(ulong seed, ulong stream, ulong counter) => UnitInterval(Bits(seed, stream, counter));

    /// <summary>
    /// The standard normal number <paramref name="index"/> of the stream: Box–Muller on the uniforms at counters
    /// 2⌊index/2⌋ + 2⁶² and 2⌊index/2⌋ + 1 + 2⁶², taking the cosine branch for even indices and the sine for odd ones, so
    /// normal streams never reuse the uniforms of <see cref="Uniform(ulong, ulong, ulong)"/> at small counters.
    /// </summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="stream">The stream, typically the sample index.</param>
    /// <param name="index">Which normal of the stream.</param>
    /// <returns>A standard normal number.</returns>
    public static double Normal(ulong seed, ulong stream, ulong index)
    {
        ulong pair = (index >> 1) * 2 + NormalBase;
        double radius = Math.Sqrt(-2 * Math.Log(Uniform(seed, stream, pair)));
        double angle = 2 * Math.PI * Uniform(seed, stream, pair + 1);
        return (index & 1) == 0 ? radius * Math.Cos(angle) : radius * Math.Sin(angle);
    }

    /// <summary>Fills <paramref name="normals"/> with the normals <paramref name="firstIndex"/>, +1, … of the stream.</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="stream">The stream, typically the sample index.</param>
    /// <param name="firstIndex">The index of the first normal.</param>
    /// <param name="normals">Receives the normals.</param>
    public static void FillNormal(ulong seed, ulong stream, ulong firstIndex, Span<double> normals)
    {
        int i = 0;
        ulong index = firstIndex;
        if ((index & 1) == 1 && normals.Length > 0) normals[i++] = Normal(seed, stream, index++);
        for (; i + 1 < normals.Length; i += 2, index += 2)
        {
            ulong pair = index + NormalBase;
            double radius = Math.Sqrt(-2 * Math.Log(Uniform(seed, stream, pair)));
            double angle = 2 * Math.PI * Uniform(seed, stream, pair + 1);
            normals[i] = radius * Math.Cos(angle);
            normals[i + 1] = radius * Math.Sin(angle);
        }

        if (i < normals.Length) normals[i] = Normal(seed, stream, index);
    }

    // SplitMix64's seeding step: neighbouring seeds get unrelated keys, so their counter sequences do not overlap in practice.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Key(ulong seed) => Mix(seed ^ 0xD1B54A32D192ED03UL);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * Mix1;
        x = (x ^ (x >> 27)) * Mix2;
        return x ^ (x >> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<ulong> Mix(Vector512<ulong> x)
    {
        x = (x ^ (x >>> 30)) * Vector512.Create(Mix1);
        x = (x ^ (x >>> 27)) * Vector512.Create(Mix2);
        return x ^ (x >>> 31);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<ulong> Mix(Vector256<ulong> x)
    {
        x = (x ^ (x >>> 30)) * Vector256.Create(Mix1);
        x = (x ^ (x >>> 27)) * Vector256.Create(Mix2);
        return x ^ (x >>> 31);
    }
}
