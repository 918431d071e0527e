using System.Runtime.Intrinsics;
using Dynamics.Simd;

namespace Dynamics.Tests.Core.Simd;

/// <summary>The lane loops visit every member once, at the widths they promise, and a pair splits into its two halves in order.</summary>
public class LanesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(16)]
    [InlineData(29)]  // 16 + 8 + 4 + 1 with AVX-512: every width once
    [InlineData(512)]
    [InlineData(1003)]
    public void ForEachPaired_visits_every_member_once_with_pairs_first(int count)
    {
        var visits = new int[count];
        var widths = new int[count];
        var kernel = new RecordingKernel(visits, widths);
        Lanes.ForEachPaired(ref kernel, count);
        Assert.All(visits, v => Assert.Equal(1, v));
        int pairs = Lane512Pair.IsHardwareAccelerated ? count / 16 * 16 : 0;
        for (int m = 0; m < count; m++)
        {
            if (m < pairs) Assert.Equal(16, widths[m]);
            else Assert.NotEqual(16, widths[m]);
        }

        // The remainder after the pairs is what ForEach does from there: the widest width first.
        if (Lane512.IsHardwareAccelerated && count - pairs >= 8) Assert.Equal(8, widths[pairs]);
    }

    [Fact]
    public void Halves_of_a_pair_are_lanes_0_to_7_and_8_to_15()
    {
        if (!Lane512Pair.IsHardwareAccelerated) return;
        double[] values = [.. Enumerable.Range(0, 16).Select(i => i + 0.5)];
        var (low, high) = Lane512Pair.Load(values, 0).Halves;
        Assert.Equal(Vector512.Create(values.AsSpan(0, 8)), low);
        Assert.Equal(Vector512.Create(values.AsSpan(8, 8)), high);
    }

    private readonly ref struct RecordingKernel(int[] visits, int[] widths) : ILaneKernel
    {
        private readonly int[] _visits = visits, _widths = widths;

        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane>
        {
            for (int i = 0; i < TLane.Count; i++)
            {
                _visits[offset + i]++;
                _widths[offset + i] = TLane.Count;
            }
        }
    }
}
