using System.Runtime.CompilerServices;

namespace Dynamics.Simd;

/// <summary>Runs an <see cref="ILaneKernel"/> over members 0 … count − 1 at the widest width the hardware runs natively.</summary>
public static class Lanes
{
    /// <summary>
    /// The number of doubles in the widest accelerated lane: 8 with AVX-512, 4 with AVX2, otherwise 1.
    /// </summary>
    public static int Width => Lane512.IsHardwareAccelerated ? Lane512.Count : Lane256.IsHardwareAccelerated ? Lane256.Count : 1;

    /// <summary>
    /// Calls the kernel for groups of 8 members (<see cref="Lane512"/>, when AVX-512 is available), then groups of 4
    /// (<see cref="Lane256"/>), then single members (<see cref="ScalarLane"/>), so every remainder is covered.
    /// </summary>
    /// <typeparam name="TKernel">The loop body (a struct, so it is specialised and inlined).</typeparam>
    /// <param name="kernel">The loop body.</param>
    /// <param name="count">The number of members.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForEach<TKernel>(ref TKernel kernel, int count) where TKernel : struct, ILaneKernel, allows ref struct =>
        ForEachFrom(ref kernel, 0, count);

    /// <summary>
    /// As <see cref="ForEach{TKernel}"/>, but groups of 16 members (<see cref="Lane512Pair"/>, two independent chains of
    /// eight lanes) come first: for a latency-bound body, such as one whose logarithms and exponentials are long chains
    /// of fused multiply-adds, that the core can overlap.
    /// </summary>
    /// <typeparam name="TKernel">The loop body (a struct, so it is specialised).</typeparam>
    /// <param name="kernel">The loop body.</param>
    /// <param name="count">The number of members.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void ForEachPaired<TKernel>(ref TKernel kernel, int count) where TKernel : struct, ILaneKernel, allows ref struct
    {
        int m = 0;
        if (Lane512Pair.IsHardwareAccelerated)
        {
            for (; m <= count - Lane512Pair.Count; m += Lane512Pair.Count) kernel.Execute<Lane512Pair>(m);
        }

        ForEachFrom(ref kernel, m, count);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ForEachFrom<TKernel>(ref TKernel kernel, int m, int count) where TKernel : struct, ILaneKernel, allows ref struct
    {
        if (Lane512.IsHardwareAccelerated)
        {
            for (; m <= count - 8; m += 8) kernel.Execute<Lane512>(m);
        }

        if (Lane256.IsHardwareAccelerated)
        {
            for (; m <= count - 4; m += 4) kernel.Execute<Lane256>(m);
        }

        for (; m < count; m++) kernel.Execute<ScalarLane>(m);
    }
}
