using Dynamics.Validation;

namespace Dynamics.Maps;

/// <summary>
/// The recorded iterates of a discrete map (an optimizer, simultaneous or alternating GAN steps): the states, and for
/// each the time along the continuous flow the map discretises (n·γ for a constant learning rate γ, the sum of the
/// step sizes for an adaptive one). Iteration stops early, keeping everything computed, when a state becomes
/// non-finite; <see cref="Failure"/> then says where.
/// </summary>
public sealed class MapTrajectory
{
    private readonly double[] _times, _states;

    /// <summary>Wraps recorded iterates.</summary>
    /// <param name="dimension">The state length n.</param>
    /// <param name="times">The flow time of each recorded state.</param>
    /// <param name="states">The recorded states, row-major (state k at k·n … k·n + n − 1).</param>
    /// <param name="steps">The number of map steps taken.</param>
    /// <param name="failure">Null when every requested step was taken, otherwise why the iteration stopped.</param>
    public MapTrajectory(int dimension, double[] times, double[] states, long steps, string? failure)
    {
        Require.AtLeast(dimension, 1, nameof(dimension));
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(states);
        if (times.Length == 0) throw new ArgumentException("A trajectory holds at least its initial state, but times is empty.", nameof(times));
        Require.Length(states.Length, times.Length * dimension, nameof(states));
        Dimension = dimension;
        _times = times;
        _states = states;
        Steps = steps;
        Failure = failure;
    }

    /// <summary>The state length n.</summary>
    public int Dimension { get; }

    /// <summary>The flow time of each recorded state.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>All recorded states, row-major.</summary>
    public ReadOnlySpan<double> States => _states;

    /// <summary>The number of recorded states.</summary>
    public int Count => _times.Length;

    /// <summary>The number of map steps taken.</summary>
    public long Steps { get; }

    /// <summary>Null when every requested step was taken; otherwise a sentence saying why the iteration stopped.</summary>
    public string? Failure { get; }

    /// <summary>True when every requested step was taken.</summary>
    public bool IsSuccess => Failure is null;

    /// <summary>The last recorded state.</summary>
    public ReadOnlySpan<double> FinalState => _states.AsSpan((_times.Length - 1) * Dimension, Dimension);

    /// <summary>The flow time of the last recorded state.</summary>
    public double FinalTime => _times[^1];

    /// <summary>The recorded state number <paramref name="index"/>.</summary>
    /// <param name="index">0 … <see cref="Count"/> − 1.</param>
    /// <returns>A read-only view of the state.</returns>
    public ReadOnlySpan<double> State(int index)
    {
        if ((uint)index >= (uint)_times.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in [0, {_times.Length - 1}], but was {index}.");
        return _states.AsSpan(index * Dimension, Dimension);
    }

    /// <summary>The series of one component over the recorded states.</summary>
    /// <param name="component">0 … n − 1.</param>
    /// <returns>A new array of length <see cref="Count"/>.</returns>
    public double[] Component(int component)
    {
        if ((uint)component >= (uint)Dimension)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"component must lie in [0, {Dimension - 1}], but was {component}.");
        var series = new double[_times.Length];
        for (int i = 0; i < series.Length; i++) series[i] = _states[i * Dimension + component];
        return series;
    }
}
