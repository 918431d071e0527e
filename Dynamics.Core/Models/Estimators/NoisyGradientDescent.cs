using Dynamics.Maps;
using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// A stochastic gradient flow: θₙ₊₁ = θₙ − h·ĝₙ(θₙ), the Euler discretisation of θ̇ = −∇L(θ) with the estimator's
/// noise as the forcing (kexue.fm/archives/5655: SGD ≈ gradient flow plus noise of variance h·Var ĝ per unit time).
/// Iteration n uses estimate index n (path p of an ensemble uses seed + p), so a path is reproducible and independent of
/// threads. An optional lower bound per component keeps a scale parameter such as σ positive.
/// </summary>
public static class NoisyGradientDescent
{
    /// <summary>Runs <paramref name="steps"/> iterations and records every <paramref name="recordEvery"/>-th state.</summary>
    /// <param name="estimator">The gradient estimator (reset first).</param>
    /// <param name="initial">θ₀.</param>
    /// <param name="stepSize">h &gt; 0; the recorded time of state n is n·h.</param>
    /// <param name="steps">The number of iterations ≥ 1.</param>
    /// <param name="seed">The path's seed.</param>
    /// <param name="recordEvery">Record every k-th state (the last is always recorded), k ≥ 1.</param>
    /// <param name="lowerBounds">Per-component floors applied after each step (null: none); e.g. (−∞, 1e-3) for (μ, σ).</param>
    /// <returns>The recorded iterates.</returns>
    public static MapTrajectory Run(IGradientEstimator estimator, ReadOnlySpan<double> initial, double stepSize, int steps, ulong seed,
        int recordEvery = 1, double[]? lowerBounds = null)
    {
        ArgumentNullException.ThrowIfNull(estimator);
        int d = estimator.Dimension;
        Require.Length(initial.Length, d, nameof(initial));
        Require.AllFinite(initial, nameof(initial));
        Require.Positive(stepSize, nameof(stepSize));
        Require.AtLeast(steps, 1, nameof(steps));
        Require.AtLeast(recordEvery, 1, nameof(recordEvery));
        if (lowerBounds is not null) Require.Length(lowerBounds.Length, d, nameof(lowerBounds));

        int records = steps / recordEvery + (steps % recordEvery == 0 ? 1 : 2);
        var times = new double[records];
        var states = new double[records * d];
        var theta = initial.ToArray();
        var gradient = new double[d];
        theta.CopyTo(states, 0);
        int r = 1;
        string? failure = null;
        estimator.Reset();
        int n = 0;
        while (n < steps)
        {
            estimator.Estimate(theta, seed, n, gradient);
            for (int j = 0; j < d; j++)
            {
                theta[j] -= stepSize * gradient[j];
                if (lowerBounds is not null) theta[j] = Math.Max(theta[j], lowerBounds[j]);
            }

            n++;
            bool finite = Array.TrueForAll(theta, double.IsFinite);
            if (!finite) failure = $"the state became non-finite at step {n}.";
            if (n % recordEvery == 0 || n == steps || !finite)
            {
                times[r] = n * stepSize;
                theta.CopyTo(states, r * d);
                r++;
            }

            if (!finite) break;
        }

        return new MapTrajectory(d, times[..r], states[..(r * d)], n, failure);
    }
}
