using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;
using Dynamics.Solvers;
using Dynamics.Solvers.Diffusion;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Benchmarks;

/// <summary>
/// The diffusion workloads of scripts/numpy-diffusion.sh, shared by <see cref="DiffusionBenchmarks"/> and the quick
/// mode: the 2-D eight-Gaussian ring (radius 2, s = 0.15), the exact score at (a, σ) = (1, 0.5) over 100,000 points,
/// the EDM Heun sampler with 18 Karras levels + 0 (35 score evaluations) on 100,000 samples, and the probability-flow
/// ODE with per-sample adaptive DP5 at rtol = atol = 1e-5 from σ = 80 to 0.002.
/// </summary>
internal static class DiffusionWorkload
{
    public const int Points = 100_000;
    public const int Components = 8;
    public const double EndLevel = 0.002;

    public static GaussianMixture Ring()
    {
        var means = new double[2 * Components];
        for (int k = 0; k < Components; k++)
        {
            means[2 * k] = 2 * Math.Cos(2 * Math.PI * k / Components);
            means[2 * k + 1] = 2 * Math.Sin(2 * Math.PI * k / Components);
        }

        return GaussianMixture.Isotropic([.. Enumerable.Repeat(1.0 / Components, Components)], means, [.. Enumerable.Repeat(0.15, Components)]);
    }

    /// <summary>Points N(0, 4I), component-major.</summary>
    public static double[] ScorePoints()
    {
        var points = new double[2 * Points];
        for (int i = 0; i < points.Length; i++) points[i] = 2 * CounterRandom.Normal(1, (ulong)i, 0);
        return points;
    }

    public static DiffusionSamples Heun(GaussianMixture ring, double[] grid, int threads = -1) =>
        DiffusionSampler.Heun(ring, grid, new DiffusionSamplerOptions { Count = Points, Seed = 1, MaxDegreeOfParallelism = threads });

    public static DiffusionSamples ProbabilityFlow(GaussianMixture ring, int count) =>
        DiffusionSampler.ProbabilityFlow(ring, new EdmSchedule(80), new DormandPrince5(), SolverOptions.WithTolerance(1e-5), EndLevel,
            new DiffusionSamplerOptions { Count = count, Seed = 1 });

    /// <summary>The quick-mode figures: throughputs (medians after a warm-up) and the bytes one batch score allocates.</summary>
    public static Dictionary<string, object> Quick()
    {
        var ring = Ring();
        var marginal = ring.CreateMarginal(1, 0.5);
        var points = ScorePoints();
        var score = new double[points.Length];
        double scoreSeconds = QuickCommand.Median(21, () => marginal.Evaluate(points, Points, default, score, default));
        long before = GC.GetAllocatedBytesForCurrentThread();
        marginal.Evaluate(points, Points, default, score, default);
        long scoreBytes = GC.GetAllocatedBytesForCurrentThread() - before;

        var grid = EdmSchedule.KarrasGrid(18);
        double heunSeconds = QuickCommand.Median(5, () => Heun(ring, grid));
        double heunOneThreadSeconds = QuickCommand.Median(5, () => Heun(ring, grid, threads: 1));
        DiffusionSamples? flow = null;
        double flowSeconds = QuickCommand.Median(1, () => flow = ProbabilityFlow(ring, Points));
        return new Dictionary<string, object>
        {
            ["diffusion_score_point_components_per_s"] = Math.Round(Points * Components / scoreSeconds),
            ["diffusion_score_bytes_per_call"] = scoreBytes,
            ["diffusion_heun18_samples_per_s"] = Math.Round(Points / heunSeconds),
            ["diffusion_heun18_samples_per_s_one_thread"] = Math.Round(Points / heunOneThreadSeconds),
            ["diffusion_pf_dp5_1e-5_samples_per_s"] = Math.Round(Points / flowSeconds),
            ["diffusion_pf_dp5_1e-5_mean_evaluations"] = Math.Round(flow!.ScoreEvaluations, 1),
        };
    }
}
