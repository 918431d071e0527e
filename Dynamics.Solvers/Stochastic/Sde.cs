using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// Solves Itô SDEs with fixed steps. Trajectory m draws its Wiener increments ΔW = √h·ξ from
/// <c>new GaussianSource(options.Seed, m)</c>, so a path depends only on (problem, method, step, seed, m): ensembles
/// give the same numbers serially and in parallel, on any number of threads.
/// </summary>
public static class Sde
{
    /// <summary>Integrates one sample path.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="problem">The problem.</param>
    /// <param name="method">The method, e.g. <see cref="EulerMaruyama"/>.</param>
    /// <param name="options">Step, seed and recording.</param>
    /// <param name="trajectory">The trajectory index m ≥ 0 selecting the noise stream.</param>
    /// <returns>The path; a non-finite state ends it early with <see cref="SolveStatus.NonFiniteState"/>.</returns>
    public static SdeSolution Solve<TField>(SdeProblem<TField> problem, ISdeMethod method, SdeOptions options, long trajectory = 0)
        where TField : IStochasticField
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        if (trajectory < 0) throw new ArgumentOutOfRangeException(nameof(trajectory), trajectory, $"trajectory must be at least 0, but was {trajectory}.");
        int n = problem.Dimension;
        var stepper = method.CreateStepper(problem.Field);
        var y = problem.InitialState.ToArray();
        var increments = new double[n];
        var times = new List<double> { problem.StartTime };
        var states = new List<double>(problem.InitialState.ToArray());
        var source = new GaussianSource(options.Seed, (ulong)trajectory);
        var outcome = Run(stepper, y, increments, source, problem.StartTime, problem.EndTime, options.StepSize, (k, t, state, last) =>
        {
            if (last || (options.RecordEvery > 0 && k % options.RecordEvery == 0))
            {
                times.Add(t);
                for (int i = 0; i < state.Length; i++) states.Add(state[i]);
            }
        });
        return new SdeSolution(method.Name, n, [.. times], [.. states], outcome.Time, y, outcome.Status, outcome.Message, outcome.Steps, options.Seed, trajectory);
    }

    /// <summary>
    /// Integrates <paramref name="count"/> independent paths (trajectories 0 … count − 1) in parallel and returns their
    /// final states.
    /// </summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="problem">The problem (every member starts from its initial state).</param>
    /// <param name="method">The method.</param>
    /// <param name="options">Step and seed (recording options are ignored).</param>
    /// <param name="count">The number of members (≥ 1).</param>
    /// <param name="parallel">Run members on several threads (the result is the same either way).</param>
    /// <returns>The final states.</returns>
    public static SdeEnsembleResult FinalStates<TField>(SdeProblem<TField> problem, ISdeMethod method, SdeOptions options, int count, bool parallel = true)
        where TField : IStochasticField
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        Require.AtLeast(count, 1, nameof(count));
        int n = problem.Dimension;
        var finals = new double[count * n];
        var failures = new string?[count];
        var initial = problem.InitialState.ToArray();

        void RunMember(int m, ISdeStepper stepper, double[] increments)
        {
            var y = finals.AsSpan(m * n, n);
            initial.CopyTo(y);
            var outcome = Run(stepper, y, increments, new GaussianSource(options.Seed, (ulong)m), problem.StartTime, problem.EndTime, options.StepSize, null);
            if (outcome.Status != SolveStatus.Success) failures[m] = $"trajectory {m}: {outcome.Message}";
        }

        if (parallel)
        {
            Parallel.For(0, count,
                () => (Stepper: method.CreateStepper(problem.Field), Increments: new double[n]),
                (m, _, workspace) =>
                {
                    RunMember(m, workspace.Stepper, workspace.Increments);
                    return workspace;
                },
                _ => { });
        }
        else
        {
            var stepper = method.CreateStepper(problem.Field);
            var increments = new double[n];
            for (int m = 0; m < count; m++) RunMember(m, stepper, increments);
        }

        int failed = failures.Count(f => f is not null);
        return new SdeEnsembleResult(count, n, finals, failed, failures.FirstOrDefault(f => f is not null));
    }

    private delegate void StepObserver(long step, double time, ReadOnlySpan<double> state, bool last);

    private static (SolveStatus Status, string Message, long Steps, double Time) Run(ISdeStepper stepper, Span<double> y, double[] increments,
        GaussianSource source, double start, double end, double h, StepObserver? observe)
    {
        // Steps sit on start + k·h (multiplied, not accumulated, so long runs do not drift); the last is shortened.
        long steps = Math.Max(1, (long)Math.Ceiling((end - start) / h - 1e-9));
        var areaStepper = stepper as IAreaSdeStepper;
        var areas = areaStepper is null ? null : new double[increments.Length];
        double t = start;
        for (long k = 1; k <= steps; k++)
        {
            double next = k == steps ? end : start + k * h;
            double dt = next - t;
            double scale = Math.Sqrt(dt);
            for (int i = 0; i < increments.Length; i++) increments[i] = scale * source.NextGaussian();
            if (areaStepper is not null)
            {
                // ΔZ = ½h^{3/2}(ξ₁ + ξ₂/√3) from a second normal per component (drawn after the ΔW of the step).
                for (int i = 0; i < areas!.Length; i++) areas[i] = 0.5 * dt * (increments[i] + scale * source.NextGaussian() / Math.Sqrt(3));
                areaStepper.Advance(t, y, dt, increments, areas);
            }
            else
            {
                stepper.Advance(t, y, dt, increments);
            }
            t = next;
            for (int i = 0; i < y.Length; i++)
            {
                if (!double.IsFinite(y[i]))
                {
                    observe?.Invoke(k, t, y, true);
                    return (SolveStatus.NonFiniteState, $"Component {i} became {Require.Format(y[i])} at step {k} (t = {Require.Format(t)}).", k, t);
                }
            }

            observe?.Invoke(k, t, y, k == steps);
        }

        return (SolveStatus.Success, $"Reached the final time t = {Require.Format(end)}.", steps, end);
    }
}
