using System.Runtime.Intrinsics;

namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// The element-wise update of a block of samples that Heun's corrector repeats every step, eight doubles at a time where
/// AVX-512 runs (y + a·x itself is <see cref="Ensembles.BatchKernels.AddScaled"/>). Each element is rounded exactly as
/// the scalar expression in the summary rounds it (a sum, a product, a sum: never fused), so a sample's bits do not
/// depend on where it sits in a vector.
/// </summary>
internal static class BlockArithmetic
{
    /// <summary>x += a·(y + z).</summary>
    public static void AddScaledSum(Span<double> x, double a, ReadOnlySpan<double> y, ReadOnlySpan<double> z)
    {
        int n = x.Length;
        if (y.Length != n || z.Length != n) throw new ArgumentException($"x ({n}), y ({y.Length}) and z ({z.Length}) must have one length.");
        int i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var scale = Vector512.Create(a);
            for (; i <= n - Vector512<double>.Count; i += Vector512<double>.Count)
                (Vector512.Create(x[i..]) + scale * (Vector512.Create(y[i..]) + Vector512.Create(z[i..]))).CopyTo(x[i..]);
        }

        for (; i < n; i++) x[i] += a * (y[i] + z[i]);
    }
}
