using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;
using Dynamics.Problems;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Methods;
using Dynamics.Validation;

namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// log p_{t₀}(x) through the probability-flow ODE with the divergence integrated alongside (<see cref="LikelihoodFlow"/>),
/// for comparing with the closed-form log-density of the exact marginal. A fitted model (<see cref="INoiseModel"/>) has
/// neither an exact divergence nor an exact p_T: pass Hutchinson's probe and the Gaussian prior (exactPrior: false).
/// </summary>
public static class DiffusionLikelihood
{
    /// <summary>
    /// Integrates (x, ℓ) from (x, 0) at t₀ to T and returns log p_T(x_T) + ℓ(T), where p_T is the exact marginal
    /// (<paramref name="exactPrior"/>) or the Gaussian prior N(0, (a_T² + σ_T²)I) a trained model would use.
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/>, or a fitted one with a probe and exactPrior: false.</param>
    /// <param name="schedule">The diffusion.</param>
    /// <param name="point">x, d entries.</param>
    /// <param name="startTime">t₀ in [0, T) (σ(t₀) &gt; 0 for Dirac data).</param>
    /// <param name="method">The ODE method, e.g. DormandPrince5.</param>
    /// <param name="solver">Tolerances (SaveAt is ignored).</param>
    /// <param name="exactPrior">Use the exact p_T instead of the Gaussian prior.</param>
    /// <param name="probe">Null for the exact divergence; Hutchinson's probe otherwise.</param>
    /// <returns>The estimate of log p_{t₀}(x).</returns>
    public static double LogDensity(INoiseModel data, IContinuousSchedule schedule, ReadOnlySpan<double> point, double startTime,
        IOdeMethod method, SolverOptions solver, bool exactPrior = true, double[]? probe = null)
    {
        Validate(data, schedule, method, solver, exactPrior, exactDivergence: probe is null);
        int d = data.Dimension;
        Require.Length(point.Length, d, nameof(point));
        Require.AllFinite(point, nameof(point));
        double tEnd = ScheduleTime.RequireBeforeEnd(schedule, startTime, nameof(startTime));
        using var flow = new ProbabilityFlow(data, schedule);
        using var augmented = new LikelihoodFlow(flow, probe);
        var y0 = new double[d + 1];
        point.CopyTo(y0);
        var solution = Ode.Solve(new OdeProblem<LikelihoodFlow>(augmented, y0, startTime, tEnd), method, solver with { SaveAt = SaveAt.End });
        var end = solution.State(solution.Count - 1);
        return Prior(data, schedule, end[..d], exactPrior) + end[d];
    }

    /// <summary>
    /// <see cref="LogDensity"/> for a batch of points at once, each solved with its own adaptive steps on all cores
    /// (<see cref="Ensemble.Solve{TField}(EnsembleProblem{TField}, IOdeMethod, EnsembleOptions, EnsembleSolution)"/>). With <paramref name="hutchinsonSeed"/>, point m uses the Rademacher probe
    /// z_j = ±1 from <see cref="CounterRandom"/> stream (seed, m), uniform j; without it the divergence is exact.
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/>, or a fitted one with a seed and exactPrior: false.</param>
    /// <param name="schedule">The diffusion.</param>
    /// <param name="points">The points, component-major: entry j·count + m is coordinate j of point m.</param>
    /// <param name="count">The number of points (≥ 1).</param>
    /// <param name="startTime">t₀ in [0, T) (σ(t₀) &gt; 0 for Dirac data).</param>
    /// <param name="method">The ODE method, e.g. DormandPrince5.</param>
    /// <param name="solver">Tolerances (SaveAt is ignored).</param>
    /// <param name="exactPrior">Use the exact p_T instead of the Gaussian prior.</param>
    /// <param name="hutchinsonSeed">Null for the exact divergence; the seed of the per-point probes otherwise.</param>
    /// <param name="maxDegreeOfParallelism">−1 for all cores.</param>
    /// <returns>The estimates, statuses and mean cost.</returns>
    public static DiffusionLikelihoods LogDensities(INoiseModel data, IContinuousSchedule schedule, ReadOnlySpan<double> points, int count,
        double startTime, IOdeMethod method, SolverOptions solver, bool exactPrior = true, ulong? hutchinsonSeed = null, int maxDegreeOfParallelism = -1)
    {
        Validate(data, schedule, method, solver, exactPrior, exactDivergence: hutchinsonSeed is null);
        int d = data.Dimension;
        Require.AtLeast(count, 1, nameof(count));
        Require.Length(points.Length, d * count, nameof(points));
        Require.AllFinite(points, nameof(points));
        double tEnd = ScheduleTime.RequireBeforeEnd(schedule, startTime, nameof(startTime));
        var starts = new double[count][];
        for (int m = 0; m < count; m++)
        {
            starts[m] = new double[d + 1];
            for (int j = 0; j < d; j++) starts[m][j] = points[j * count + m];
        }

        using var flow = new ProbabilityFlow(data, schedule);
        // The exact divergence shares one field; Hutchinson's probe is a field parameter, so each point gets its own field.
        var fields = new LikelihoodFlow[hutchinsonSeed is null ? 1 : count];
        for (int m = 0; m < fields.Length; m++) fields[m] = new LikelihoodFlow(flow, hutchinsonSeed is { } seed ? RademacherProbe(seed, m, d) : null);
        try
        {
            var problem = new EnsembleProblem<LikelihoodFlow>(count, m => new OdeProblem<LikelihoodFlow>(fields[fields.Length == 1 ? 0 : m], starts[m], startTime, tEnd));
            var solution = Ensemble.Solve(problem, method, new EnsembleOptions
            {
                Solver = solver with { SaveAt = SaveAt.End },
                MaxDegreeOfParallelism = maxDegreeOfParallelism,
            });
            var logDensities = new double[count];
            var statuses = new SolveStatus[count];
            for (int m = 0; m < count; m++)
            {
                statuses[m] = solution.Status(m);
                var end = solution.FinalState(m);
                logDensities[m] = statuses[m] == SolveStatus.Success ? Prior(data, schedule, end[..d], exactPrior) + end[d] : double.NaN;
            }

            return new DiffusionLikelihoods(logDensities, statuses, solution.TotalStatistics.RhsEvaluations / (double)count);
        }
        finally
        {
            foreach (var field in fields) field.Dispose();
        }
    }

    /// <summary>Hutchinson's Rademacher probe of point <paramref name="point"/>: z_j = ±1 from uniform j of stream (seed, point).</summary>
    /// <param name="seed">The seed.</param>
    /// <param name="point">The point's index.</param>
    /// <param name="dimension">d.</param>
    /// <returns>The probe.</returns>
    public static double[] RademacherProbe(ulong seed, int point, int dimension)
    {
        var probe = new double[dimension];
        for (int j = 0; j < dimension; j++) probe[j] = CounterRandom.Uniform(seed, (ulong)point, (ulong)j) < 0.5 ? -1 : 1;
        return probe;
    }

    // The arguments both entry points share. The exact prior and the exact divergence exist only for mixture data.
    private static void Validate(INoiseModel data, IContinuousSchedule schedule, IOdeMethod method, SolverOptions solver, bool exactPrior, bool exactDivergence)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(solver);
        if (data is GaussianMixture) return;
        if (exactPrior)
            throw new ArgumentException($"exactPrior needs GaussianMixture data, but the model is a {data.GetType().Name}; use the Gaussian prior (exactPrior: false).", nameof(exactPrior));
        if (exactDivergence)
            throw new ArgumentException($"A {data.GetType().Name} has no exact score divergence; pass Hutchinson's probe (or seed).", nameof(data));
    }

    // log p_T(x_T): the exact marginal, or the Gaussian prior N(0, (a_T² + σ_T²)I) a trained model would use.
    private static double Prior(INoiseModel data, IContinuousSchedule schedule, ReadOnlySpan<double> xT, bool exactPrior)
    {
        double tEnd = schedule.EndTime;
        if (exactPrior) return ((GaussianMixture)data).CreateMarginal(schedule.Scale(tEnd), schedule.NoiseStandardDeviation(tEnd)).LogDensity(xT);
        int d = xT.Length;
        double v = schedule.PriorVariance;
        double q = 0;
        for (int j = 0; j < d; j++) q += xT[j] * xT[j];
        return -0.5 * (d * Math.Log(2 * Math.PI * v) + q / v);
    }
}
