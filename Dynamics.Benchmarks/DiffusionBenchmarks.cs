using BenchmarkDotNet.Attributes;
using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Solvers.Diffusion;

namespace Dynamics.Benchmarks;

/// <summary>
/// The diffusion workloads of scripts/numpy-diffusion.sh (<see cref="DiffusionWorkload"/>): the exact score over 100,000
/// points (baseline: the same points one at a time through the single-point entry), the EDM Heun sampler with 18 Karras
/// levels (35 score evaluations) on 100,000 samples, and the probability-flow ODE with per-sample adaptive DP5 at
/// rtol = atol = 1e-5 from σ = 80 to 0.002 on 100,000 samples through the SIMD-lane ensemble. Compare throughputs with
/// the NumPy script's JSON from the same window.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class DiffusionBenchmarks
{
    private const int Points = DiffusionWorkload.Points;
    private readonly GaussianMixture _ring = DiffusionWorkload.Ring();
    private readonly GaussianMixtureMarginal _marginal;
    private readonly double[] _points = DiffusionWorkload.ScorePoints();
    private readonly double[] _score = new double[2 * Points];
    private readonly double[] _grid = EdmSchedule.KarrasGrid(18);

    /// <summary>Builds the marginal at (a, σ) = (1, 0.5).</summary>
    public DiffusionBenchmarks() => _marginal = _ring.CreateMarginal(1, 0.5);

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
    public DiffusionSamples Heun18() => DiffusionWorkload.Heun(_ring, _grid);

    /// <summary>PF-ODE (EDM form) with per-sample adaptive DP5 at 1e-5, 100,000 samples on all cores.</summary>
    [Benchmark]
    public DiffusionSamples ProbabilityFlowDp5() => DiffusionWorkload.ProbabilityFlow(_ring, Points);
}
