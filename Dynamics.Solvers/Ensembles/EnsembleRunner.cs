using System.Runtime.ExceptionServices;
using Dynamics.Fields;
using Dynamics.Solvers.Internal;
using Dynamics.Solvers.Methods;
using Dynamics.Validation;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// Runs the members of an <see cref="EnsembleProblem{TField}"/> in fixed blocks on all cores, one reusable
/// <see cref="Integrator{TField}"/> per worker, and hands each finished member to a sink. A block's members run in
/// order on one worker, so anything a sink computes per block is independent of the thread count. An exception from a
/// member's field or event function ends that member with <see cref="SolveStatus.UserCodeFailed"/>; the others go on.
/// </summary>
internal static class EnsembleRunner
{
    /// <summary>Receives a finished member.</summary>
    public delegate void MemberSink(int member, int block, in EnsembleMemberEnd end);

    /// <summary>
    /// Solves every member; members not started when cancellation is requested are passed to <paramref name="cancelled"/>.
    /// Solutions are recorded when the save mode keeps more than final states, or always with
    /// <paramref name="recordEveryMember"/> (for callers that want each member's <see cref="Solution"/>).
    /// </summary>
    public static void Run<TField>(EnsembleProblem<TField> problem, IOdeMethod method, EnsembleOptions options, int dimension,
        MemberSink sink, Action<int> cancelled, bool recordEveryMember = false) where TField : IVectorField
    {
        int count = problem.Count, blockSize = options.BlockSize;
        int blocks = (count + blockSize - 1) / blockSize;
        var solver = options.Solver with { ThrowOnFailure = false };
        bool record = recordEveryMember || solver.SaveAt.Mode != SaveMode.End;
        var token = options.CancellationToken;
        var progress = new ProgressThrottle(options.Progress, count, options.ProgressInterval);
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        try
        {
            Parallel.For(0, blocks, parallel, () => (Integrator<TField>?)null, (block, _, integrator) =>
            {
                int first = block * blockSize, end = Math.Min(count, first + blockSize);
                for (int member = first; member < end; member++)
                {
                    if (token.IsCancellationRequested)
                    {
                        cancelled(member);
                        continue;
                    }

                    integrator = SolveMember(problem, method, solver, dimension, record, member, block, integrator, sink);
                }

                progress.Add(end - first);
                return integrator;
            }, _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A programmer error in the factory or the options surfaces as itself, not wrapped by the thread pool.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    // Returns the integrator to reuse for the next member (null after a throw: it stopped mid-step).
    private static Integrator<TField>? SolveMember<TField>(EnsembleProblem<TField> problem, IOdeMethod method, SolverOptions solver, int dimension,
        bool record, int member, int block, Integrator<TField>? integrator, MemberSink sink) where TField : IVectorField
    {
        // The factory and the options are programmer errors and propagate; only running the member is user code.
        var memberProblem = problem.Member(member, dimension);
        solver.Validate(dimension, memberProblem.StartTime, memberProblem.EndTime, method.EmbeddedOrder is not null, method.Name);
        int direction = memberProblem.Direction;
        SolutionRecorder<TField>? recorder = null;
        try
        {
            if (integrator is null) integrator = new Integrator<TField>(memberProblem, method, solver, throwOnFailure: false);
            else integrator.Reset(memberProblem);
            if (record)
            {
                recorder = new SolutionRecorder<TField>(integrator, solver.SaveAt);
                while (integrator.Step()) recorder.RecordStep();
            }
            else
            {
                while (integrator.Step())
                {
                }
            }
        }
        catch (Exception e)
        {
            if (integrator is null)
            {
                sink(member, block, new EnsembleMemberEnd(memberProblem.StartTime, memberProblem.InitialState, SolveStatus.UserCodeFailed,
                    FailureMessage(e, memberProblem.StartTime), default, [], e, null));
                return null;
            }

            string message = FailureMessage(e, integrator.Time);
            sink(member, block, new EnsembleMemberEnd(integrator.Time, integrator.State, SolveStatus.UserCodeFailed, message, integrator.Statistics,
                SolutionRecorder<TField>.KeptEvents(integrator.Events, solver.SaveAt, direction), e,
                recorder?.Finish(SolveStatus.UserCodeFailed, message)));
            return null;
        }

        sink(member, block, new EnsembleMemberEnd(integrator.Time, integrator.State, integrator.Status, integrator.Message, integrator.Statistics,
            SolutionRecorder<TField>.KeptEvents(integrator.Events, solver.SaveAt, direction), integrator.Exception, recorder?.Finish()));
        return integrator;
    }

    private static string FailureMessage(Exception e, double t) =>
        $"The field or an event function threw {e.GetType().Name} after the last accepted step, at t = {Require.Format(t)}: {e.Message}";
}
