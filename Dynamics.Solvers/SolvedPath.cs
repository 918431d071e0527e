using Dynamics.Trajectories;

namespace Dynamics.Solvers;

/// <summary>
/// What every solver returns besides the recorded path: which method ran, where the integration ended and why.
/// <see cref="Solution"/> (ODEs) and <see cref="Stochastic.SdeSolution"/> (SDE sample paths) add their own details.
/// </summary>
public abstract class SolvedPath : SampledPath
{
    private readonly double[] _finalState;

    /// <summary>Wraps a recorded path and how its solve ended.</summary>
    /// <param name="methodName">The method that produced it.</param>
    /// <param name="dimension">The state length n.</param>
    /// <param name="times">The recorded times.</param>
    /// <param name="states">The recorded states, row-major.</param>
    /// <param name="finalTime">The time the integration reached.</param>
    /// <param name="finalState">The state there.</param>
    /// <param name="status">How the solve ended.</param>
    /// <param name="message">A sentence explaining the status.</param>
    protected SolvedPath(string methodName, int dimension, double[] times, double[] states, double finalTime, double[] finalState,
        SolveStatus status, string message)
        : base(dimension, times, states)
    {
        MethodName = methodName;
        FinalTime = finalTime;
        _finalState = finalState;
        Status = status;
        Message = message;
    }

    /// <summary>The method that produced it.</summary>
    public string MethodName { get; }

    /// <summary>The time the integration reached (the final time on success, the failure or event time otherwise).</summary>
    public double FinalTime { get; }

    /// <summary>The state at <see cref="FinalTime"/>.</summary>
    public ReadOnlySpan<double> FinalState => _finalState;

    /// <summary>How the solve ended.</summary>
    public SolveStatus Status { get; }

    /// <summary>A sentence explaining <see cref="Status"/>.</summary>
    public string Message { get; }
}
