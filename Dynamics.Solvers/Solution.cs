using Dynamics.Solvers.DenseOutput;
using Dynamics.Solvers.Events;
using Dynamics.Validation;

namespace Dynamics.Solvers;

/// <summary>
/// The result of a solve: the recorded times and states (see <see cref="SaveAt"/>), the final state, how the solve
/// ended, the work it did, the located events and, for a dense solve, y(t) anywhere in the span. A failed solve keeps
/// everything computed up to the failure.
/// </summary>
public sealed class Solution : SolvedPath
{
    private readonly DenseTrajectory? _dense;

    internal Solution(string methodName, int dimension, double[] times, double[] states, double finalTime, double[] finalState,
        SolveStatus status, string message, SolverStatistics statistics, IReadOnlyList<EventOccurrence> events, DenseTrajectory? dense)
        : base(methodName, dimension, times, states, finalTime, finalState, status, message)
    {
        Statistics = statistics;
        Events = events;
        _dense = dense;
    }

    /// <summary>True when the final time was reached or a stop event ended the solve.</summary>
    public bool IsSuccess => Status is SolveStatus.Success or SolveStatus.StoppedByEvent;

    /// <summary>The work done.</summary>
    public SolverStatistics Statistics { get; }

    /// <summary>The located events, in time order.</summary>
    public IReadOnlyList<EventOccurrence> Events { get; }

    /// <summary>
    /// The exception thrown by the user's code (the field, an event condition or an event's state change) when
    /// <see cref="SolvedPath.Status"/> is <see cref="SolveStatus.UserCodeFailed"/>; otherwise null.
    /// </summary>
    public Exception? Exception { get; internal init; }

    /// <summary>
    /// Remarks on how the solve was carried out that a user should know, e.g. that a relative tolerance below the
    /// attainable floor was raised to it (empty when there is nothing to say).
    /// </summary>
    public IReadOnlyList<string> Notes { get; internal init; } = [];

    /// <summary>Whether <see cref="Evaluate(double)"/> is available (a <see cref="SaveAt.Dense"/> solve).</summary>
    public bool HasDenseOutput => _dense is not null;

    /// <summary>y(t) from the dense output.</summary>
    /// <param name="t">A time inside the integrated range.</param>
    /// <param name="state">Receives y(t).</param>
    public void Evaluate(double t, Span<double> state) => Dense.Evaluate(t, state);

    /// <summary>y(t) from the dense output, as a new array.</summary>
    /// <param name="t">A time inside the integrated range.</param>
    /// <returns>y(t).</returns>
    public double[] Evaluate(double t)
    {
        var state = new double[Dimension];
        Dense.Evaluate(t, state);
        return state;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{MethodName}: {Status} at t = {Require.Format(FinalTime)} ({Statistics.AcceptedSteps} steps, {Statistics.RejectedSteps} rejected, {Statistics.RhsEvaluations} f evaluations)";

    private DenseTrajectory Dense => _dense ?? throw new InvalidOperationException("This solution has no dense output; solve with SaveAt = SaveAt.Dense.");
}
