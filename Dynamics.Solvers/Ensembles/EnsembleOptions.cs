namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// How an ensemble is solved, whatever its <see cref="EnsembleStrategy"/>: the per-member <see cref="SolverOptions"/>
/// (tolerances or a fixed step, controller, step limits; its <see cref="SolverOptions.SaveAt"/> chooses the output),
/// parallelism, the lockstep batch size and observer, progress and cancellation.
/// </summary>
public sealed record EnsembleOptions
{
    /// <summary>The default options: default solver tolerances, final states only, all cores.</summary>
    public static EnsembleOptions Default { get; } = new();

    /// <summary>
    /// The options of every member. Their <see cref="SolverOptions.SaveAt"/> is the output projection:
    /// <see cref="SaveAt.End"/> (the default here) keeps only final states, <see cref="SaveAt.Times(double[])"/> keeps the
    /// states at those times, and <see cref="SaveAt.EveryStep"/> or <see cref="SaveAt.Dense"/> keep each member's whole
    /// <see cref="Solution"/> (opt-in: memory grows with steps). <see cref="SolverOptions.ThrowOnFailure"/> is ignored:
    /// a member's failure is its status, and the other members go on.
    /// </summary>
    public SolverOptions Solver { get; init; } = SolverOptions.Default with { SaveAt = SaveAt.End };

    /// <summary>The most threads to use; −1 (the default) uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>How many workers a solve that starts its own runs at most: <see cref="MaxDegreeOfParallelism"/>, or one per core for −1.</summary>
    internal int Workers => MaxDegreeOfParallelism == -1 ? Environment.ProcessorCount : MaxDegreeOfParallelism;

    /// <summary>
    /// Members per work item (default 64): a worker takes a block, solves its members in order and reports progress.
    /// Reductions combine per-block partial results in block order, so results do not depend on the thread count.
    /// </summary>
    public int BlockSize { get; init; } = 64;

    /// <summary>
    /// Members per batch of <see cref="EnsembleStrategy.Lockstep"/> (default 256). A batch shares one step and runs on one
    /// thread with its buffers in the core's cache; the batches are fixed by this number alone, so results do not depend
    /// on the number of threads. Smaller batches follow each member's needs more closely under adaptive control.
    /// </summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>
    /// Receives each lockstep batch's states at the start and after every accepted step (default none: only final
    /// states are kept); only <see cref="EnsembleStrategy.Lockstep"/> offers it.
    /// </summary>
    public ILockstepObserver? Observer { get; init; }

    /// <summary>
    /// Receives the number of finished members (default none): after the first one finishes, then at most once per
    /// <see cref="ProgressInterval"/>, and always when the last one finishes. Counts never decrease.
    /// </summary>
    public IProgress<EnsembleProgress>? Progress { get; init; }

    /// <summary>
    /// The least time between two progress reports (default 100 ms; <see cref="TimeSpan.Zero"/> reports every finished
    /// block or member, <see cref="TimeSpan.MaxValue"/> only the first and the last).
    /// </summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Stops the ensemble between members: finished members are kept, members not started are
    /// <see cref="SolveStatus.Cancelled"/>.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// What the SIMD strategies cannot do, rejected naming the option: they locate no events, keep final states only
    /// and measure errors with the RMS norm of the step-control core.
    /// </summary>
    internal static void RequireSimdSupport(SolverOptions solver, EnsembleStrategy strategy)
    {
        if (solver.Events.Count > 0)
            throw new ArgumentException($"EnsembleStrategy.{strategy} does not locate events ({solver.Events.Count} given); use EnsembleStrategy.IndependentMembers.", "Events");
        if (solver.SaveAt.Mode != SaveMode.End)
            throw new ArgumentException($"EnsembleStrategy.{strategy} keeps final states only (SaveAt.End), but SaveAt is {solver.SaveAt.Mode}; use EnsembleStrategy.IndependentMembers.", "SaveAt");
        if (!ReferenceEquals(solver.ErrorNorm, StepSize.ErrorNorm.Rms))
            throw new ArgumentException($"EnsembleStrategy.{strategy} measures errors with the RMS norm, but ErrorNorm is {solver.ErrorNorm}; use EnsembleStrategy.IndependentMembers.", "ErrorNorm");
    }

    internal void Validate()
    {
        ArgumentNullException.ThrowIfNull(Solver, nameof(Solver));
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism,
                $"MaxDegreeOfParallelism must be -1 (all cores) or at least 1, but was {MaxDegreeOfParallelism}.");
        Validation.Require.AtLeast(BlockSize, 1, nameof(BlockSize));
        Validation.Require.AtLeast(BatchSize, 1, nameof(BatchSize));
        if (ProgressInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, $"ProgressInterval must not be negative, but was {ProgressInterval}.");
    }
}
