namespace Dynamics.Models.Estimators;

/// <summary>Which control variate b the score-function estimator subtracts: (f(z) − b)∇log p(z).</summary>
public enum ScoreBaselineKind
{
    /// <summary>No baseline: plain REINFORCE, f(z)∇log p(z) (Williams 1992).</summary>
    None,

    /// <summary>A fixed number b chosen by the user.</summary>
    Constant,

    /// <summary>
    /// An exponential moving average of earlier f values, b ← d·b + (1 − d)·f, updated after each use so that b never
    /// depends on the sample it multiplies (the estimator stays unbiased).
    /// </summary>
    RunningMean,

    /// <summary>
    /// The mean of f over the other M − 1 samples of the same estimate (Kool, van Hoof &amp; Welling 2019, "Buy 4
    /// REINFORCE samples, get a baseline for free"); unbiased because the other samples are independent. Needs M ≥ 2.
    /// </summary>
    LeaveOneOut,
}
