using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace Dynamics.Benchmarks;

/// <summary>
/// The reference kernel for workload (a): Lorenz RK4 written by hand for this one problem with <see cref="Vector512{T}"/>
/// and fused multiply-adds, in the loop order of a C++ structure-of-arrays kernel: for each step, eight registers of
/// members are advanced one after another (independent chains the processor overlaps), their states kept in L1; threads
/// over blocks. It is measured in the same run as the library so that the ratio survives a noisy machine. Not a library
/// path: it knows nothing but Lorenz with σ = 10, ρ = 28, β = 8/3.
/// </summary>
internal static class HandWrittenLorenzRk4
{
    private const int Groups = 8, Block = 8 * Groups;

    public static double[] Solve(double[] initialStates, int count, double h, int steps, int maxDegreeOfParallelism = -1)
    {
        var y = (double[])initialStates.Clone();
        // The last block may hold fewer groups; the member count must be a multiple of 8 (100,000 is).
        Parallel.For(0, (count + Block - 1) / Block, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, block => Advance(y, block * Block, Math.Min(Groups, (count - block * Block) / 8), count, h, steps));
        return y;
    }

    private static void Advance(double[] state, int first, int groups, int count, double step, int steps)
    {
        ref double y = ref MemoryMarshal.GetArrayDataReference(state);
        var sigma = Vector512.Create(10.0);
        var rho = Vector512.Create(28.0);
        var beta = Vector512.Create(8.0 / 3);
        var h = Vector512.Create(step);
        var half = Vector512.Create(0.5 * step);
        var sixth = Vector512.Create(step / 6);
        var two = Vector512.Create(2.0);
        Span<Vector512<double>> x = stackalloc Vector512<double>[Groups], v = stackalloc Vector512<double>[Groups], z = stackalloc Vector512<double>[Groups];
        for (int q = 0; q < groups; q++)
        {
            x[q] = Vector512.LoadUnsafe(ref y, (nuint)(first + 8 * q));
            v[q] = Vector512.LoadUnsafe(ref y, (nuint)(count + first + 8 * q));
            z[q] = Vector512.LoadUnsafe(ref y, (nuint)(2 * count + first + 8 * q));
        }

        for (int k = 0; k < steps; k++)
        {
            for (int q = 0; q < groups; q++)
            {
                var (x0, v0, z0) = (x[q], v[q], z[q]);
                var (k1x, k1v, k1z) = Lorenz(sigma, rho, beta, x0, v0, z0);
                var (k2x, k2v, k2z) = Lorenz(sigma, rho, beta, Vector512.FusedMultiplyAdd(half, k1x, x0), Vector512.FusedMultiplyAdd(half, k1v, v0),
                    Vector512.FusedMultiplyAdd(half, k1z, z0));
                var (k3x, k3v, k3z) = Lorenz(sigma, rho, beta, Vector512.FusedMultiplyAdd(half, k2x, x0), Vector512.FusedMultiplyAdd(half, k2v, v0),
                    Vector512.FusedMultiplyAdd(half, k2z, z0));
                var (k4x, k4v, k4z) = Lorenz(sigma, rho, beta, Vector512.FusedMultiplyAdd(h, k3x, x0), Vector512.FusedMultiplyAdd(h, k3v, v0),
                    Vector512.FusedMultiplyAdd(h, k3z, z0));
                x[q] = Vector512.FusedMultiplyAdd(sixth, Vector512.FusedMultiplyAdd(two, k2x + k3x, k1x) + k4x, x0);
                v[q] = Vector512.FusedMultiplyAdd(sixth, Vector512.FusedMultiplyAdd(two, k2v + k3v, k1v) + k4v, v0);
                z[q] = Vector512.FusedMultiplyAdd(sixth, Vector512.FusedMultiplyAdd(two, k2z + k3z, k1z) + k4z, z0);
            }
        }

        for (int q = 0; q < groups; q++)
        {
            x[q].StoreUnsafe(ref y, (nuint)(first + 8 * q));
            v[q].StoreUnsafe(ref y, (nuint)(count + first + 8 * q));
            z[q].StoreUnsafe(ref y, (nuint)(2 * count + first + 8 * q));
        }
    }

    private static (Vector512<double>, Vector512<double>, Vector512<double>) Lorenz(Vector512<double> sigma, Vector512<double> rho, Vector512<double> beta,
        Vector512<double> x, Vector512<double> v, Vector512<double> z) =>
        (sigma * (v - x), Avx512F.FusedMultiplySubtract(x, rho - z, v), Avx512F.FusedMultiplySubtract(x, v, beta * z));
}
