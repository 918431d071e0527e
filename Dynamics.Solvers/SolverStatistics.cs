namespace Dynamics.Solvers;

/// <summary>The work a solve did.</summary>
/// <param name="RhsEvaluations">Evaluations of f(t, y), including those for the initial step size and for interpolation.</param>
/// <param name="AcceptedSteps">Accepted steps.</param>
/// <param name="RejectedSteps">Rejected step attempts.</param>
public readonly record struct SolverStatistics(long RhsEvaluations, long AcceptedSteps, long RejectedSteps);
