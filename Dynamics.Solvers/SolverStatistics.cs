namespace Dynamics.Solvers;

/// <summary>The work a solve did.</summary>
/// <param name="RhsEvaluations">Evaluations of f(t, y), including those for the initial step size and for interpolation.</param>
/// <param name="AcceptedSteps">Accepted steps.</param>
/// <param name="RejectedSteps">Rejected step attempts.</param>
public readonly record struct SolverStatistics(long RhsEvaluations, long AcceptedSteps, long RejectedSteps)
{
    /// <summary>Jacobian evaluations ∂f/∂y (analytic or by differences; 0 for explicit methods).</summary>
    public long JacobianEvaluations { get; init; }

    /// <summary>LU factorisations of iteration matrices (0 for explicit methods).</summary>
    public long LuFactorizations { get; init; }

    /// <summary>Simplified-Newton iterations that failed to converge, each forcing a smaller step (implicit Runge–Kutta methods).</summary>
    public long NewtonFailures { get; init; }
}
