using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Solvers.Internal;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers;

/// <summary>
/// The one-call facade: <c>Ode.Solve(problem, new DormandPrince5(), options)</c> creates an
/// <see cref="Integrator{TField}"/>, steps it to the end and records what <see cref="SolverOptions.SaveAt"/> asks for.
/// </summary>
public static class Ode
{
    // The progress callback fires each time the fraction done has grown by this much (≤ ~100 reports per solve).
    private const double ProgressIncrement = 0.01;

    /// <summary>Solves an initial-value problem.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="problem">The problem.</param>
    /// <param name="method">The method, e.g. <c>new DormandPrince5()</c>.</param>
    /// <param name="options">The options (default <see cref="SolverOptions.Default"/>).</param>
    /// <returns>
    /// The solution (see <see cref="SolverOptions.CancellationToken"/> and <see cref="SolverOptions.Progress"/> to
    /// cancel it or follow its progress). A numerical failure is a <see cref="SolvedPath.Status"/> with everything computed so far, or an
    /// <see cref="OdeSolveException"/> carrying that solution when <see cref="SolverOptions.ThrowOnFailure"/> is set.
    /// </returns>
    public static Solution Solve<TField>(OdeProblem<TField> problem, IOdeMethod method, SolverOptions? options = null)
        where TField : IVectorField
    {
        options ??= SolverOptions.Default;
        var integrator = new Integrator<TField>(problem, method, options, throwOnFailure: false);
        var recorder = new SolutionRecorder<TField>(integrator, options.SaveAt);
        var cancellationToken = options.CancellationToken;
        var progress = options.Progress;
        double span = integrator.EndTime - integrator.StartTime, nextReport = ProgressIncrement, reported = 0;
        if (cancellationToken.IsCancellationRequested) integrator.Cancel();
        while (integrator.Step())
        {
            recorder.RecordStep();
            if (progress is not null)
            {
                double fraction = (integrator.Time - integrator.StartTime) / span;
                if (fraction >= nextReport)
                {
                    progress.Report(fraction);
                    reported = fraction;
                    nextReport = fraction + ProgressIncrement;
                }
            }

            if (cancellationToken.IsCancellationRequested) integrator.Cancel();
        }

        if (progress is not null && integrator.Status == SolveStatus.Success && reported < 1) progress.Report(1.0);
        var solution = recorder.Finish();
        if (options.ThrowOnFailure && !solution.IsSuccess)
            throw new OdeSolveException(solution.Status, solution.Message, solution, solution.Exception);
        return solution;
    }

    /// <summary>
    /// Solves an initial-value problem whose field is a struct <see cref="ILaneField"/>: the same solve as
    /// <see cref="Solve{TField}"/>, step for step and bit for bit, which the compiler picks for such fields. For a
    /// three-component field under <see cref="RungeKutta.DormandPrince5"/> with end or every-step saving and no events,
    /// progress or cancellation token, the state and stages then stay in registers and the stages call the lane formula
    /// itself, which the <see cref="ILaneField"/> contract makes the field's <c>Evaluate</c> (see docs/solvers.md); every
    /// other case, and any solve that fails, runs the span path.
    /// </summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <typeparam name="TMethod">The method's type (any <see cref="IOdeMethod"/>).</typeparam>
    /// <param name="problem">The problem.</param>
    /// <param name="method">The method, e.g. <c>new DormandPrince5()</c>.</param>
    /// <param name="options">The options (default <see cref="SolverOptions.Default"/>).</param>
    /// <returns>The solution, as <see cref="Solve{TField}"/> returns it.</returns>
    // The priority makes the compiler prefer this overload wherever TField satisfies its constraints; elsewhere it is
    // not a candidate. That is how the ILaneField constraint reaches the register path without a run-time dispatch.
    [OverloadResolutionPriority(1)]
    public static Solution Solve<TField, TMethod>(OdeProblem<TField> problem, TMethod method, SolverOptions? options = null)
        where TField : struct, ILaneField
        where TMethod : IOdeMethod
    {
        var effective = options ?? SolverOptions.Default;
        if (problem is not null && method is not null && RegisterIntegrator.Takes(problem, method, effective)
            && RegisterIntegrator.TrySolve(problem, method, effective) is { } solution)
            return solution;
        return Solve<TField>(problem!, method!, options);
    }

    /// <summary>Creates an integrator for manual stepping.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="problem">The problem.</param>
    /// <param name="method">The method.</param>
    /// <param name="options">The options (default <see cref="SolverOptions.Default"/>).</param>
    /// <returns>The integrator, positioned at the initial state.</returns>
    public static Integrator<TField> CreateIntegrator<TField>(OdeProblem<TField> problem, IOdeMethod method, SolverOptions? options = null)
        where TField : IVectorField => new(problem, method, options);
}
