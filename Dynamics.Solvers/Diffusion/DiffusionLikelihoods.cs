namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// log p_{t₀}(x) for a batch of points, through the probability-flow ODE. A point whose solve failed has NaN and its
/// status (the others are unaffected).
/// </summary>
/// <param name="LogDensities">One estimate per point (NaN where the solve did not reach T).</param>
/// <param name="Statuses">Each point's solve status.</param>
/// <param name="MeanEvaluations">Field evaluations per point, on average (each includes the divergence).</param>
public sealed record DiffusionLikelihoods(double[] LogDensities, SolveStatus[] Statuses, double MeanEvaluations);
