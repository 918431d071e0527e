using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;
using Dynamics.Problems;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Validation;

namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// The sampler lab's measurements: a deterministic sampler's end points against the exact flow map from the same noise
/// (Verner 8 at tolerance 1e-12 on dy/ds = ε*(y; s)), and the observed order fitted over a sweep of step counts.
/// </summary>
public static class SamplerConvergence
{
    /// <summary>
    /// The exact end points y(s_min) of samples 0 … count − 1 started, as every level sampler starts them, at
    /// y(s_max) = s_max·z with z the sample's normals 0 … d − 1 under <paramref name="seed"/>: Verner 8 (Verner 2010) with
    /// relative and absolute tolerance 1e-12 on the probability-flow ODE of <see cref="EdmSchedule"/>.
    /// </summary>
    /// <param name="data">The data law (Dirac components allowed: s_min &gt; 0).</param>
    /// <param name="maximumLevel">s_max &gt; s_min.</param>
    /// <param name="minimumLevel">s_min &gt; 0.</param>
    /// <param name="count">The number of samples.</param>
    /// <param name="seed">The noise seed of the samplers being measured.</param>
    /// <returns>The end points, component-major.</returns>
    public static double[] ReferenceEndPoints(GaussianMixture data, double maximumLevel, double minimumLevel, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(data);
        Require.Positive(minimumLevel, nameof(minimumLevel));
        if (!(maximumLevel > minimumLevel))
            throw new ArgumentException($"maximumLevel = {Require.Format(maximumLevel)} must exceed minimumLevel = {Require.Format(minimumLevel)}.", nameof(maximumLevel));
        Require.AtLeast(count, 1, nameof(count));
        int d = data.Dimension;
        var result = new double[d * count];
        using var flow = new ProbabilityFlow(data, new EdmSchedule(maximumLevel));
        var options = SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.End };
        Parallel.For(0, count, m =>
        {
            var y = new double[d];
            CounterRandom.FillNormal(seed, (ulong)m, 0, y);
            for (int j = 0; j < d; j++) y[j] *= maximumLevel;
            var solution = Ode.Solve(new OdeProblem<ProbabilityFlow>(flow, y, maximumLevel, minimumLevel), new Verner8(), options);
            var end = solution.State(solution.Count - 1);
            for (int j = 0; j < d; j++) result[j * count + m] = end[j];
        });
        return result;
    }

    /// <summary>The root-mean-square end-point error (1/n Σ_m ‖y_m − y_m^ref‖²)^{1/2}.</summary>
    /// <param name="samples">The sampler's output.</param>
    /// <param name="reference">The exact end points (component-major, same count and dimension).</param>
    /// <returns>The error.</returns>
    public static double EndPointError(DiffusionSamples samples, ReadOnlySpan<double> reference)
    {
        ArgumentNullException.ThrowIfNull(samples);
        Require.Length(reference.Length, samples.Samples.Length, nameof(reference));
        double sum = 0;
        var x = samples.Samples;
        for (int i = 0; i < x.Length; i++) sum += (x[i] - reference[i]) * (x[i] - reference[i]);
        return Math.Sqrt(sum / samples.Count);
    }

    /// <summary>
    /// The observed order p of error ∝ N^{−p}: the least-squares slope of −log(error) against log(N).
    /// </summary>
    /// <param name="steps">Step counts N (at least two distinct).</param>
    /// <param name="errors">The errors, positive.</param>
    /// <returns>p.</returns>
    public static double ObservedOrder(ReadOnlySpan<double> steps, ReadOnlySpan<double> errors)
    {
        Require.Length(errors.Length, steps.Length, nameof(errors));
        Require.AtLeast(steps.Length, 2, "steps.Length");
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        int n = steps.Length;
        for (int i = 0; i < n; i++)
        {
            Require.Positive(steps[i], $"steps[{i}]");
            Require.Positive(errors[i], $"errors[{i}]");
            double x = Math.Log(steps[i]), y = -Math.Log(errors[i]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }

        double denominator = n * sxx - sx * sx;
        if (!(denominator > 0)) throw new ArgumentException("steps must contain at least two distinct values.", nameof(steps));
        return (n * sxy - sx * sy) / denominator;
    }
}
