namespace Dynamics.Solvers.Implicit;

/// <summary>
/// What the integrator asks of an implicit stepper beyond <see cref="Methods.IStepper"/>: the tolerances (for Newton's
/// stopping test and the difference increments) and the linear-algebra work counters for <see cref="SolverStatistics"/>.
/// </summary>
internal interface IImplicitStepper
{
    long JacobianEvaluations { get; }

    long LuFactorizations { get; }

    long NewtonFailures { get; }

    void UseTolerances(double relativeTolerance, ReadOnlySpan<double> absoluteTolerances);
}
