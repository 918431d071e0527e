using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace Dynamics.Benchmarks;

/// <summary>
/// The reference kernel for workload (a): Lorenz RK4 written by hand for this one problem with <see cref="Vector512{T}"/>
/// and fused multiply-adds, four registers of members advanced together through all steps, threads over blocks. It is
/// the loop a C++ -O3 -march=native kernel compiles to, measured in the same run as the library so that the ratio
/// survives a noisy machine. Not a library path: it knows nothing but Lorenz with σ = 10, ρ = 28, β = 8/3.
/// </summary>
internal static class HandWrittenLorenzRk4
{
    private const int Block = 32;

    public static double[] Solve(double[] initialStates, int count, double h, int steps)
    {
        var y = (double[])initialStates.Clone();
        Parallel.For(0, count / Block, block => Advance(y, block * Block, count, h, steps));
        return y;
    }

    private static void Advance(double[] state, int first, int count, double step, int steps)
    {
        ref double y = ref MemoryMarshal.GetArrayDataReference(state);
        var sigma = Vector512.Create(10.0);
        var rho = Vector512.Create(28.0);
        var beta = Vector512.Create(8.0 / 3);
        var h = Vector512.Create(step);
        var half = Vector512.Create(0.5 * step);
        var sixth = Vector512.Create(step / 6);
        var two = Vector512.Create(2.0);
        Span<Vector512<double>> x = stackalloc Vector512<double>[4], v = stackalloc Vector512<double>[4], z = stackalloc Vector512<double>[4];
        for (int q = 0; q < 4; q++)
        {
            x[q] = Vector512.LoadUnsafe(ref y, (nuint)(first + 8 * q));
            v[q] = Vector512.LoadUnsafe(ref y, (nuint)(count + first + 8 * q));
            z[q] = Vector512.LoadUnsafe(ref y, (nuint)(2 * count + first + 8 * q));
        }

        for (int k = 0; k < steps; k++)
        {
            for (int q = 0; q < 4; q++)
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

        for (int q = 0; q < 4; q++)
        {
            x[q].StoreUnsafe(ref y, (nuint)(first + 8 * q));
            v[q].StoreUnsafe(ref y, (nuint)(count + first + 8 * q));
            z[q].StoreUnsafe(ref y, (nuint)(2 * count + first + 8 * q));
        }
    }

    private static (Vector512<double>, Vector512<double>, Vector512<double>) Lorenz(Vector512<double> sigma, Vector512<double> rho, Vector512<double> beta,
        Vector512<double> x, Vector512<double> v, Vector512<double> z) =>
        (sigma * (v - x), Vector512.FusedMultiplyAdd(x, rho - z, -v), Vector512.FusedMultiplyAdd(x, v, -(beta * z)));
}
