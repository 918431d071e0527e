using Dynamics.Fields;
using Dynamics.Solvers.DenseOutput;
using Dynamics.Solvers.Events;

namespace Dynamics.Solvers.Internal;

/// <summary>Records what <see cref="SaveAt"/> asks for while <see cref="Ode.Solve{TField}"/> steps an integrator.</summary>
internal sealed class SolutionRecorder<TField> where TField : IVectorField
{
    private readonly Integrator<TField> _integrator;
    private readonly SaveAt _saveAt;
    private readonly int _n;
    private readonly List<double> _times = [], _states = [];
    private readonly DenseTrajectory? _dense;
    private readonly double[] _scratch, _coefficients;
    private int _nextRequested, _eventsSeen;

    public SolutionRecorder(Integrator<TField> integrator, SaveAt saveAt)
    {
        _integrator = integrator;
        _saveAt = saveAt;
        _n = integrator.Dimension;
        _scratch = new double[_n];
        _coefficients = new double[(integrator.InterpolantDegree + 1) * _n];
        if (saveAt.Mode == SaveMode.Dense)
            _dense = new DenseTrajectory(_n, integrator.InterpolantDegree, integrator.EndTime > integrator.StartTime ? 1 : -1);

        switch (saveAt.Mode)
        {
            case SaveMode.EveryStep or SaveMode.Dense:
                Add(integrator.Time, integrator.State);
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
                RecordStateChanges();
                Add(_integrator.Time, _integrator.State);
                break;
            case SaveMode.Dense:
                _integrator.CopyInterpolant(_coefficients);
                _dense!.Add(_integrator.PreviousTime, _integrator.LastStepSize, _integrator.Time, _coefficients);
                RecordStateChanges();
                Add(_integrator.Time, _integrator.State);
                break;
            case SaveMode.Times:
                RecordRequestedTimes();
                break;
        }

        _eventsSeen = _integrator.Events.Count;
    }

    public Solution Finish()
    {
        if (_saveAt.Mode == SaveMode.End) Add(_integrator.Time, _integrator.State);
        return new Solution(_integrator.Method.Name, _n, [.. _times], [.. _states], _integrator.Time, _integrator.State.ToArray(),
            _integrator.Status, _integrator.Message, _integrator.Statistics, [.. _integrator.Events], _dense)
        {
            Exception = _integrator.Exception,
            Notes = [.. _integrator.Notes],
        };
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
        int direction = _integrator.EndTime > _integrator.StartTime ? 1 : -1;
        while (_nextRequested < requested.Length && direction * (requested[_nextRequested] - _integrator.Time) <= 0)
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
