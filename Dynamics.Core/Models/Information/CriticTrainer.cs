using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// Trains a <see cref="QuadraticCritic"/> on one <see cref="CriticObjective"/> the way MINE and its relatives are trained
/// (Belghazi et al. 2018; Poole et al. 2019): Adam ascent on the objective's minibatch gradient
/// (<see cref="VariationalBounds.Gradient"/>), step n drawing the fresh pairs n·B … n·B + B − 1 of the source with the
/// given seed, so a run is reproducible from (seed, settings). The learning rate decays as γₙ = γ₀/(1 + n/n₀), the
/// Robbins–Monro condition under which the iterates settle at a maximiser of the population objective instead of
/// wandering at a distance set by γ. The critic starts at T = 0.
/// </summary>
/// <param name="Objective">The objective to maximise.</param>
/// <param name="Steps">The number of Adam steps ≥ 1.</param>
/// <param name="BatchSize">B pairs per step (≥ 2; for InfoNCE the batch K is B).</param>
/// <param name="NegativesPerPositive">S negatives per positive for JS, DV and NWJ (1 ≤ S ≤ B − 1).</param>
/// <param name="LearningRate">γ₀ &gt; 0.</param>
/// <param name="DecaySteps">n₀ &gt; 0: the step count over which γ halves.</param>
public sealed record CriticTrainer(CriticObjective Objective, int Steps = 2000, int BatchSize = 128, int NegativesPerPositive = 4, double LearningRate = 0.05, double DecaySteps = 200)
{
    /// <summary>Trains a critic on pairs of <paramref name="source"/>.</summary>
    /// <param name="source">The distribution of the pairs.</param>
    /// <param name="seed">The run's seed (independent runs use different seeds).</param>
    /// <returns>The trained critic.</returns>
    public QuadraticCritic Train(CorrelatedGaussian source, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(source);
        Require.AtLeast(Steps, 1, nameof(Steps));
        Require.AtLeast(BatchSize, 2, nameof(BatchSize));
        Require.AtLeast(NegativesPerPositive, 1, nameof(NegativesPerPositive));
        if (NegativesPerPositive > BatchSize - 1)
            throw new ArgumentOutOfRangeException(nameof(NegativesPerPositive), NegativesPerPositive, $"NegativesPerPositive must be at most BatchSize − 1 = {BatchSize - 1}, but was {NegativesPerPositive}.");
        Require.Positive(LearningRate, nameof(LearningRate));
        Require.Positive(DecaySteps, nameof(DecaySteps));
        int d = QuadraticCritic.ParameterCount;
        var adam = new Adam(LearningRate);
        var state = new double[adam.StateLength(d)];
        var workspace = new double[adam.WorkspaceLength(d)];
        int negatives = Objective == CriticObjective.InfoNce ? 1 : NegativesPerPositive;
        CriticLoss Batch(int n) => new(new CriticSample(source, seed, BatchSize, negatives, first: (long)n * BatchSize), Objective, BatchSize);
        var loss = Batch(0);
        adam.Initialize(loss, new double[d], state);
        for (int n = 0; n < Steps; n++)
            (adam with { LearningRate = LearningRate / (1 + n / DecaySteps) }).Advance(n == 0 ? loss : Batch(n), state, workspace);

        return QuadraticCritic.FromCoefficients(state.AsSpan(0, d));
    }
}
