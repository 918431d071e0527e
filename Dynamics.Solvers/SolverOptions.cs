using Dynamics.Solvers.Events;
using Dynamics.Solvers.StepSize;
using Dynamics.Validation;

namespace Dynamics.Solvers;

/// <summary>
/// How to solve: tolerances or a fixed step, step limits, what to save, events, and whether failure throws.
/// Every property has a sensible default, so <c>new SolverOptions()</c> or <see cref="Default"/> just works for
/// adaptive methods; fixed-step methods need <see cref="StepSize"/>.
/// </summary>
public sealed record SolverOptions
{
    /// <summary>The default options.</summary>
    public static SolverOptions Default { get; } = new();

    /// <summary>
    /// Relative tolerance rtol &gt; 0 for adaptive methods (default 1e-6). Each component's error is measured against
    /// sᵢ = atolᵢ + rtolᵢ · max(|y₀ᵢ|, |y₁ᵢ|). A value below the attainable floor <see cref="RelativeToleranceFloor"/>
    /// (100 ε ≈ 2.2e-14: rounding in the step itself is then larger than the tolerance, and the step size collapses)
    /// is raised to it, as SciPy's solve_ivp does, and the solution says so in <see cref="Solution.Notes"/>.
    /// </summary>
    public double RelativeTolerance { get; init; } = 1e-6;

    /// <summary>
    /// Per-component relative tolerances (length n, each &gt; 0); when set they replace <see cref="RelativeTolerance"/>.
    /// Each is raised to <see cref="RelativeToleranceFloor"/> if below it.
    /// </summary>
    public IReadOnlyList<double>? RelativeTolerances { get; init; }

    /// <summary>
    /// Absolute tolerance atol ≥ 0 for adaptive methods (default 1e-9); see also <see cref="AbsoluteTolerances"/>.
    /// atol = 0 is pure relative control: a component that is exactly 0 at both ends of a step then needs an exactly
    /// zero error estimate (Hairer's and SciPy's scale atol + rtol·max(|y₀|, |y₁|) is 0 there).
    /// </summary>
    public double AbsoluteTolerance { get; init; } = 1e-9;

    /// <summary>Per-component absolute tolerances (length n, each ≥ 0); when set they replace <see cref="AbsoluteTolerance"/>.</summary>
    public IReadOnlyList<double>? AbsoluteTolerances { get; init; }

    /// <summary>
    /// The smallest relative tolerance a solve uses, 100 ε ≈ 2.2e-14 (SciPy's rule; Hairer's codes similarly refuse
    /// rtol near the unit roundoff). Smaller requests are raised to it and noted in <see cref="Solution.Notes"/>.
    /// </summary>
    public const double RelativeToleranceFloor = 100 * 2.220446049250313e-16;

    /// <summary>
    /// A fixed step size, signed in the direction of integration. Required for methods without an error estimate; for
    /// adaptive methods it switches step control off (useful to measure convergence orders). The last step is
    /// shortened to land exactly on the final time.
    /// </summary>
    public double? StepSize { get; init; }

    /// <summary>The first step of an adaptive solve, signed in the direction of integration; null chooses it automatically (Hairer's algorithm).</summary>
    public double? InitialStep { get; init; }

    /// <summary>The largest allowed |h| (default +∞).</summary>
    public double MaxStep { get; init; } = double.PositiveInfinity;

    /// <summary>The smallest allowed |h| before the solve ends with <see cref="SolveStatus.StepSizeTooSmall"/> (default 0, i.e. a few ulps of t).</summary>
    public double MinStep { get; init; }

    /// <summary>The most step attempts (accepted and rejected) before <see cref="SolveStatus.MaxStepsReached"/> (default 1,000,000).</summary>
    public int MaxSteps { get; init; } = 1_000_000;

    /// <summary>The step-size controller for adaptive methods (default <see cref="StepSizeController.PI"/>).</summary>
    public StepSizeController Controller { get; init; } = StepSizeController.PI;

    /// <summary>The error norm (default <see cref="ErrorNorm.Rms"/>).</summary>
    public ErrorNorm ErrorNorm { get; init; } = ErrorNorm.Rms;

    /// <summary>What to record (default <see cref="SaveAt.EveryStep"/>).</summary>
    public SaveAt SaveAt { get; init; } = SaveAt.EveryStep;

    /// <summary>Events to locate (default none).</summary>
    public IReadOnlyList<OdeEvent> Events { get; init; } = [];

    /// <summary>How many points per step the event functions are sampled at to find sign changes (default 8, at least 1).</summary>
    public int EventSamplesPerStep { get; init; } = 8;

    /// <summary>
    /// Cancels <see cref="Ode.Solve{TField}"/>: checked after every step; once cancelled, the solve ends with
    /// <see cref="SolveStatus.Cancelled"/> and keeps everything computed (default none). Ensembles take their own
    /// token in their options; manual stepping simply stops calling <see cref="Integrator{TField}.Step"/>.
    /// </summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>
    /// Receives the fraction of the time span that <see cref="Ode.Solve{TField}"/> has done, (t − t₀)/(t_end − t₀) in
    /// (0, 1], each time it has grown by at least 0.01 and once more at the end: at most about 100 calls whatever the
    /// number of steps, so it costs nothing per step. Called on the solving thread (<see cref="Progress{T}"/> forwards
    /// to the thread that created it). Default none; ensembles report their own progress.
    /// </summary>
    public IProgress<double>? Progress { get; init; }

    /// <summary>When true, a numerical failure throws <see cref="OdeSolveException"/> (carrying the partial solution) instead of returning a status.</summary>
    public bool ThrowOnFailure { get; init; }

    /// <summary>Options with rtol = atol = <paramref name="tolerance"/>.</summary>
    /// <param name="tolerance">The tolerance, &gt; 0.</param>
    /// <returns>The options.</returns>
    public static SolverOptions WithTolerance(double tolerance) => new() { RelativeTolerance = tolerance, AbsoluteTolerance = tolerance };

    /// <summary>Options for a fixed step size.</summary>
    /// <param name="stepSize">The step, signed in the direction of integration.</param>
    /// <returns>The options.</returns>
    public static SolverOptions WithFixedStep(double stepSize) => new() { StepSize = stepSize };

    /// <summary>Checks the options against a problem; every message names the option and the value.</summary>
    /// <param name="dimension">The problem's dimension.</param>
    /// <param name="startTime">t₀.</param>
    /// <param name="endTime">The final time.</param>
    /// <param name="adaptiveMethod">Whether the method has an error estimate.</param>
    /// <param name="methodName">The method's name, for messages.</param>
    public void Validate(int dimension, double startTime, double endTime, bool adaptiveMethod, string methodName)
    {
        int direction = endTime > startTime ? 1 : -1;
        Require.Positive(RelativeTolerance, nameof(RelativeTolerance));
        Require.NonNegative(AbsoluteTolerance, nameof(AbsoluteTolerance));
        if (AbsoluteTolerances is { } perComponent)
        {
            Require.Length(perComponent.Count, dimension, nameof(AbsoluteTolerances));
            for (int i = 0; i < perComponent.Count; i++) Require.NonNegative(perComponent[i], $"{nameof(AbsoluteTolerances)}[{i}]");
        }

        if (RelativeTolerances is { } relative)
        {
            Require.Length(relative.Count, dimension, nameof(RelativeTolerances));
            for (int i = 0; i < relative.Count; i++) Require.Positive(relative[i], $"{nameof(RelativeTolerances)}[{i}]");
        }

        if (StepSize is { } h) CheckSignedStep(h, nameof(StepSize), direction);
        else if (!adaptiveMethod)
            throw new ArgumentException($"{methodName} has no error estimate, so it needs a fixed StepSize.", nameof(StepSize));
        if (InitialStep is { } h0) CheckSignedStep(h0, nameof(InitialStep), direction);
        if (!(MaxStep > 0) || double.IsNaN(MaxStep))
            throw new ArgumentOutOfRangeException(nameof(MaxStep), MaxStep, $"MaxStep must be greater than 0, but was {Require.Format(MaxStep)}.");
        Require.NonNegative(MinStep, nameof(MinStep));
        if (MinStep > MaxStep)
            throw new ArgumentOutOfRangeException(nameof(MinStep), MinStep, $"MinStep = {Require.Format(MinStep)} exceeds MaxStep = {Require.Format(MaxStep)}.");
        Require.AtLeast(MaxSteps, 1, nameof(MaxSteps));
        Require.AtLeast(EventSamplesPerStep, 1, nameof(EventSamplesPerStep));
        ArgumentNullException.ThrowIfNull(Controller, nameof(Controller));
        ArgumentNullException.ThrowIfNull(ErrorNorm, nameof(ErrorNorm));
        ArgumentNullException.ThrowIfNull(SaveAt, nameof(SaveAt));
        ArgumentNullException.ThrowIfNull(Events, nameof(Events));
        Controller.Validate();
        SaveAt.Validate(startTime, endTime);
        for (int i = 0; i < Events.Count; i++)
        {
            if (Events[i] is null) throw new ArgumentException($"Events[{i}] is null.", nameof(Events));
        }
    }

    /// <summary>The absolute tolerance of each component: <see cref="AbsoluteTolerances"/> or <see cref="AbsoluteTolerance"/>.</summary>
    internal double[] EffectiveAbsoluteTolerances(int dimension)
    {
        var result = new double[dimension];
        for (int i = 0; i < dimension; i++) result[i] = AbsoluteTolerances?[i] ?? AbsoluteTolerance;
        return result;
    }

    /// <summary>
    /// The relative tolerance of each component as a solve uses it: <see cref="RelativeTolerances"/> or
    /// <see cref="RelativeTolerance"/>, raised to <see cref="RelativeToleranceFloor"/>; each raise adds a sentence to
    /// <paramref name="notes"/> when given. Shared by the integrator and the ensemble lanes so both control alike.
    /// </summary>
    internal double[] EffectiveRelativeTolerances(int dimension, List<string>? notes)
    {
        var result = new double[dimension];
        bool raised = false;
        double smallest = double.PositiveInfinity;
        for (int i = 0; i < dimension; i++)
        {
            double requested = RelativeTolerances?[i] ?? RelativeTolerance;
            raised |= requested < RelativeToleranceFloor;
            smallest = Math.Min(smallest, requested);
            result[i] = Math.Max(requested, RelativeToleranceFloor);
        }

        if (raised)
        {
            notes?.Add($"{(RelativeTolerances is null ? nameof(RelativeTolerance) : nameof(RelativeTolerances))} = {Require.Format(smallest)} is below the attainable floor " +
                $"100 ε = {Require.Format(RelativeToleranceFloor)} (rounding in each step is larger than that), so it was raised to {Require.Format(RelativeToleranceFloor)}.");
        }

        return result;
    }

    private static void CheckSignedStep(double h, string name, int direction)
    {
        Require.Finite(h, name);
        if (h == 0) throw new ArgumentOutOfRangeException(name, h, $"{name} must not be 0.");
        if (Math.Sign(h) != direction)
            throw new ArgumentOutOfRangeException(name, h,
                $"{name} = {Require.Format(h)} points the wrong way: the problem integrates {(direction > 0 ? "forwards" : "backwards")} in time, so {name} must be {(direction > 0 ? "positive" : "negative")}.");
    }
}
