using Dynamics.Trajectories;

namespace Dynamics.Maps;

/// <summary>
/// The recorded iterates of a discrete map (an optimizer, simultaneous or alternating GAN steps): the states, and for
/// each the time along the continuous flow the map discretises (n·γ for a constant learning rate γ, the sum of the
/// step sizes for an adaptive one). Iteration stops early, keeping everything computed, when a state becomes
/// non-finite; <see cref="Failure"/> then says where.
/// </summary>
public sealed class MapTrajectory : SampledPath
{
    /// <summary>Wraps recorded iterates.</summary>
    /// <param name="dimension">The state length n.</param>
    /// <param name="times">The flow time of each recorded state.</param>
    /// <param name="states">The recorded states, row-major (state k at k·n … k·n + n − 1).</param>
    /// <param name="steps">The number of map steps taken.</param>
    /// <param name="failure">Null when every requested step was taken, otherwise why the iteration stopped.</param>
    public MapTrajectory(int dimension, double[] times, double[] states, long steps, string? failure)
        : base(dimension, times, states)
    {
        Steps = steps;
        Failure = failure;
    }

    /// <summary>The number of map steps taken.</summary>
    public long Steps { get; }

    /// <summary>Null when every requested step was taken; otherwise a sentence saying why the iteration stopped.</summary>
    public string? Failure { get; }

    /// <summary>True when every requested step was taken.</summary>
    public bool IsSuccess => Failure is null;

    /// <summary>The last recorded state.</summary>
    public ReadOnlySpan<double> FinalState => State(Count - 1);

    /// <summary>The flow time of the last recorded state.</summary>
    public double FinalTime => Times[^1];
}
