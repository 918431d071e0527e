using System.Runtime.InteropServices;
using Dynamics.Fields;
using Dynamics.Solvers.DenseOutput;
using Dynamics.Solvers.Events;

namespace Dynamics.Solvers.Internal;

/// <summary>Records what <see cref="SaveAt"/> asks for while <see cref="Ode.Solve{TField}"/> steps an integrator.</summary>
internal sealed class SolutionRecorder<TField> where TField : IVectorField
{
    private readonly Integrator<TField> _integrator;
    private readonly SaveAt _saveAt;
    private readonly int _n, _direction;
    private readonly List<double> _times = [], _states = [];
    private readonly DenseTrajectory? _dense;
    private readonly double[] _scratch, _coefficients;
    private int _nextRequested, _eventsSeen;
    // Whether the path has reached SaveAt.StartTime (always true without one).
    private bool _saving;

    public SolutionRecorder(Integrator<TField> integrator, SaveAt saveAt)
    {
        _integrator = integrator;
        _saveAt = saveAt;
        _n = integrator.Dimension;
        _direction = integrator.EndTime > integrator.StartTime ? 1 : -1;
        _scratch = new double[_n];
        _coefficients = new double[(integrator.InterpolantDegree + 1) * _n];
        if (saveAt.Mode == SaveMode.Dense)
            _dense = new DenseTrajectory(_n, integrator.InterpolantDegree, _direction);

        _saving = saveAt.Keeps(integrator.StartTime, _direction);
        switch (saveAt.Mode)
        {
            case SaveMode.EveryStep or SaveMode.Dense:
                if (_saving) Add(integrator.Time, integrator.State);
                break;
            case SaveMode.Times:
                var requested = saveAt.RequestedTimes;
                while (_nextRequested < requested.Length && requested[_nextRequested] == integrator.StartTime)
                    Add(requested[_nextRequested++], integrator.State);
                break;
        }
    }

    public void RecordStep()
    {
        switch (_saveAt.Mode)
        {
            case SaveMode.EveryStep:
                if (StartSaving())
                {
                    RecordStateChanges();
                    Add(_integrator.Time, _integrator.State);
                }

                break;
            case SaveMode.Dense:
                if (StartSaving())
                {
                    // A step that ends exactly at the start time is not needed: the next one covers it.
                    if (_integrator.Time != _saveAt.StartTime)
                    {
                        _integrator.CopyInterpolant(_coefficients);
                        _dense!.Add(_integrator.PreviousTime, _integrator.LastStepSize, _integrator.Time, _coefficients);
                    }

                    RecordStateChanges();
                    Add(_integrator.Time, _integrator.State);
                }

                break;
            case SaveMode.Times:
                RecordRequestedTimes();
                break;
        }

        _eventsSeen = _integrator.Events.Count;
    }

    public Solution Finish() => Finish(_integrator.Status, _integrator.Message);

    /// <summary>The solution so far with the given ending (for a solve that ended outside the integrator, e.g. by an exception).</summary>
    public Solution Finish(SolveStatus status, string message)
    {
        if (_saveAt.Mode == SaveMode.End) Add(_integrator.Time, _integrator.State);
        return new Solution(_integrator.Method.Name, _n, [.. _times], [.. _states], _integrator.Time, _integrator.State.ToArray(),
            status, message, _integrator.Statistics, KeptEvents(_integrator.Events, _saveAt, _direction).ToArray(), _dense)
        {
            Exception = _integrator.Exception,
            Notes = [.. _integrator.Notes],
            MethodSwitches = [.. _integrator.MethodSwitches],
        };
    }

    /// <summary>The events at or after <see cref="SaveAt.StartTime"/>: a suffix of the time-ordered list, without copying.</summary>
    public static ReadOnlySpan<EventOccurrence> KeptEvents(IReadOnlyList<EventOccurrence> events, SaveAt saveAt, int direction)
    {
        ReadOnlySpan<EventOccurrence> all = events is List<EventOccurrence> list ? CollectionsMarshal.AsSpan(list) : events.ToArray();
        int first = 0;
        while (first < all.Length && !saveAt.Keeps(all[first].Time, direction)) first++;
        return all[first..];
    }

    // On the step that reaches the start time, keep y(start) by interpolation (unless the step ends exactly there) and
    // forget the events before it; afterwards every step is kept.
    private bool StartSaving()
    {
        if (_saving) return true;
        if (!_saveAt.Keeps(_integrator.Time, _direction)) return false;
        double start = _saveAt.StartTime!.Value;
        _saving = true;
        var events = _integrator.Events;
        while (_eventsSeen < events.Count && !_saveAt.Keeps(events[_eventsSeen].Time, _direction)) _eventsSeen++;
        if (start != _integrator.Time)
        {
            _integrator.Interpolate(start, _scratch);
            Add(start, _scratch);
        }

        return true;
    }

    // A state change makes the trajectory jump at the event time: keep the state just before the jump as well.
    private void RecordStateChanges()
    {
        var events = _integrator.Events;
        for (int i = _eventsSeen; i < events.Count; i++)
        {
            if (events[i].Action == EventAction.ChangeState) Add(events[i].Time, events[i].State);
        }
    }

    private void RecordRequestedTimes()
    {
        var requested = _saveAt.RequestedTimes;
        while (_nextRequested < requested.Length && _direction * (requested[_nextRequested] - _integrator.Time) <= 0)
        {
            double t = requested[_nextRequested++];
            if (t == _integrator.Time)
            {
                Add(t, _integrator.State);
            }
            else
            {
                _integrator.Interpolate(t, _scratch);
                Add(t, _scratch);
            }
        }
    }

    private void Add(double t, ReadOnlySpan<double> state)
    {
        _times.Add(t);
        _states.AddRange(state);
    }
}
