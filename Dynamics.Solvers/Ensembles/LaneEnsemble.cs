using System.Runtime.ExceptionServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// <see cref="EnsembleStrategy.SimdLanes"/>: per-member adaptive SIMD ensembles with Dormand–Prince 5(4): every SIMD lane holds a different member with its own
/// time, step size, error history and accept/reject decision, and a lane whose member finishes is refilled from the
/// queue at once, so no lane waits for the slowest member. Each member takes the steps
/// <see cref="Ensemble.Solve{TField}(EnsembleProblem{TField}, Methods.IOdeMethod, EnsembleOptions?, EnsembleSolution?)"/> would take with <see cref="RungeKutta.DormandPrince5"/> and the same options
/// (Hairer's initial step, RMS norm, the configured controller, FSAL), and ends at the same state to round-off: the
/// lanes use fused multiply-adds and evaluate the controller's powers as exp(β·ln e).
/// </summary>
/// <remarks>
/// Each worker integrates up to <see cref="LaneCount"/> members side by side: with AVX-512 16 (<see cref="Lane512Pair"/>,
/// two registers, so two independent dependency chains overlap). A three-component field with at most four parameters
/// runs its stages in the register kernel, which keeps the state and all seven stages of eight lanes in registers, the two
/// halves of the sixteen one after the other (sixteen lanes' stages do not fit in the 32 registers); its step control
/// runs on all sixteen. With AVX2 it is 4, otherwise 1;
/// the choice is made at run time and does not change results. Supported options: tolerances (per-component absolute ones included), controller,
/// initial, minimum and maximum step, max steps, and <see cref="SaveAt.End"/> output. Events, dense or per-step output,
/// the max norm and fixed steps need <see cref="EnsembleStrategy.IndependentMembers"/>. A member whose field throws (in the scalar start or the
/// lane kernel) ends with <see cref="SolveStatus.UserCodeFailed"/> and the exception (<see cref="EnsembleSolution.Exception(int)"/>)
/// at its last accepted step; the members in the other lanes are unaffected, bit for bit. When the lane kernel throws
/// but no member's own field does at the same point, every member then in the worker's lanes fails with the kernel's exception.
/// </remarks>
internal static class LaneEnsemble
{
    /// <summary>The most members a worker integrates side by side on this machine: 16, 4 or 1.</summary>
    public static int LaneCount => Lane512Pair.IsHardwareAccelerated ? Lane512Pair.Count : Lane256.IsHardwareAccelerated ? Lane256.Count : 1;

    /// <summary>Solves every member; the final states, statuses and statistics come back as from <see cref="Ensemble.Solve{TField}(EnsembleProblem{TField}, Methods.IOdeMethod, EnsembleOptions?, EnsembleSolution?)"/>.</summary>
    /// <typeparam name="TField">The members' field type, e.g. <c>Lorenz</c>: any struct <see cref="ILaneField"/>, whose one formula the lanes run.</typeparam>
    /// <param name="problem">The ensemble.</param>
    /// <param name="method">The method: Dormand–Prince 5(4).</param>
    /// <param name="options">The options.</param>
    /// <param name="reuse">An earlier solution of the same shape to write into, or null.</param>
    /// <returns>Each member's outcome.</returns>
    public static EnsembleSolution Solve<TField>(EnsembleProblem<TField> problem, Methods.IOdeMethod method, EnsembleOptions options, EnsembleSolution? reuse = null)
        where TField : struct, ILaneField
    {
        if (method is not RungeKutta.DormandPrince5)
            throw new ArgumentException($"EnsembleStrategy.SimdLanes runs DormandPrince5, but method is {method.Name}; use EnsembleStrategy.Lockstep or IndependentMembers.", nameof(method));
        var solver = options.Solver;
        var first = problem.MemberProblem(0) ?? throw new ArgumentException("memberProblem returned null for member 0.", nameof(problem));
        int n = first.Dimension;
        solver.Validate(n, first.StartTime, first.EndTime, adaptiveMethod: true, "Dormand–Prince 5(4)");
        CheckSupported(solver);

        var results = new LaneResults(EnsembleSolution.Destination(reuse, problem.Count, n));
        var queue = new MemberQueue(problem.Count, options);
        int workers = options.Workers;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = workers };
        try
        {
            Parallel.For(0, workers, parallel, _ =>
            {
                if (Lane512Pair.IsHardwareAccelerated) new LaneWorkspace<TField, Lane512Pair>(problem, first, solver, queue, results).Run();
                else if (Lane256.IsHardwareAccelerated) new LaneWorkspace<TField, Lane256>(problem, first, solver, queue, results).Run();
                else new LaneWorkspace<TField, ScalarLane>(problem, first, solver, queue, results).Run();
            });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }

        return results.ToSolution();
    }

    private static void CheckSupported(SolverOptions solver)
    {
        if (solver.StepSize is not null)
            throw new ArgumentException("EnsembleStrategy.SimdLanes adapts every member's step; for a fixed StepSize use EnsembleStrategy.Lockstep or IndependentMembers.", "StepSize");
        EnsembleOptions.RequireSimdSupport(solver, EnsembleStrategy.SimdLanes);
    }

    /// <summary>Hands out member indices in increasing order until the ensemble ends or is cancelled.</summary>
    internal sealed class MemberQueue(int count, EnsembleOptions options)
    {
        private readonly ProgressThrottle _progress = new(options.Progress, count, options.ProgressInterval);
        private int _next;

        public bool TryTake(out int member)
        {
            member = -1;
            if (options.CancellationToken.IsCancellationRequested) return false;
            member = Interlocked.Increment(ref _next) - 1;
            return member < count;
        }

        public void Completed() => _progress.Add(1);
    }

    /// <summary>Per-member outcomes, written into the solution by whichever worker finished the member.</summary>
    internal sealed class LaneResults
    {
        private readonly EnsembleSolution _solution;

        // Every member starts Running (the zero status), so one that no lane finished (never handed out: cancelled) is
        // found at the end, in a reused solution as in a new one.
        public LaneResults(EnsembleSolution solution)
        {
            _solution = solution;
            solution.StatusStorage.AsSpan().Clear();
        }

        public void Record(int member, double time, ReadOnlySpan<double> state, SolveStatus status, string? message, SolverStatistics statistics,
            Exception? exception = null) => _solution.SetMember(member, time, state, status, message, statistics, exception);

        public EnsembleSolution ToSolution()
        {
            var statuses = _solution.StatusStorage;
            for (int m = 0; m < statuses.Length; m++)
            {
                if (statuses[m] == SolveStatus.Running) _solution.SetCancelled(m);
            }

            return _solution.Complete();
        }
    }
}
