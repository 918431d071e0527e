using Dynamics.Solvers.StepSize;
using Dynamics.Validation;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// How the lockstep solver runs: the step (fixed, or tolerances for adaptive Dormand–Prince), the batch size that is
/// both the unit of shared step control and of threading, parallelism, opt-in per-step output, progress and
/// cancellation.
/// </summary>
public sealed record LockstepOptions
{
    /// <summary>The default options (adaptive where the method allows it, batches of 256, all cores).</summary>
    public static LockstepOptions Default { get; } = new();

    /// <summary>
    /// A fixed step, signed in the direction of integration; required for <see cref="LockstepMethod.ExplicitEuler"/> and
    /// <see cref="LockstepMethod.RungeKutta4"/>, and for <see cref="LockstepMethod.DormandPrince5"/> it switches step
    /// control off. Steps end on t₀ + k·h; the last one is shortened to land on the final time.
    /// </summary>
    public double? StepSize { get; init; }

    /// <summary>Relative tolerance rtol &gt; 0 for the adaptive method (default 1e-6).</summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>Absolute tolerance atol &gt; 0 for the adaptive method (default 1e-9).</summary>
    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>The step-size controller of the adaptive method (default <see cref="StepSizeController.PI"/>, as for one trajectory).</summary>
    public StepSizeController Controller { get; init; } = StepSizeController.PI;

    /// <summary>The most step attempts per batch before it ends with <see cref="SolveStatus.MaxStepsReached"/> (default 1,000,000).</summary>
    public int MaxSteps { get; init; } = 1_000_000;

    /// <summary>
    /// Members per batch (default 256). A batch shares one step and runs on one thread with its buffers in the core's
    /// cache; the batches are fixed by this number alone, so results do not depend on the number of threads.
    /// Smaller batches follow each member's needs more closely under adaptive control.
    /// </summary>
    public int BatchSize { get; init; } = 256;

    /// <summary>The most threads to use; −1 (the default) uses every core.</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>Receives each batch's states at the start and after every accepted step (default none: only final states are kept).</summary>
    public ILockstepObserver? Observer { get; init; }

    /// <summary>
    /// Receives the number of finished members as batches finish (default none): after the first batch, then at most
    /// once per <see cref="ProgressInterval"/>, and always after the last. Counts never decrease.
    /// </summary>
    public IProgress<EnsembleProgress>? Progress { get; init; }

    /// <summary>The least time between two progress reports (default 100 ms; <see cref="TimeSpan.Zero"/> reports every batch).</summary>
    public TimeSpan ProgressInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Stops the solve: finished batches are kept, the others are marked <see cref="SolveStatus.Cancelled"/> with the state they reached.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Checks the options for a method and time span; every message names the option and the value.</summary>
    /// <param name="method">The method.</param>
    /// <param name="startTime">t₀.</param>
    /// <param name="endTime">The final time.</param>
    public void Validate(LockstepMethod method, double startTime, double endTime)
    {
        if (!Enum.IsDefined(method))
            throw new ArgumentOutOfRangeException(nameof(method), method, $"method must be a defined LockstepMethod, but was {(int)method}.");
        Require.Positive(RelativeTolerance, nameof(RelativeTolerance));
        Require.Positive(AbsoluteTolerance, nameof(AbsoluteTolerance));
        Require.AtLeast(MaxSteps, 1, nameof(MaxSteps));
        Require.AtLeast(BatchSize, 1, nameof(BatchSize));
        if (ProgressInterval < TimeSpan.Zero)
            throw new ArgumentOutOfRangeException(nameof(ProgressInterval), ProgressInterval, $"ProgressInterval must not be negative, but was {ProgressInterval}.");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism,
                $"MaxDegreeOfParallelism must be -1 (all cores) or at least 1, but was {MaxDegreeOfParallelism}.");
        ArgumentNullException.ThrowIfNull(Controller, nameof(Controller));
        Controller.Validate();
        if (StepSize is { } h)
        {
            Require.Finite(h, nameof(StepSize));
            if (h == 0 || Math.Sign(h) != Math.Sign(endTime - startTime))
                throw new ArgumentOutOfRangeException(nameof(StepSize), h,
                    $"StepSize = {Require.Format(h)} must be non-zero and point from t₀ = {Require.Format(startTime)} towards {Require.Format(endTime)}.");
        }
        else if (method != LockstepMethod.DormandPrince5)
        {
            throw new ArgumentException($"{method} has no error estimate, so it needs a fixed StepSize.", nameof(StepSize));
        }
    }
}
