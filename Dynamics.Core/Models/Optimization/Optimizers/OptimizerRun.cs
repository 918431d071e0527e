using Dynamics.Maps;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Optimizers;

/// <summary>
/// Iterates an <see cref="IOptimizer"/> on a loss and records its states with the accumulated flow time, so the
/// iterates can be drawn, or compared with the continuous flow at the same times.
/// </summary>
public static class OptimizerRun
{
    /// <summary>Runs <paramref name="steps"/> steps from θ₀.</summary>
    /// <typeparam name="TOptimizer">The optimizer type.</typeparam>
    /// <typeparam name="TLoss">The loss type; a struct loss is inlined.</typeparam>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="theta0">θ₀, length d, finite.</param>
    /// <param name="steps">The number of steps (≥ 0).</param>
    /// <param name="recordEvery">Record every k-th state (k ≥ 1), plus the first and the last; 0 records only those two.</param>
    /// <returns>The trajectory of full optimizer states (θ first); it stops early if a state becomes non-finite.</returns>
    public static MapTrajectory Iterate<TOptimizer, TLoss>(TOptimizer optimizer, TLoss loss, ReadOnlySpan<double> theta0, long steps, int recordEvery = 1)
        where TOptimizer : IOptimizer
        where TLoss : ILoss
    {
        return IterateFrom(optimizer, loss, InitialState(optimizer, loss, theta0), steps, recordEvery);
    }

    /// <summary>
    /// Runs until the accumulated flow time reaches <paramref name="flowTime"/> (the last step may overshoot it by less
    /// than one step), for optimizers whose steps cover varying times such as scalar RMSprop.
    /// </summary>
    /// <typeparam name="TOptimizer">The optimizer type.</typeparam>
    /// <typeparam name="TLoss">The loss type.</typeparam>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="theta0">θ₀, length d, finite.</param>
    /// <param name="flowTime">The flow time T &gt; 0 to reach.</param>
    /// <param name="maxSteps">A bound on the number of steps (≥ 1); reaching it first is reported as a failure.</param>
    /// <param name="recordEvery">Record every k-th state (k ≥ 1), plus the first and the last; 0 records only those two.</param>
    /// <returns>The trajectory.</returns>
    public static MapTrajectory IterateFor<TOptimizer, TLoss>(TOptimizer optimizer, TLoss loss, ReadOnlySpan<double> theta0, double flowTime, long maxSteps = 10_000_000, int recordEvery = 1)
        where TOptimizer : IOptimizer
        where TLoss : ILoss
    {
        var state = InitialState(optimizer, loss, theta0);
        Require.Positive(flowTime, nameof(flowTime));
        if (maxSteps < 1) throw new ArgumentOutOfRangeException(nameof(maxSteps), maxSteps, $"maxSteps must be at least 1, but was {maxSteps}.");
        Require.AtLeast(recordEvery, 0, nameof(recordEvery));
        return Loop(optimizer, loss, state, maxSteps, recordEvery, flowTime);
    }

    /// <summary>Runs <paramref name="steps"/> steps from a given full optimizer state (θ, auxiliary variables).</summary>
    /// <typeparam name="TOptimizer">The optimizer type.</typeparam>
    /// <typeparam name="TLoss">The loss type.</typeparam>
    /// <param name="optimizer">The optimizer.</param>
    /// <param name="loss">The loss.</param>
    /// <param name="initialState">The state, of length <see cref="IOptimizer.StateLength"/>, finite.</param>
    /// <param name="steps">The number of steps (≥ 0).</param>
    /// <param name="recordEvery">Record every k-th state (k ≥ 1), plus the first and the last; 0 records only those two.</param>
    /// <returns>The trajectory.</returns>
    public static MapTrajectory IterateFrom<TOptimizer, TLoss>(TOptimizer optimizer, TLoss loss, ReadOnlySpan<double> initialState, long steps, int recordEvery = 1)
        where TOptimizer : IOptimizer
        where TLoss : ILoss
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        int n = optimizer.StateLength(loss.Dimension);
        Require.Length(initialState.Length, n, nameof(initialState));
        Require.AllFinite(initialState, nameof(initialState));
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be at least 0, but was {steps}.");
        Require.AtLeast(recordEvery, 0, nameof(recordEvery));

        return Loop(optimizer, loss, initialState.ToArray(), steps, recordEvery, double.PositiveInfinity);
    }

    private static double[] InitialState<TOptimizer, TLoss>(TOptimizer optimizer, TLoss loss, ReadOnlySpan<double> theta0)
        where TOptimizer : IOptimizer
        where TLoss : ILoss
    {
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(loss);
        Require.Length(theta0.Length, loss.Dimension, nameof(theta0));
        Require.AllFinite(theta0, nameof(theta0));
        var state = new double[optimizer.StateLength(loss.Dimension)];
        optimizer.Initialize(loss, theta0, state);
        return state;
    }

    private static MapTrajectory Loop<TOptimizer, TLoss>(TOptimizer optimizer, TLoss loss, double[] state, long steps, int recordEvery, double flowTime)
        where TOptimizer : IOptimizer
        where TLoss : ILoss
    {
        int n = state.Length;
        var workspace = new double[optimizer.WorkspaceLength(loss.Dimension)];
        var recorder = new MapRecorder(n, recordEvery, steps);
        double time = 0;
        recorder.Offer(0, time, state);
        for (long k = 1; k <= steps; k++)
        {
            time += optimizer.Advance(loss, state, workspace);
            int bad = MapRecorder.FirstNonFinite(state);
            if (bad >= 0)
            {
                return recorder.Finish(k, time, state,
                    $"{optimizer.Name} diverged: state component {bad} became {Require.Format(state[bad])} at step {k} (flow time {Require.Format(time)}).");
            }

            if (time >= flowTime) return recorder.Finish(k, time, state, null);
            recorder.Offer(k, time, state);
        }

        return recorder.Finish(steps, time, state,
            double.IsPositiveInfinity(flowTime) ? null : $"{optimizer.Name} reached maxSteps = {steps} at flow time {Require.Format(time)} before {Require.Format(flowTime)}.");
    }
}
