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

    /// <summary>The hand-overs of an <see cref="Implicit.AutoSwitch"/> solve between its non-stiff and stiff methods, in time order (empty otherwise).</summary>
    public IReadOnlyList<Implicit.MethodSwitch> MethodSwitches { get; internal init; } = [];

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

    /// <summary>
    /// y(t) at every time of <paramref name="times"/> from the dense output, row-major into <paramref name="states"/>
    /// (state k at k·n … k·n + n − 1). The times may come in any order; all are checked before any is evaluated.
    /// </summary>
    /// <param name="times">Finite times inside the dense output's range (the integrated range, or up to the failure).</param>
    /// <param name="states">Receives the states, length <c>times.Length</c> × <see cref="Dynamics.Trajectories.SampledPath.Dimension"/>.</param>
    public void Evaluate(ReadOnlySpan<double> times, Span<double> states)
    {
        var dense = Dense;
        if (states.Length != times.Length * Dimension)
            throw new ArgumentException(
                $"states has length {states.Length}, but {times.Length} times × dimension {Dimension} need {times.Length * Dimension}.", nameof(states));
        if (dense.StepCount == 0 && times.Length > 0)
            throw new ArgumentOutOfRangeException(nameof(times), times[0], $"times[0] = {Require.Format(times[0])} cannot be evaluated: the solve took no step, so the dense output is empty.");
        int direction = dense.EndTime >= dense.StartTime ? 1 : -1;
        for (int k = 0; k < times.Length; k++)
        {
            double t = times[k];
            if (double.IsNaN(t) || direction * (t - dense.StartTime) < 0 || direction * (t - dense.EndTime) > 0)
                throw new ArgumentOutOfRangeException(nameof(times), t,
                    $"times[{k}] = {Require.Format(t)} lies outside the dense output's range [{Require.Format(dense.StartTime)}, {Require.Format(dense.EndTime)}].");
        }

        for (int k = 0; k < times.Length; k++) dense.Evaluate(times[k], states.Slice(k * Dimension, Dimension));
    }

    /// <summary>y(t) at every time of <paramref name="times"/> from the dense output, as a new row-major array.</summary>
    /// <param name="times">Finite times inside the dense output's range.</param>
    /// <returns>The states, length <c>times.Length</c> × <see cref="Dynamics.Trajectories.SampledPath.Dimension"/> (state k at k·n … k·n + n − 1).</returns>
    public double[] Evaluate(ReadOnlySpan<double> times)
    {
        var states = new double[times.Length * Dimension];
        Evaluate(times, states);
        return states;
    }

    /// <inheritdoc/>
    public override string ToString() =>
        $"{MethodName}: {Status} at t = {Require.Format(FinalTime)} ({Statistics.AcceptedSteps} steps, {Statistics.RejectedSteps} rejected, {Statistics.RhsEvaluations} f evaluations)";

    private DenseTrajectory Dense => _dense ?? throw new InvalidOperationException("This solution has no dense output; solve with SaveAt = SaveAt.Dense.");
}
