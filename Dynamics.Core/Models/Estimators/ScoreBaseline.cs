using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// The control variate of a score-function estimator: none, a constant, a running mean with decay d, or leave-one-out.
/// A baseline b that does not depend on the sample it multiplies leaves the estimator unbiased, because
/// E[∇log p(z)] = 0; a good b (close to E f) cuts the variance.
/// </summary>
public sealed record ScoreBaseline
{
    private ScoreBaseline(ScoreBaselineKind kind, double value, double decay)
    {
        Kind = kind;
        Value = value;
        Decay = decay;
    }

    /// <summary>No baseline (plain REINFORCE).</summary>
    public static ScoreBaseline None { get; } = new(ScoreBaselineKind.None, 0, 0);

    /// <summary>Leave-one-out: each sample's baseline is the mean f of the other samples in its estimate.</summary>
    public static ScoreBaseline LeaveOneOut { get; } = new(ScoreBaselineKind.LeaveOneOut, 0, 0);

    /// <summary>The kind of baseline.</summary>
    public ScoreBaselineKind Kind { get; }

    /// <summary>The constant b (<see cref="ScoreBaselineKind.Constant"/>) or the running mean's starting value.</summary>
    public double Value { get; }

    /// <summary>The running mean's decay d ∈ [0, 1) (typical 0.9–0.99); 0 for the other kinds.</summary>
    public double Decay { get; }

    /// <summary>A fixed baseline b.</summary>
    /// <param name="value">b, finite.</param>
    /// <returns>The baseline.</returns>
    public static ScoreBaseline Constant(double value)
    {
        Require.Finite(value, nameof(value));
        return new(ScoreBaselineKind.Constant, value, 0);
    }

    /// <summary>An exponential moving average b ← d·b + (1 − d)·f starting from <paramref name="initial"/>.</summary>
    /// <param name="decay">d ∈ [0, 1).</param>
    /// <param name="initial">The starting value of b (default 0).</param>
    /// <returns>The baseline.</returns>
    public static ScoreBaseline RunningMean(double decay, double initial = 0)
    {
        if (!(decay >= 0 && decay < 1))
            throw new ArgumentOutOfRangeException(nameof(decay), decay, $"decay must lie in [0, 1), but was {Require.Format(decay)}.");
        Require.Finite(initial, nameof(initial));
        return new(ScoreBaselineKind.RunningMean, initial, decay);
    }

    /// <summary>A short label for legends, e.g. "running mean (d = 0.9)".</summary>
    public string Label => Kind switch
    {
        ScoreBaselineKind.None => "no baseline",
        ScoreBaselineKind.Constant => $"constant b = {Value:G4}",
        ScoreBaselineKind.RunningMean => $"running mean (d = {Decay:G3})",
        _ => "leave-one-out",
    };
}
