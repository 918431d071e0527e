using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Problems;
using Dynamics.Solvers.Methods;
using Dynamics.Validation;

namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// log p_{t₀}(x) through the probability-flow ODE with the divergence integrated alongside (<see cref="LikelihoodFlow"/>),
/// for comparing with the closed-form log-density of the exact marginal.
/// </summary>
public static class DiffusionLikelihood
{
    /// <summary>
    /// Integrates (x, ℓ) from (x, 0) at t₀ to T and returns log p_T(x_T) + ℓ(T), where p_T is the exact marginal
    /// (<paramref name="exactPrior"/>) or the Gaussian prior N(0, (a_T² + σ_T²)I) a trained model would use.
    /// </summary>
    /// <param name="data">The data law.</param>
    /// <param name="schedule">The diffusion.</param>
    /// <param name="point">x, d entries.</param>
    /// <param name="startTime">t₀ in [0, T) (σ(t₀) &gt; 0 for Dirac data).</param>
    /// <param name="method">The ODE method, e.g. DormandPrince5.</param>
    /// <param name="solver">Tolerances (SaveAt is ignored).</param>
    /// <param name="exactPrior">Use the exact p_T instead of the Gaussian prior.</param>
    /// <param name="probe">Null for the exact divergence; Hutchinson's probe otherwise.</param>
    /// <returns>The estimate of log p_{t₀}(x).</returns>
    public static double LogDensity(GaussianMixture data, IContinuousSchedule schedule, ReadOnlySpan<double> point, double startTime,
        IOdeMethod method, SolverOptions solver, bool exactPrior = true, double[]? probe = null)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(solver);
        int d = data.Dimension;
        Require.Length(point.Length, d, nameof(point));
        Require.AllFinite(point, nameof(point));
        double tEnd = schedule.EndTime;
        if (!(startTime >= 0 && startTime < tEnd))
            throw new ArgumentOutOfRangeException(nameof(startTime), startTime, $"startTime must lie in [0, {Require.Format(tEnd)}), but was {Require.Format(startTime)}.");
        using var flow = new ProbabilityFlow(data, schedule);
        using var augmented = new LikelihoodFlow(flow, probe);
        var y0 = new double[d + 1];
        point.CopyTo(y0);
        var solution = Ode.Solve(new OdeProblem<LikelihoodFlow>(augmented, y0, startTime, tEnd), method, solver with { SaveAt = SaveAt.End });
        var end = solution.State(solution.Count - 1);
        var xT = end[..d];
        double prior;
        if (exactPrior)
        {
            prior = data.CreateMarginal(schedule.Scale(tEnd), schedule.NoiseStandardDeviation(tEnd)).LogDensity(xT);
        }
        else
        {
            double v = schedule.Scale(tEnd) * schedule.Scale(tEnd) + schedule.NoiseStandardDeviation(tEnd) * schedule.NoiseStandardDeviation(tEnd);
            double q = 0;
            for (int j = 0; j < d; j++) q += xT[j] * xT[j];
            prior = -0.5 * (d * Math.Log(2 * Math.PI * v) + q / v);
        }

        return prior + end[d];
    }
}
