using BenchmarkDotNet.Attributes;
using Dynamics.Models.Generative;

namespace Dynamics.Benchmarks;

/// <summary>
/// The O(N²) kernel of the KDE log-ratio gradient (S₀ = Σ_j K_ij, S₁ = Σ_j K_ij(x_j − x_i)) for N = 10,000 particles in
/// 2-D: 10⁸ pair interactions per call. Baseline: the same sums as a plain scalar C# double loop with Math.Exp, in the
/// same run. Pair interactions per second = 10⁸ / mean time. Compare with scripts/numpy-monoflow.sh in the same window.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
public class MonoFlowKdeBenchmarks : IDisposable
{
    private double[] _x = null!;
    private double[] _s0 = null!;
    private double[] _s1 = null!;
    private KernelDensityLogRatio _serial = null!;
    private KernelDensityLogRatio _parallel = null!;

    /// <summary>N.</summary>
    public const int Particles = MonoFlowWorkload.Particles;

    [GlobalSetup]
    public void Setup()
    {
        _x = MonoFlowWorkload.Particles2D();
        _s0 = new double[Particles];
        _s1 = new double[2 * Particles];
        _serial = new KernelDensityLogRatio(MonoFlowWorkload.Target(), workers: 1);
        _parallel = new KernelDensityLogRatio(MonoFlowWorkload.Target(), workers: Environment.ProcessorCount);
        // Set-up, not per-call cost: the first call sizes the buffers and the workers' first waits create their handles.
        _serial.PairSums(_x, Particles, MonoFlowWorkload.Bandwidth, _s0, _s1);
        _parallel.PairSums(_x, Particles, MonoFlowWorkload.Bandwidth, _s0, _s1);
    }

    [GlobalCleanup]
    public void Dispose()
    {
        _serial?.Dispose();
        _parallel?.Dispose();
        GC.SuppressFinalize(this);
    }

    [Benchmark(Baseline = true)]
    public double ScalarLoop() => MonoFlowWorkload.ScalarPairSums(_x, Particles, MonoFlowWorkload.Bandwidth, _s0, _s1);

    [Benchmark]
    public double LibraryOneThread()
    {
        _serial.PairSums(_x, Particles, MonoFlowWorkload.Bandwidth, _s0, _s1);
        return _s0[0];
    }

    [Benchmark]
    public double LibraryAllCores()
    {
        _parallel.PairSums(_x, Particles, MonoFlowWorkload.Bandwidth, _s0, _s1);
        return _s0[0];
    }
}
