using Dynamics.Numerics;

namespace Dynamics.Tests.Core.Numerics;

public class CounterRandomTests
{
    // The bits the two former generators (Dynamics.Numerics 2-argument, Dynamics.Distributions 3-argument) produced before
    // they were merged, computed independently from their SplitMix64 definitions: the merge must not move any number.
    [Theory]
    [InlineData(0UL, 0UL, 0UL, 0x59b51f71b30beff7UL)]
    [InlineData(7UL, 3UL, 5UL, 0xda3b580978cb2695UL)]
    [InlineData(123456789UL, 1UL << 40, (1UL << 62) + 1, 0xf676b3322d462d38UL)]
    public void Stream_addressed_bits_are_those_of_the_former_three_argument_generator(ulong seed, ulong stream, ulong counter, ulong expected) =>
        Assert.Equal(expected, CounterRandom.Bits(seed, stream, counter));

    [Theory]
    [InlineData(0UL, 0UL, 0x4e96155e5f0a1c3fUL)]
    [InlineData(7UL, 5UL, 0x0ad7fbf0bc9a45caUL)]
    [InlineData(123456789UL, 1UL << 40, 0x4e89f94f56bafbcbUL)]
    public void Flat_addressed_bits_are_those_of_the_former_two_argument_generator(ulong seed, ulong counter, ulong expected) =>
        Assert.Equal(expected, CounterRandom.Bits(seed, counter));

    [Fact]
    public void FillNormal_reads_the_same_normals_as_single_draws_from_any_start()
    {
        var normals = new double[7];
        for (ulong first = 0; first < 4; first++)
        {
            CounterRandom.FillNormal(11, 3, first, normals);
            for (int i = 0; i < normals.Length; i++) Assert.Equal(CounterRandom.Normal(11, 3, first + (ulong)i), normals[i]);
        }
    }
}
