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
    public static void ForEach<TKernel>(ref TKernel kernel, int count) where TKernel : struct, ILaneKernel, allows ref struct
    {
        int m = 0;
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
