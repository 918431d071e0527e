using Dynamics.Distributions;
using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Models.Diffusion;

/// <summary>
/// The reverse-time SDE of a continuous diffusion with exact Gaussian-mixture data (Anderson 1982; Song et al. 2021), for
/// a batch of samples, written forward in the reversed time τ = T − t so that any SDE method can step it:
/// dx = [−f(t)x + g(t)²∇log p_t(x)]dτ + g(t)dW_τ. The noise g(t) depends on time only — additive noise, where
/// strong-order-1.5 methods such as Rößler's SRA1 apply.
/// </summary>
/// <remarks>
/// The state is the batch component-major (x[j·Count + m], the layout of <see cref="IBatchVectorField"/>), so one score
/// evaluation serves every sample. It owns one <see cref="INoisePredictor"/>: use one field per thread.
/// </remarks>
public sealed class ReverseDiffusion : IStochasticField
{
    private readonly INoisePredictor _predictor;

    /// <summary>Creates the reverse SDE of <paramref name="model"/>'s data under <paramref name="schedule"/> for a batch.</summary>
    /// <param name="model">The data model, e.g. the exact <see cref="GaussianMixture"/> or a fitted <see cref="FourierNoiseModel"/>.</param>
    /// <param name="schedule">The diffusion; τ = 0 is its <see cref="IContinuousSchedule.EndTime"/>.</param>
    /// <param name="count">Samples in the batch (≥ 1).</param>
    public ReverseDiffusion(INoiseModel model, IContinuousSchedule schedule, int count)
        : this((model ?? throw new ArgumentNullException(nameof(model))).CreatePredictor(), schedule, count)
    {
    }

    /// <summary>Creates the reverse SDE evaluated by an existing predictor (used by this field only).</summary>
    /// <param name="predictor">The caller's noise predictor; the score is −ε̂/σ (<see cref="NoisePrediction"/>).</param>
    /// <param name="schedule">The diffusion.</param>
    /// <param name="count">Samples in the batch (≥ 1).</param>
    public ReverseDiffusion(INoisePredictor predictor, IContinuousSchedule schedule, int count)
    {
        ArgumentNullException.ThrowIfNull(predictor);
        ArgumentNullException.ThrowIfNull(schedule);
        Require.AtLeast(count, 1, nameof(count));
        _predictor = predictor;
        Schedule = schedule;
        Count = count;
        Dimension = predictor.Dimension * count;
    }

    /// <summary>The diffusion.</summary>
    public IContinuousSchedule Schedule { get; }

    /// <summary>The number of samples in the batch.</summary>
    public int Count { get; }

    /// <summary>d · <see cref="Count"/>.</summary>
    public int Dimension { get; }

    /// <summary>The diffusion time t = T − τ of reversed time τ.</summary>
    /// <param name="reversedTime">τ.</param>
    /// <returns>t.</returns>
    public double DiffusionTime(double reversedTime) => Schedule.EndTime - reversedTime;

    /// <summary>The drift −f(t)x + g(t)²∇log p_t(x) at t = T − τ, for every sample of the batch.</summary>
    /// <param name="t">The reversed time τ.</param>
    /// <param name="y">The batch, component-major.</param>
    /// <param name="dydt">Receives the drift.</param>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        double time = DiffusionTime(t);
        var score = dydt[..Dimension];
        NoisePrediction.Score(_predictor, Schedule.Scale(time), Schedule.NoiseStandardDeviation(time), y[..Dimension], Count, score);
        double f = Schedule.Drift(time), g2 = Schedule.DiffusionSquared(time);
        for (int i = 0; i < score.Length; i++) score[i] = g2 * score[i] - f * y[i];
    }

    /// <summary>The amplitude g(t) = √(g²(t)) at t = T − τ, the same for every component.</summary>
    /// <param name="t">The reversed time τ.</param>
    /// <param name="y">The batch (unused: the noise is additive).</param>
    /// <param name="amplitudes">Receives g(t).</param>
    public void Diffusion(double t, ReadOnlySpan<double> y, Span<double> amplitudes) =>
        amplitudes[..Dimension].Fill(Math.Sqrt(Schedule.DiffusionSquared(DiffusionTime(t))));
}
