using Dynamics.Distributions;
using Dynamics.Fields;

namespace Dynamics.Models.Diffusion;

/// <summary>
/// The probability-flow ODE of a continuous diffusion with exact Gaussian-mixture data (Song et al. 2021; docs/monoflow.md):
/// dx/dt = f(t)x − ½g(t)²∇log p_t(x), where p_t is the law of a(t)x₀ + σ(t)ε. Integrated from t = T down to 0 it carries
/// noise to data; every marginal is exact, so the ODE error is the only error. With <see cref="EdmSchedule"/> it is
/// Karras et al.'s dx/dσ = ε*(x; σ), the ODE that DDIM, Heun and DPM-Solver discretise.
/// </summary>
/// <remarks>
/// Thread-safe: each thread evaluates with its own <see cref="GaussianMixtureMarginal"/> (created once per thread), so one
/// field serves a whole parallel ensemble without allocating per evaluation.
/// </remarks>
public sealed class ProbabilityFlow : IVectorField, IDisposable
{
    private readonly ThreadLocal<GaussianMixtureMarginal> _marginal;

    /// <summary>Creates the flow of <paramref name="data"/> under <paramref name="schedule"/>.</summary>
    /// <param name="data">The data law p₀.</param>
    /// <param name="schedule">The diffusion.</param>
    public ProbabilityFlow(GaussianMixture data, IContinuousSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(schedule);
        Data = data;
        Schedule = schedule;
        double tEnd = schedule.EndTime;
        _marginal = new ThreadLocal<GaussianMixtureMarginal>(
            () => data.CreateMarginal(schedule.Scale(tEnd), Math.Max(schedule.NoiseStandardDeviation(tEnd), 1)));
    }

    /// <summary>The data law p₀.</summary>
    public GaussianMixture Data { get; }

    /// <summary>The diffusion.</summary>
    public IContinuousSchedule Schedule { get; }

    /// <inheritdoc/>
    public int Dimension => Data.Dimension;

    /// <summary>The exact law p_t, as an evaluator owned by the calling thread.</summary>
    /// <param name="t">The time (σ(t) &gt; 0 when the data have Dirac components).</param>
    /// <returns>The thread's evaluator, moved to time t.</returns>
    public GaussianMixtureMarginal MarginalAt(double t)
    {
        var marginal = _marginal.Value!;
        marginal.Update(Schedule.Scale(t), Schedule.NoiseStandardDeviation(t));
        return marginal;
    }

    /// <summary>Releases the per-thread evaluators.</summary>
    public void Dispose() => _marginal.Dispose();

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        var marginal = MarginalAt(t);
        marginal.Score(y, dydt);
        double f = Schedule.Drift(t);
        double halfG2 = 0.5 * Schedule.DiffusionSquared(t);
        for (int i = 0; i < dydt.Length; i++) dydt[i] = f * y[i] - halfG2 * dydt[i];
    }

    /// <summary>
    /// The divergence of the flow, ∇·v = d·f(t) − ½g(t)² tr ∇²log p_t(x): by the instantaneous change of variables
    /// d log p_t(x(t))/dt = −∇·v along a trajectory (Chen et al. 2018), the term a likelihood computation integrates.
    /// </summary>
    /// <param name="t">The time.</param>
    /// <param name="y">The state.</param>
    /// <returns>∇·v.</returns>
    public double Divergence(double t, ReadOnlySpan<double> y)
    {
        var marginal = MarginalAt(t);
        return Dimension * Schedule.Drift(t) - 0.5 * Schedule.DiffusionSquared(t) * marginal.ScoreDivergence(y);
    }
}
