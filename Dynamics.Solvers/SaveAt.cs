using Dynamics.Validation;

namespace Dynamics.Solvers;

/// <summary>
/// What a solve records. Saving never changes the step sequence: values at requested times come from the method's
/// dense output inside the steps that contain them. <see cref="From(double)"/> skips a transient: nothing before the
/// given time is kept, e.g. <c>SaveAt.EveryStep.From(100)</c> or, for events only, <c>SaveAt.End.From(100)</c>.
/// </summary>
public sealed class SaveAt
{
    private readonly double[] _times;

    private SaveAt(SaveMode mode, double[] times, double? startTime = null)
    {
        Mode = mode;
        _times = times;
        StartTime = startTime;
    }

    /// <summary>Only the final state (the cheapest; for ensembles and long runs).</summary>
    public static SaveAt End { get; } = new(SaveMode.End, []);

    /// <summary>The initial state and the state after every accepted step (the default).</summary>
    public static SaveAt EveryStep { get; } = new(SaveMode.EveryStep, []);

    /// <summary>Every step, plus the interpolant of every step, so <see cref="Solution.Evaluate(double)"/> works anywhere.</summary>
    public static SaveAt Dense { get; } = new(SaveMode.Dense, []);

    /// <summary>What is recorded.</summary>
    public SaveMode Mode { get; }

    /// <summary>The requested times (only for <see cref="SaveMode.Times"/>).</summary>
    public ReadOnlySpan<double> RequestedTimes => _times;

    /// <summary>The time from which anything is kept (see <see cref="From(double)"/>), or null to keep everything from t₀.</summary>
    public double? StartTime { get; }

    /// <summary>
    /// The same choice, keeping nothing before <paramref name="time"/> (in the direction of integration): no states and
    /// no entries in <see cref="Solution.Events"/> (events are still located and their actions applied). With
    /// <see cref="EveryStep"/> and <see cref="Dense"/> the first saved state is y(<paramref name="time"/>), interpolated,
    /// then the state after every later step; <see cref="Dense"/> keeps the interpolants of the steps that end after it;
    /// <see cref="End"/> still keeps the final state (so only the events are filtered); requested
    /// <see cref="Times(double[])"/> must not lie before it. Use it to skip a transient.
    /// </summary>
    /// <param name="time">A finite time inside the solve's span (checked when the solve starts).</param>
    /// <returns>The choice.</returns>
    public SaveAt From(double time)
    {
        Require.Finite(time, nameof(time));
        return new SaveAt(Mode, _times, time);
    }

    /// <summary>Whether time <paramref name="t"/> is at or after <see cref="StartTime"/> in the direction of integration.</summary>
    internal bool Keeps(double t, int direction) => StartTime is not { } start || direction * (t - start) >= 0;

    /// <summary>The states at the given times, in the direction of integration, by interpolation.</summary>
    /// <param name="times">Finite, strictly monotone in the direction of integration, inside the time span; at least one.</param>
    /// <returns>The choice.</returns>
    public static SaveAt Times(params double[] times)
    {
        ArgumentNullException.ThrowIfNull(times);
        if (times.Length == 0) throw new ArgumentException("times must contain at least one time.", nameof(times));
        Require.AllFinite(times, nameof(times));
        return new SaveAt(SaveMode.Times, (double[])times.Clone());
    }

    /// <summary>The states at <paramref name="count"/> equally spaced times from <paramref name="start"/> to <paramref name="end"/> inclusive.</summary>
    /// <param name="start">The first time (usually t₀).</param>
    /// <param name="end">The last time (usually the final time).</param>
    /// <param name="count">The number of times, at least 2.</param>
    /// <returns>The choice.</returns>
    public static SaveAt Uniform(double start, double end, int count)
    {
        Require.Finite(start, nameof(start));
        Require.Finite(end, nameof(end));
        Require.AtLeast(count, 2, nameof(count));
        var times = new double[count];
        for (int i = 0; i < count; i++) times[i] = start + (end - start) * i / (count - 1);
        times[^1] = end;
        return new SaveAt(SaveMode.Times, times);
    }

    /// <summary>Checks requested times against a problem's span; called when a solve starts.</summary>
    /// <param name="startTime">t₀.</param>
    /// <param name="endTime">The final time.</param>
    public void Validate(double startTime, double endTime)
    {
        int direction = endTime > startTime ? 1 : -1;
        double lo = Math.Min(startTime, endTime), hi = Math.Max(startTime, endTime);
        if (StartTime is { } from && (from < lo || from > hi))
            throw new ArgumentOutOfRangeException("saveAt", from,
                $"SaveAt.From({Require.Format(from)}) lies outside the time span [{Require.Format(startTime)}, {Require.Format(endTime)}].");
        if (Mode != SaveMode.Times) return;
        for (int i = 0; i < _times.Length; i++)
        {
            if (_times[i] < lo || _times[i] > hi)
                throw new ArgumentOutOfRangeException("saveAt", _times[i],
                    $"SaveAt time [{i}] = {Require.Format(_times[i])} lies outside the time span [{Require.Format(startTime)}, {Require.Format(endTime)}].");
            if (i > 0 && direction * (_times[i] - _times[i - 1]) <= 0)
                throw new ArgumentException(
                    $"SaveAt times must be strictly {(direction > 0 ? "increasing" : "decreasing")} in the direction of integration, but [{i - 1}] = {Require.Format(_times[i - 1])} and [{i}] = {Require.Format(_times[i])}.",
                    "saveAt");
            if (!Keeps(_times[i], direction))
                throw new ArgumentOutOfRangeException("saveAt", _times[i],
                    $"SaveAt time [{i}] = {Require.Format(_times[i])} lies before SaveAt.From({Require.Format(StartTime!.Value)}) and would never be saved.");
        }
    }
}
