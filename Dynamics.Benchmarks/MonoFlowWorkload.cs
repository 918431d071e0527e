using Dynamics.Distributions;
using Dynamics.Models.Generative;

namespace Dynamics.Benchmarks;

/// <summary>The shared KDE workload: N = 10,000 particles of N(0, I) in 2-D, h = 0.25, and a scalar reference loop.</summary>
internal static class MonoFlowWorkload
{
    public const int Particles = 10_000;
    public const double Bandwidth = 0.25;

    public static GaussianMixture Target() => GaussianMixture.Isotropic([0.3, 0.7], [-1.5, 0, 1.5, 0], [0.5, 0.5]);

    public static double[] Particles2D()
    {
        var x = new double[2 * Particles];
        GaussianMixture.Isotropic([1.0], [0.0, 0.0], [1.0]).Sample(2026, 0, Particles, x, default);
        return x;
    }

    public static double ScalarPairSums(double[] x, int n, double h, double[] s0, double[] s1)
    {
        double c = -0.5 / (h * h);
        for (int i = 0; i < n; i++)
        {
            double xi = x[i], yi = x[n + i], a = 0, bx = 0, by = 0;
            for (int j = 0; j < n; j++)
            {
                double dx = x[j] - xi, dy = x[n + j] - yi;
                double k = Math.Exp(c * (dx * dx + dy * dy));
                a += k;
                bx += k * dx;
                by += k * dy;
            }

            s0[i] = a;
            s1[i] = bx;
            s1[n + i] = by;
        }

        return s0[0];
    }

    /// <summary>
    /// Median pair interactions per second of the library kernel on every core, and bytes allocated per call by the whole
    /// process (the worker threads included) after the first call.
    /// </summary>
    public static (double PairsPerSecond, long BytesPerCall) Quick()
    {
        var x = Particles2D();
        var s0 = new double[Particles];
        var s1 = new double[2 * Particles];
        using var kde = new KernelDensityLogRatio(Target(), workers: Environment.ProcessorCount);
        kde.PairSums(x, Particles, Bandwidth, s0, s1);
        var times = new double[5];
        // Timestamps, not a Stopwatch object, so the timing itself allocates nothing inside the measured window.
        long before = GC.GetTotalAllocatedBytes(precise: true);
        for (int r = 0; r < times.Length; r++)
        {
            long start = System.Diagnostics.Stopwatch.GetTimestamp();
            kde.PairSums(x, Particles, Bandwidth, s0, s1);
            times[r] = System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalSeconds;
        }

        long bytes = (GC.GetTotalAllocatedBytes(precise: true) - before) / times.Length;
        Array.Sort(times);
        return ((double)Particles * Particles / times[times.Length / 2], bytes);
    }
}
