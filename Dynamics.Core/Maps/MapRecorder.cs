namespace Dynamics.Maps;

/// <summary>Collects the iterates of a map: the initial state, every <c>recordEvery</c>-th step and the last one.</summary>
internal sealed class MapRecorder
{
    private readonly int _dimension, _recordEvery;
    private readonly List<double> _times = [];
    private readonly List<double> _states = [];
    private long _lastRecordedStep = -1;

    public MapRecorder(int dimension, int recordEvery, long steps)
    {
        _dimension = dimension;
        _recordEvery = recordEvery;
        long expected = recordEvery > 0 ? steps / recordEvery + 2 : 2;
        _times.Capacity = (int)Math.Min(expected, 1 << 20);
        _states.Capacity = (int)Math.Min(expected * dimension, 1 << 24);
    }

    /// <summary>Records the state after <paramref name="step"/> steps when it is due (always for step 0).</summary>
    public void Offer(long step, double time, ReadOnlySpan<double> state)
    {
        if (step == 0 || (_recordEvery > 0 && step % _recordEvery == 0)) Record(step, time, state);
    }

    /// <summary>Builds the trajectory, recording the final state if it was not due.</summary>
    public MapTrajectory Finish(long step, double time, ReadOnlySpan<double> state, string? failure)
    {
        if (_lastRecordedStep != step) Record(step, time, state);
        return new MapTrajectory(_dimension, [.. _times], [.. _states], step, failure);
    }

    private void Record(long step, double time, ReadOnlySpan<double> state)
    {
        _times.Add(time);
        for (int i = 0; i < _dimension; i++) _states.Add(state[i]);
        _lastRecordedStep = step;
    }

    /// <summary>The index of the first non-finite entry, or −1.</summary>
    public static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) return i;
        }

        return -1;
    }
}
