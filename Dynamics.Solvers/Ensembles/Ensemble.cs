using System.Collections.Concurrent;
using Dynamics.Fields;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// Ensembles of independent members: every member adapts its own step, tracks its own events and ends with its own
/// status, exactly as <see cref="Ode.Solve{TField}"/> would solve it alone, and members run on all cores with one
/// reusable integrator per worker. Results are identical whatever the thread count. A failing member does not stop
/// the others. See <see cref="LockstepEnsemble"/> for shared-step SIMD batches and
/// <see cref="LaneEnsemble"/> for per-member adaptive SIMD.
/// </summary>
public static class Ensemble
{
    /// <summary>Solves every member and keeps what <see cref="EnsembleOptions.Solver"/>'s <see cref="SaveAt"/> asks for.</summary>
    /// <typeparam name="TField">The members' field type.</typeparam>
    /// <param name="problem">The ensemble.</param>
    /// <param name="method">The method, shared by every member.</param>
    /// <param name="options">The options (default <see cref="EnsembleOptions.Default"/>: final states only).</param>
    /// <returns>Each member's outcome.</returns>
    public static EnsembleSolution Solve<TField>(EnsembleProblem<TField> problem, IOdeMethod method, EnsembleOptions? options = null)
        where TField : IVectorField
    {
        (options, int n) = Prepare(problem, method, options);
        int count = problem.Count;
        var saveAt = options.Solver.SaveAt;
        var savedTimes = saveAt.Mode == SaveMode.Times ? saveAt.RequestedTimes.ToArray() : [];
        var finalTimes = new double[count];
        var finalStates = new double[(long)count * n];
        var savedStates = new double[(long)count * savedTimes.Length * n];
        var statuses = new SolveStatus[count];
        var statistics = new SolverStatistics[count];
        var messages = new ConcurrentDictionary<int, string>();
        var solutions = saveAt.Mode is SaveMode.EveryStep or SaveMode.Dense ? new Solution?[count] : null;
        Array.Fill(savedStates, double.NaN);

        EnsembleRunner.Run(problem, method, options, n, (member, _, integrator, solution) =>
        {
            Record(member, integrator, finalTimes, finalStates, statuses, statistics, messages);
            if (solutions is not null) solutions[member] = solution;
            if (savedTimes.Length > 0)
            {
                for (int k = 0; k < solution!.Count; k++)
                {
                    int index = Array.IndexOf(savedTimes, solution.Times[k]);
                    solution.State(k).CopyTo(savedStates.AsSpan((member * savedTimes.Length + index) * n, n));
                }
            }
        }, member => MarkCancelled(member, n, finalTimes, finalStates, statuses));
        return new EnsembleSolution(n, finalTimes, finalStates, statuses, statistics, messages, savedTimes, savedStates, solutions);
    }

    /// <summary>
    /// Solves every member and folds its outcome into <paramref name="reducer"/>'s accumulators instead of keeping it,
    /// so memory does not grow with the number of members beyond one status per member.
    /// </summary>
    /// <typeparam name="TField">The members' field type.</typeparam>
    /// <typeparam name="TAccumulator">The reduced value's type.</typeparam>
    /// <param name="problem">The ensemble.</param>
    /// <param name="method">The method, shared by every member.</param>
    /// <param name="reducer">How outcomes are folded and partial results combined.</param>
    /// <param name="options">The options (default <see cref="EnsembleOptions.Default"/>; only final states are offered to the reducer).</param>
    /// <returns>The reduced value and a summary.</returns>
    public static EnsembleReduction<TAccumulator> Reduce<TField, TAccumulator>(EnsembleProblem<TField> problem, IOdeMethod method,
        IEnsembleReducer<TAccumulator> reducer, EnsembleOptions? options = null) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(reducer);
        (options, int n) = Prepare(problem, method, options);
        options = options with { Solver = options.Solver with { SaveAt = SaveAt.End } };
        int blocks = (problem.Count + options.BlockSize - 1) / options.BlockSize;
        var partial = new TAccumulator[blocks];
        for (int b = 0; b < blocks; b++) partial[b] = reducer.CreateAccumulator();
        var statuses = new SolveStatus[problem.Count];
        var totals = new SolverStatistics[blocks];
        EnsembleRunner.Run(problem, method, options, n, (member, block, integrator, _) =>
        {
            var statistics = integrator.Statistics;
            statuses[member] = integrator.Status;
            var sum = totals[block];
            totals[block] = new SolverStatistics(sum.RhsEvaluations + statistics.RhsEvaluations, sum.AcceptedSteps + statistics.AcceptedSteps,
                sum.RejectedSteps + statistics.RejectedSteps);
            partial[block] = reducer.Add(partial[block], member, new EnsembleMemberOutcome(integrator.Time, integrator.State, integrator.Status, statistics));
        }, member => statuses[member] = SolveStatus.Cancelled);

        var value = partial[0];
        for (int b = 1; b < blocks; b++) value = reducer.Combine(value, partial[b]);
        int succeeded = 0, cancelled = 0;
        foreach (var status in statuses)
        {
            if (status is SolveStatus.Success or SolveStatus.StoppedByEvent) succeeded++;
            else if (status is SolveStatus.Cancelled) cancelled++;
        }

        long evaluations = 0, accepted = 0, rejected = 0;
        foreach (var s in totals)
        {
            evaluations += s.RhsEvaluations;
            accepted += s.AcceptedSteps;
            rejected += s.RejectedSteps;
        }

        return new EnsembleReduction<TAccumulator>(value, succeeded, problem.Count - succeeded - cancelled, cancelled,
            new SolverStatistics(evaluations, accepted, rejected));
    }

    private static (EnsembleOptions Options, int Dimension) Prepare<TField>(EnsembleProblem<TField> problem, IOdeMethod method, EnsembleOptions? options)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(method);
        options ??= EnsembleOptions.Default;
        options.Validate();
        var first = problem.MemberProblem(0)
            ?? throw new ArgumentException("memberProblem returned null for member 0.", nameof(problem));
        options.Solver.Validate(first.Dimension, first.StartTime, first.EndTime, method.EmbeddedOrder is not null, method.Name);
        return (options, first.Dimension);
    }

    private static void Record<TField>(int member, Integrator<TField> integrator, double[] finalTimes, double[] finalStates, SolveStatus[] statuses,
        SolverStatistics[] statistics, ConcurrentDictionary<int, string> messages) where TField : IVectorField
    {
        int n = integrator.Dimension;
        finalTimes[member] = integrator.Time;
        integrator.State.CopyTo(finalStates.AsSpan(member * n, n));
        statuses[member] = integrator.Status;
        statistics[member] = integrator.Statistics;
        if (integrator.Status is not SolveStatus.Success) messages[member] = integrator.Message;
    }

    private static void MarkCancelled(int member, int n, double[] finalTimes, double[] finalStates, SolveStatus[] statuses)
    {
        statuses[member] = SolveStatus.Cancelled;
        finalTimes[member] = double.NaN;
        finalStates.AsSpan(member * n, n).Fill(double.NaN);
    }
}
