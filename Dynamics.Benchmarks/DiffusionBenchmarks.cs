using BenchmarkDotNet.Attributes;
using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;
using Dynamics.Solvers;
using Dynamics.Solvers.Diffusion;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Benchmarks;

/// <summary>
/// The diffusion workloads of scripts/numpy-diffusion.sh, on the 2-D eight-Gaussian ring (radius 2, s = 0.15): the exact
/// score over 100,000 points (baseline: the same points one at a time through the single-point entry), the EDM Heun
/// sampler with 18 Karras levels (35 score evaluations) on 100,000 samples, and the probability-flow ODE with per-sample
/// adaptive DP5 at rtol = atol = 1e-5 from σ = 80 to 0.002 on 10,000 samples. Compare throughputs with the NumPy script's
/// JSON from the same window.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DiffusionBenchmarks
{
    private const int Points = 100_000;
    private readonly GaussianMixtureMarginal _marginal;
    private readonly double[] _points = new double[2 * Points];
    private readonly double[] _score = new double[2 * Points];
    private readonly GaussianMixture _ring;
    private readonly double[] _grid = EdmSchedule.KarrasGrid(18);

    /// <summary>Builds the ring and the points.</summary>
    public DiffusionBenchmarks()
    {
        var means = new double[16];
        for (int k = 0; k < 8; k++)
        {
            means[2 * k] = 2 * Math.Cos(2 * Math.PI * k / 8);
            means[2 * k + 1] = 2 * Math.Sin(2 * Math.PI * k / 8);
        }

        _ring = GaussianMixture.Isotropic([.. Enumerable.Repeat(0.125, 8)], means, [.. Enumerable.Repeat(0.15, 8)]);
        _marginal = _ring.CreateMarginal(1, 0.5);
        for (int i = 0; i < _points.Length; i++) _points[i] = 2 * CounterRandom.Normal(1, (ulong)i, 0);
    }

    /// <summary>The single-point entry, point after point (gathering each point from the component-major store).</summary>
    [Benchmark(Baseline = true)]
    public double ScorePointByPoint()
    {
        Span<double> x = stackalloc double[2];
        Span<double> s = stackalloc double[2];
        double sum = 0;
        for (int m = 0; m < Points; m++)
        {
            x[0] = _points[m];
            x[1] = _points[Points + m];
            sum += _marginal.Score(x, s);
        }

        return sum;
    }

    /// <summary>The vectorised batch score over 100,000 points × 8 components (single thread).</summary>
    [Benchmark]
    public double[] ScoreBatch()
    {
        _marginal.Evaluate(_points, Points, default, _score, default);
        return _score;
    }

    /// <summary>EDM Heun, 18 levels + 0 (35 evaluations), 100,000 samples on all cores.</summary>
    [Benchmark]
    public DiffusionSamples Heun18() => DiffusionSampler.Heun(_ring, _grid, new DiffusionSamplerOptions { Count = Points, Seed = 1 });

    /// <summary>PF-ODE (EDM form) with per-sample adaptive DP5 at 1e-5, 10,000 samples on all cores.</summary>
    [Benchmark]
    public DiffusionSamples ProbabilityFlowDp5() => DiffusionSampler.ProbabilityFlow(_ring, new EdmSchedule(80), new DormandPrince5(),
        SolverOptions.WithTolerance(1e-5), 0.002, new DiffusionSamplerOptions { Count = 10_000, Seed = 1 });
}
