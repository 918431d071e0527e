using Dynamics.Distributions;
using Dynamics.Fields;

namespace Dynamics.Models.Diffusion;

/// <summary>
/// The probability-flow ODE of a continuous diffusion (Song et al. 2021; docs/monoflow.md):
/// dx/dt = f(t)x − ½g(t)²∇log p_t(x), where p_t is the law of a(t)x₀ + σ(t)ε. Integrated from t = T down to 0 it carries
/// noise to data. With exact Gaussian-mixture data every marginal is exact, so the ODE error is the only error; with a
/// fitted model (<see cref="INoiseModel"/>) the score is −ε̂/σ (Tweedie), so σ(t) &gt; 0 is needed. With
/// <see cref="EdmSchedule"/> it is Karras et al.'s dx/dσ = ε*(x; σ), the ODE that DDIM, Heun and DPM-Solver discretise.
/// </summary>
/// <remarks>
/// Thread-safe: each thread evaluates with its own predictor (for a mixture its <see cref="GaussianMixtureMarginal"/>,
/// created once per thread), so one field serves a whole parallel ensemble without allocating per evaluation.
/// </remarks>
public sealed class ProbabilityFlow : IVectorField, IDisposable
{
    private readonly ThreadLocal<INoisePredictor> _predictor;

    /// <summary>Creates the flow of <paramref name="model"/> under <paramref name="schedule"/>.</summary>
    /// <param name="model">The data model: the exact <see cref="GaussianMixture"/> or a fitted noise model.</param>
    /// <param name="schedule">The diffusion.</param>
    public ProbabilityFlow(INoiseModel model, IContinuousSchedule schedule)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(schedule);
        Model = model;
        Schedule = schedule;
        double tEnd = schedule.EndTime;
        _predictor = new ThreadLocal<INoisePredictor>(() => model is GaussianMixture mixture
            ? mixture.CreateMarginal(schedule.Scale(tEnd), Math.Max(schedule.NoiseStandardDeviation(tEnd), 1))
            : model.CreatePredictor());
    }

    /// <summary>The data model.</summary>
    public INoiseModel Model { get; }

    /// <summary>Whether <see cref="Divergence"/> is available: the exact mixture's score has a closed-form divergence, a fitted model's has not (use Hutchinson's estimator, <see cref="LikelihoodFlow"/>).</summary>
    public bool HasExactDivergence => Model is GaussianMixture;

    /// <summary>The diffusion.</summary>
    public IContinuousSchedule Schedule { get; }

    /// <inheritdoc/>
    public int Dimension => Model.Dimension;

    /// <summary>The exact law p_t of mixture data, as an evaluator owned by the calling thread.</summary>
    /// <param name="t">The time (σ(t) &gt; 0 when the data have Dirac components).</param>
    /// <returns>The thread's evaluator, moved to time t.</returns>
    /// <exception cref="InvalidOperationException">The model is not a <see cref="GaussianMixture"/>.</exception>
    public GaussianMixtureMarginal MarginalAt(double t)
    {
        var marginal = _predictor.Value as GaussianMixtureMarginal
            ?? throw new InvalidOperationException($"The exact marginal needs GaussianMixture data, but the model is a {Model.GetType().Name}.");
        marginal.Update(Schedule.Scale(t), Schedule.NoiseStandardDeviation(t));
        return marginal;
    }

    /// <summary>Releases the per-thread evaluators.</summary>
    public void Dispose() => _predictor.Dispose();

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        if (Model is GaussianMixture) MarginalAt(t).Score(y, dydt);
        else NoisePrediction.Score(_predictor.Value!, Schedule.Scale(t), Schedule.NoiseStandardDeviation(t), y, 1, dydt);
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
    /// <exception cref="InvalidOperationException">The model is not a <see cref="GaussianMixture"/> (<see cref="HasExactDivergence"/> is false).</exception>
    public double Divergence(double t, ReadOnlySpan<double> y)
    {
        var marginal = MarginalAt(t);
        return Dimension * Schedule.Drift(t) - 0.5 * Schedule.DiffusionSquared(t) * marginal.ScoreDivergence(y);
    }
}
