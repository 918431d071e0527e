namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// A reproducible stream of standard normal numbers: xoshiro256** (Blackman &amp; Vigna 2018) seeded through SplitMix64
/// from a (seed, stream) pair, with Marsaglia's polar method for the normals. Every trajectory of an SDE ensemble owns
/// the stream numbered by its index, so its noise does not depend on which thread runs it or in what order, and the
/// same seed reproduces the same numbers on every platform. Not thread-safe: one source per trajectory.
/// </summary>
public sealed class GaussianSource
{
    private ulong _s0, _s1, _s2, _s3;
    private double _spare;
    private bool _hasSpare;

    /// <summary>Creates the stream <paramref name="stream"/> of generator <paramref name="seed"/>.</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="stream">The stream number, e.g. the trajectory index.</param>
    public GaussianSource(ulong seed, ulong stream = 0)
    {
        // Two SplitMix64 passes decorrelate neighbouring (seed, stream) pairs before they fill the 256-bit state.
        ulong mix = SplitMix(seed ^ 0x9E3779B97F4A7C15UL) ^ SplitMix(stream + 0xD1B54A32D192ED03UL);
        _s0 = SplitMix(ref mix);
        _s1 = SplitMix(ref mix);
        _s2 = SplitMix(ref mix);
        _s3 = SplitMix(ref mix);
    }

    /// <summary>The next 64 random bits.</summary>
    /// <returns>A uniformly distributed 64-bit integer.</returns>
    public ulong NextBits()
    {
        ulong result = RotateLeft(_s1 * 5, 7) * 9;
        ulong t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A uniform number in [0, 1) with 53 random bits.</summary>
    /// <returns>The number.</returns>
    public double NextUniform() => (NextBits() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A standard normal number (mean 0, variance 1).</summary>
    /// <returns>The number.</returns>
    public double NextGaussian()
    {
        if (_hasSpare)
        {
            _hasSpare = false;
            return _spare;
        }

        double u, v, s;
        do
        {
            u = 2 * NextUniform() - 1;
            v = 2 * NextUniform() - 1;
            s = u * u + v * v;
        }
        while (s >= 1 || s == 0);
        double factor = Math.Sqrt(-2 * Math.Log(s) / s);
        _spare = v * factor;
        _hasSpare = true;
        return u * factor;
    }

    /// <summary>Fills <paramref name="values"/> with standard normal numbers.</summary>
    /// <param name="values">Receives the numbers.</param>
    public void Fill(Span<double> values)
    {
        for (int i = 0; i < values.Length; i++) values[i] = NextGaussian();
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));

    private static ulong SplitMix(ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9UL;
        x = (x ^ (x >> 27)) * 0x94D049BB133111EBUL;
        return x ^ (x >> 31);
    }

    private static ulong SplitMix(ref ulong state)
    {
        ulong value = SplitMix(state);
        state += 0x9E3779B97F4A7C15UL;
        return value;
    }
}
