using Dynamics.Trajectories;
using Dynamics.Validation;

namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// One sample path of an SDE: the recorded times and states, the final state, how the solve ended and which noise
/// stream drove it. A path whose state becomes non-finite stops there with <see cref="SolveStatus.NonFiniteState"/>
/// and keeps what it computed.
/// </summary>
public sealed class SdeSolution : SampledPath
{
    private readonly double[] _finalState;

    internal SdeSolution(string methodName, int dimension, double[] times, double[] states, double finalTime, double[] finalState,
        SolveStatus status, string message, long steps, ulong seed, long trajectory)
        : base(dimension, times, states)
    {
        MethodName = methodName;
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

    /// <inheritdoc/>
    public override string ToString() => $"{MethodName}: {Status} at t = {Require.Format(FinalTime)} ({Steps} steps, seed {Seed}, trajectory {Trajectory})";
}
