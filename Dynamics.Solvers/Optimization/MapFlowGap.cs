namespace Dynamics.Solvers.Optimization;

/// <summary>
/// A discrete map (an optimizer, GAN training) next to the continuous flow it discretises, sampled at the map's
/// times: both trajectories' compared components and the Euclidean gap between them.
/// </summary>
public sealed class MapFlowGap
{
    internal MapFlowGap(double[] times, double[][] mapStates, double[][] flowStates, double[] gaps, SolveStatus flowStatus, string flowMessage)
    {
        Times = times;
        MapStates = mapStates;
        FlowStates = flowStates;
        Gaps = gaps;
        FlowStatus = flowStatus;
        FlowMessage = flowMessage;
    }

    /// <summary>The compared times (the map's, up to where the flow could follow).</summary>
    public IReadOnlyList<double> Times { get; }

    /// <summary>The map's compared components at each time.</summary>
    public IReadOnlyList<double[]> MapStates { get; }

    /// <summary>The flow's compared components at each time.</summary>
    public IReadOnlyList<double[]> FlowStates { get; }

    /// <summary>‖map − flow‖₂ over the compared components at each time.</summary>
    public IReadOnlyList<double> Gaps { get; }

    /// <summary>The gap at the last compared time.</summary>
    public double FinalGap => Gaps[^1];

    /// <summary>The largest gap.</summary>
    public double MaxGap => Gaps.Max();

    /// <summary>The last compared time.</summary>
    public double FinalTime => Times[^1];

    /// <summary>How the reference solve of the flow ended.</summary>
    public SolveStatus FlowStatus { get; }

    /// <summary>The reference solve's message.</summary>
    public string FlowMessage { get; }
}
