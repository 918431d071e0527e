using System.Runtime.ExceptionServices;
using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// Solves one field from many initial states, as phase portraits, separatrices and basins of attraction need. Every
/// start is an independent adaptive solve (its own steps, events and status), run by the ensemble engine
/// (<see cref="Ensembles.Ensemble"/>'s independent-member path: fixed blocks on all cores, one reused integrator per
/// worker); results are identical to solving the starts one by one, in any thread schedule. A numerical failure is the
/// member's status (<see cref="SolverOptions.ThrowOnFailure"/> does not apply); programmer errors throw as themselves.
/// </summary>
public static class TrajectoryBatch
{
    /// <summary>Solves dy/dt = f(t, y), y(t₀) = starts[m], for every m.</summary>
    /// <typeparam name="TField">The field type; it must be safe to evaluate from several threads at once (the models are).</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="starts">The initial states, each of the field's dimension and finite.</param>
    /// <param name="startTime">t₀.</param>
    /// <param name="endTime">The final time (before t₀ to integrate backwards).</param>
    /// <param name="method">The method.</param>
    /// <param name="options">The options, shared by every solve.</param>
    /// <returns>One solution per start, in order.</returns>
    public static Solution[] Solve<TField>(TField field, IReadOnlyList<double[]> starts, double startTime, double endTime, IOdeMethod method,
        SolverOptions? options = null)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(starts);
        ArgumentNullException.ThrowIfNull(method);
        var problems = new OdeProblem<TField>[starts.Count];
        for (int m = 0; m < problems.Length; m++)
        {
            if (starts[m] is null) throw new ArgumentException($"starts[{m}] is null.", nameof(starts));
            problems[m] = OdeProblem.Create(field, starts[m], startTime, endTime);
        }

        // Options are checked once here, so a bad option is one clear exception rather than one per worker.
        options ??= SolverOptions.Default;
        if (problems.Length > 0) options.Validate(problems[0].Dimension, startTime, endTime, method.EmbeddedOrder is not null, method.Name);
        var solutions = new Solution[problems.Length];
        if (problems.Length == 0) return solutions;
        // The ensemble engine: members in fixed blocks on all cores, one reused integrator per worker, the same
        // results whatever the thread count.
        EnsembleRunner.Run(new EnsembleProblem<TField>(problems.Length, m => problems[m]), method, new EnsembleOptions { Solver = options },
            problems[0].Dimension, (int member, int _, in EnsembleMemberEnd end) =>
            {
                // A throwing field is a programmer error for a batch of trajectories: it surfaces as itself.
                if (end.Exception is { } exception) ExceptionDispatchInfo.Throw(exception);
                solutions[member] = end.Solution!;
            }, _ => { }, recordEveryMember: true);
        return solutions;
    }

    /// <summary>
    /// Traces each start forwards for <paramref name="forward"/> and backwards for <paramref name="backward"/> time
    /// units and joins the two halves into one trajectory through the start, ordered in forward time, sampled densely
    /// enough to draw (<see cref="Trajectory.Refine"/>).
    /// </summary>
    /// <typeparam name="TField">The field type; it must be safe to evaluate from several threads at once.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="starts">The initial states.</param>
    /// <param name="startTime">The time at the starts.</param>
    /// <param name="forward">How long to integrate forwards (≥ 0).</param>
    /// <param name="backward">How long to integrate backwards (≥ 0; not both 0).</param>
    /// <param name="method">The method.</param>
    /// <param name="options">The options (their <see cref="SolverOptions.SaveAt"/> is replaced by dense output).</param>
    /// <param name="pointsPerStep">Points drawn per step.</param>
    /// <returns>One trajectory per start.</returns>
    public static Trajectory[] TraceBothWays<TField>(TField field, IReadOnlyList<double[]> starts, double startTime, double forward, double backward,
        IOdeMethod method, SolverOptions? options = null, int pointsPerStep = 4)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(starts);
        Validation.Require.NonNegative(forward, nameof(forward));
        Validation.Require.NonNegative(backward, nameof(backward));
        if (forward == 0 && backward == 0) throw new ArgumentException("forward and backward are both 0: nothing to trace.", nameof(forward));
        var dense = (options ?? SolverOptions.Default) with { SaveAt = SaveAt.Dense };
        var ahead = forward > 0 ? Solve(field, starts, startTime, startTime + forward, method, dense) : null;
        var behind = backward > 0 ? Solve(field, starts, startTime, startTime - backward, method, dense) : null;
        var paths = new Trajectory[starts.Count];
        for (int m = 0; m < paths.Length; m++)
        {
            var later = ahead is null ? null : Trajectory.Refine(ahead[m], pointsPerStep);
            var earlier = behind is null ? null : Trajectory.Refine(behind[m], pointsPerStep).Reversed();
            paths[m] = earlier is null ? later! : later is null ? earlier : earlier.Then(later);
        }

        return paths;
    }
}
