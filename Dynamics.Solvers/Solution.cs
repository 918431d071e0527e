using Dynamics.Solvers.DenseOutput;
using Dynamics.Solvers.Events;
using Dynamics.Validation;

namespace Dynamics.Solvers;

/// <summary>
/// The result of a solve: the recorded times and states (see <see cref="SaveAt"/>), the final state, how the solve
/// ended, the work it did, the located events and, for a dense solve, y(t) anywhere in the span. A failed solve keeps
/// everything computed up to the failure.
/// </summary>
public sealed class Solution
{
    private readonly double[] _times, _states, _finalState;
    private readonly DenseTrajectory? _dense;

    internal Solution(string methodName, int dimension, double[] times, double[] states, double finalTime, double[] finalState,
        SolveStatus status, string message, SolverStatistics statistics, IReadOnlyList<EventOccurrence> events, DenseTrajectory? dense)
    {
        MethodName = methodName;
        Dimension = dimension;
        _times = times;
        _states = states;
        FinalTime = finalTime;
        _finalState = finalState;
        Status = status;
        Message = message;
        Statistics = statistics;
        Events = events;
        _dense = dense;
    }

    /// <summary>The method that produced it.</summary>
    public string MethodName { get; }

    /// <summary>The state dimension n.</summary>
    public int Dimension { get; }

    /// <summary>The recorded times.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>All recorded states, row-major: state k occupies entries k·n … k·n + n − 1.</summary>
    public ReadOnlySpan<double> States => _states;

    /// <summary>The number of recorded states.</summary>
    public int Count => _times.Length;

    /// <summary>The time the integration reached (the final time on success, the failure or event time otherwise).</summary>
    public double FinalTime { get; }

    /// <summary>The state at <see cref="FinalTime"/>.</summary>
    public ReadOnlySpan<double> FinalState => _finalState;

    /// <summary>How the solve ended.</summary>
    public SolveStatus Status { get; }

    /// <summary>A sentence explaining <see cref="Status"/>.</summary>
    public string Message { get; }

    /// <summary>True when the final time was reached or a stop event ended the solve.</summary>
    public bool IsSuccess => Status is SolveStatus.Success or SolveStatus.StoppedByEvent;

    /// <summary>The work done.</summary>
    public SolverStatistics Statistics { get; }

    /// <summary>The located events, in time order.</summary>
    public IReadOnlyList<EventOccurrence> Events { get; }

    /// <summary>Whether <see cref="Evaluate(double)"/> is available (a <see cref="SaveAt.Dense"/> solve).</summary>
    public bool HasDenseOutput => _dense is not null;

    /// <summary>The recorded state number <paramref name="index"/>.</summary>
    /// <param name="index">0 … <see cref="Count"/> − 1.</param>
    /// <returns>A read-only view of the state.</returns>
    public ReadOnlySpan<double> State(int index)
    {
        if ((uint)index >= (uint)_times.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in [0, {_times.Length - 1}], but was {index}.");
        return _states.AsSpan(index * Dimension, Dimension);
    }

    /// <summary>The time series of one component over the recorded states.</summary>
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
