using Dynamics.Validation;

namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// One sample path of an SDE: the recorded times and states, the final state, how the solve ended and which noise
/// stream drove it. A path whose state becomes non-finite stops there with <see cref="SolveStatus.NonFiniteState"/>
/// and keeps what it computed (<see cref="SolveStatus.Success"/> or <see cref="SolveStatus.NonFiniteState"/>).
/// </summary>
public sealed class SdeSolution : SolvedPath
{
    internal SdeSolution(string methodName, int dimension, double[] times, double[] states, double finalTime, double[] finalState,
        SolveStatus status, string message, long steps, ulong seed, long trajectory)
        : base(methodName, dimension, times, states, finalTime, finalState, status, message)
    {
        Steps = steps;
        Seed = seed;
        Trajectory = trajectory;
    }

    /// <summary>The number of steps taken.</summary>
    public long Steps { get; }

    /// <summary>The seed of the noise.</summary>
    public ulong Seed { get; }

    /// <summary>The trajectory index, i.e. the noise stream (Seed, Trajectory).</summary>
    public long Trajectory { get; }

    /// <inheritdoc/>
    public override string ToString() => $"{MethodName}: {Status} at t = {Require.Format(FinalTime)} ({Steps} steps, seed {Seed}, trajectory {Trajectory})";
}
