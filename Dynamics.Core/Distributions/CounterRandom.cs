namespace Dynamics.Distributions;

/// <summary>
/// Counter-based random numbers: the number <c>counter</c> of stream <c>stream</c> under seed <c>seed</c> is a pure
/// function of the three integers, so a sample's noise is reproducible per (seed, index), can be read in any order, and
/// does not depend on threads, chunk sizes or what other samples drew. The generator is SplitMix64 (Steele, Lea &amp;
/// Flood 2014) addressed at random: the stream picks a starting state by hashing (seed, stream) and the counter walks the
/// Weyl sequence from there, each output passing through the SplitMix64 finaliser. Normals come from the Box–Muller
/// transform of two such uniforms (counter 2k and 2k + 1 give the cosine and sine normal of pair k).
/// </summary>
/// <remarks>
/// Dynamics.Core cannot see the solvers' sequential <c>GaussianSource</c>; diffusion samplers also need the k-th normal of
/// a sample without drawing the first k − 1, which a counter-based generator gives for free and allocation-free.
/// </remarks>
public static class CounterRandom
{
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>The 64 random bits number <paramref name="counter"/> of the stream.</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="stream">The stream, typically the sample index.</param>
    /// <param name="counter">The position in the stream.</param>
    /// <returns>Uniformly distributed bits.</returns>
    public static ulong Bits(ulong seed, ulong stream, ulong counter)
    {
        ulong start = Mix(Mix(seed ^ 0xD1B54A32D192ED03UL) + stream * 0xA0761D6478BD642FUL);
        return Mix(start + counter * Golden);
    }

    /// <summary>A uniform number in (0, 1) with 53 random bits (never exactly 0, so its logarithm is finite).</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="stream">The stream, typically the sample index.</param>
    /// <param name="counter">The position in the stream.</param>
    /// <returns>The uniform number.</returns>
    public static double Uniform(ulong seed, ulong stream, ulong counter) =>
        ((Bits(seed, stream, counter) >> 11) + 0.5) * (1.0 / (1UL << 53));

    /// <summary>
    /// The standard normal number <paramref name="index"/> of the stream: Box–Muller on the uniforms at counters
    /// 2⌊index/2⌋ + base and 2⌊index/2⌋ + 1 + base, taking the cosine branch for even indices and the sine for odd ones.
    /// Normal streams use counters from 2⁶² on, so they never reuse the uniforms of <see cref="Uniform"/> at small counters.
    /// </summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="stream">The stream, typically the sample index.</param>
    /// <param name="index">Which normal of the stream.</param>
    /// <returns>A standard normal number.</returns>
    public static double Normal(ulong seed, ulong stream, ulong index)
    {
        ulong pair = (index >> 1) * 2 + (1UL << 62);
        double u1 = Uniform(seed, stream, pair);
        double u2 = Uniform(seed, stream, pair + 1);
        double radius = Math.Sqrt(-2 * Math.Log(u1));
        double angle = 2 * Math.PI * u2;
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
            ulong pair = index + (1UL << 62);
            double radius = Math.Sqrt(-2 * Math.Log(Uniform(seed, stream, pair)));
            double angle = 2 * Math.PI * Uniform(seed, stream, pair + 1);
            normals[i] = radius * Math.Cos(angle);
            normals[i + 1] = radius * Math.Sin(angle);
        }

        if (i < normals.Length) normals[i] = Normal(seed, stream, index);
    }

    private static ulong Mix(ulong x)
    {
        x += Golden;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }
}
