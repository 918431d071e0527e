using System.Runtime.ExceptionServices;
using Dynamics.Fields;
using Dynamics.Solvers.Internal;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// Runs the members of an <see cref="EnsembleProblem{TField}"/> in fixed blocks on all cores, one reusable
/// <see cref="Integrator{TField}"/> per worker, and hands each finished member to a sink. A block's members run in
/// order on one worker, so anything a sink computes per block is independent of the thread count.
/// </summary>
internal static class EnsembleRunner
{
    /// <summary>Receives a finished member: its integrator (positioned at its end) and, when recording, its solution.</summary>
    public delegate void MemberSink<TField>(int member, int block, Integrator<TField> integrator, Solution? solution) where TField : IVectorField;

    /// <summary>
    /// Solves every member; members not started when cancellation is requested are passed to <paramref name="cancelled"/>.
    /// Solutions are recorded when the save mode keeps more than final states, or always with
    /// <paramref name="recordEveryMember"/> (for callers that want each member's <see cref="Solution"/>).
    /// </summary>
    public static void Run<TField>(EnsembleProblem<TField> problem, IOdeMethod method, EnsembleOptions options, int dimension,
        MemberSink<TField> sink, Action<int> cancelled, bool recordEveryMember = false) where TField : IVectorField
    {
        int count = problem.Count, blockSize = options.BlockSize;
        int blocks = (count + blockSize - 1) / blockSize;
        var solver = options.Solver with { ThrowOnFailure = false };
        bool record = recordEveryMember || solver.SaveAt.Mode != SaveMode.End;
        var token = options.CancellationToken;
        int completed = 0;
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

                    var memberProblem = problem.Member(member, dimension);
                    if (integrator is null) integrator = new Integrator<TField>(memberProblem, method, solver, throwOnFailure: false);
                    else integrator.Reset(memberProblem);
                    if (record)
                    {
                        var recorder = new SolutionRecorder<TField>(integrator, solver.SaveAt);
                        while (integrator.Step()) recorder.RecordStep();
                        sink(member, block, integrator, recorder.Finish());
                    }
                    else
                    {
                        while (integrator.Step())
                        {
                        }

                        sink(member, block, integrator, null);
                    }
                }

                int done = Interlocked.Add(ref completed, end - first);
                options.Progress?.Report(new EnsembleProgress(done, count));
                return integrator;
            }, _ => { });
        }
        catch (AggregateException e) when (e.InnerExceptions.Count > 0)
        {
            // A programmer error in the factory or the field surfaces as itself, not wrapped by the thread pool.
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
