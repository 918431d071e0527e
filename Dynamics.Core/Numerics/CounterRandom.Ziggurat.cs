using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dynamics.Numerics;

/// <summary>The vectorised fill shared by the 1,024-layer ziggurats (<see cref="FillExponential"/>, <see cref="FillGumbel"/>).</summary>
public static partial class CounterRandom
{
    private const int Layers = 1024;
    private const ulong LayerMask = Layers - 1;

    // A ziggurat's draw from 64 bits: the low 10 pick the layer i, whose (width wᵢ, inner bound bᵢ) are two neighbouring
    // doubles of Table at i·2^PairShift; the top 53 give u; x = u·wᵢ is the number when |x| < bᵢ (the fast path), and
    // Beyond(bits) finishes every other draw exactly.
    private interface IZiggurat
    {
        static abstract double[] Table { get; }

        static abstract int PairShift { get; }

        static abstract double Beyond(ulong bits);
    }

    // The fast path of one draw, the same operations as a lane of FillZiggurat.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double ZigguratOf<TZiggurat>(ulong bits) where TZiggurat : IZiggurat
    {
        int at = (int)(bits & LayerMask) << TZiggurat.PairShift;
        double x = UnitInterval(bits) * TZiggurat.Table[at];
        return Math.Abs(x) < TZiggurat.Table[at + 1] ? x : TZiggurat.Beyond(bits);
    }

    // values[i] = the draw at counter first + i·stride: the same bits as ZigguratOf, the fast path eight at a time where
    // the hardware has 512-bit lanes.
    private static void FillZiggurat<TZiggurat>(ulong seed, ulong firstCounter, ulong stride, Span<double> values) where TZiggurat : IZiggurat
    {
        // Two passes: the hash writes every draw's bits into the output, then the ziggurat reads them back. Reading a
        // lane's layer from a vector just stored stalled on store-to-load forwarding (2.8–6.5 ns per draw in one pass).
        ref ulong source = ref MemoryMarshal.GetReference(BitsInPlace(seed, firstCounter, stride, values));
        ref double target = ref MemoryMarshal.GetReference(values);
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            ref double table = ref MemoryMarshal.GetArrayDataReference(TZiggurat.Table);
            var evens = Vector512.Create(0L, 2, 4, 6, 8, 10, 12, 14);
            var odds = evens + Vector512<long>.One;
            for (; i <= values.Length - 8; i += 8)
            {
                var raw = Vector512.LoadUnsafe(ref source, (nuint)i);
                // Each lane's (wᵢ, bᵢ) is one 16-byte load; two permutes sort the eight pairs into widths and bounds.
                var low = LayerPairs<TZiggurat>(ref table, ref Unsafe.Add(ref source, i));
                var high = LayerPairs<TZiggurat>(ref table, ref Unsafe.Add(ref source, i + 4));
                var x = UnitInterval(raw) * Avx512F.PermuteVar8x64x2(low, evens, high);
                x.StoreUnsafe(ref target, (nuint)i);
                uint rejected = (uint)Vector512.GreaterThanOrEqual(Vector512.Abs(x), Avx512F.PermuteVar8x64x2(low, odds, high)).ExtractMostSignificantBits();
                for (; rejected != 0; rejected &= rejected - 1)
                {
                    int k = BitOperations.TrailingZeroCount(rejected);
                    Unsafe.Add(ref target, i + k) = TZiggurat.Beyond(raw.GetElement(k));
                }
            }
        }

        for (; i < values.Length; i++) Unsafe.Add(ref target, i) = ZigguratOf<TZiggurat>(Unsafe.Add(ref source, i));
    }

    // (wᵢ, bᵢ) of the layers of four draws, as [w_a, b_a, w_b, b_b, …]. Built by widening and inserting: the JIT lowered
    // Vector512.Create(ymm, ymm) as inserts into the previous iteration's register, spilled across iterations.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> LayerPairs<TZiggurat>(ref double table, ref ulong bits) where TZiggurat : IZiggurat
    {
        var ab = LayerPair<TZiggurat>(ref table, bits).ToVector256Unsafe().WithUpper(LayerPair<TZiggurat>(ref table, Unsafe.Add(ref bits, 1)));
        var cd = LayerPair<TZiggurat>(ref table, Unsafe.Add(ref bits, 2)).ToVector256Unsafe().WithUpper(LayerPair<TZiggurat>(ref table, Unsafe.Add(ref bits, 3)));
        return ab.ToVector512Unsafe().WithUpper(cd);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector128<double> LayerPair<TZiggurat>(ref double table, ulong bits) where TZiggurat : IZiggurat =>
        Vector128.LoadUnsafe(ref table, (nuint)(bits & LayerMask) << TZiggurat.PairShift);
}
