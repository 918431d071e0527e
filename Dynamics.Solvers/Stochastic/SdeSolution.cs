using Dynamics.Validation;

namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// One sample path of an SDE: the recorded times and states, the final state, how the solve ended and which noise
/// stream drove it. A path whose state becomes non-finite stops there with <see cref="SolveStatus.NonFiniteState"/>
/// and keeps what it computed.
/// </summary>
public sealed class SdeSolution
{
    private readonly double[] _times, _states, _finalState;

    internal SdeSolution(string methodName, int dimension, double[] times, double[] states, double finalTime, double[] finalState,
        SolveStatus status, string message, long steps, ulong seed, long trajectory)
    {
        MethodName = methodName;
        Dimension = dimension;
        _times = times;
        _states = states;
        FinalTime = finalTime;
        _finalState = finalState;
        Status = status;
        Message = message;
        Steps = steps;
        Seed = seed;
        Trajectory = trajectory;
    }

    /// <summary>The method that produced it.</summary>
    public string MethodName { get; }

    /// <summary>The state dimension n.</summary>
    public int Dimension { get; }

    /// <summary>The recorded times.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>The recorded states, row-major.</summary>
    public ReadOnlySpan<double> States => _states;

    /// <summary>The number of recorded states.</summary>
    public int Count => _times.Length;

    /// <summary>The time reached.</summary>
    public double FinalTime { get; }

    /// <summary>The state at <see cref="FinalTime"/>.</summary>
    public ReadOnlySpan<double> FinalState => _finalState;

    /// <summary><see cref="SolveStatus.Success"/> or <see cref="SolveStatus.NonFiniteState"/>.</summary>
    public SolveStatus Status { get; }

    /// <summary>A sentence explaining <see cref="Status"/>.</summary>
    public string Message { get; }

    /// <summary>The number of steps taken.</summary>
    public long Steps { get; }

    /// <summary>The seed of the noise.</summary>
    public ulong Seed { get; }

    /// <summary>The trajectory index, i.e. the noise stream (Seed, Trajectory).</summary>
    public long Trajectory { get; }

    /// <summary>The recorded state number <paramref name="index"/>.</summary>
    /// <param name="index">0 … <see cref="Count"/> − 1.</param>
    /// <returns>A read-only view of the state.</returns>
    public ReadOnlySpan<double> State(int index)
    {
        if ((uint)index >= (uint)_times.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in [0, {_times.Length - 1}], but was {index}.");
        return _states.AsSpan(index * Dimension, Dimension);
    }

    /// <summary>The time series of one component.</summary>
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

    /// <inheritdoc/>
    public override string ToString() => $"{MethodName}: {Status} at t = {Require.Format(FinalTime)} ({Steps} steps, seed {Seed}, trajectory {Trajectory})";
}
