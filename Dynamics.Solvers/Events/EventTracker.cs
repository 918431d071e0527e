using Dynamics.Numerics;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Events;

/// <summary>
/// Finds the sign changes of the event functions inside an accepted step: samples each g on the step's interpolant,
/// refines every bracketed change with Brent's method on the interpolant (no extra right-hand-side evaluations), and
/// returns them in time order up to the first event that stops the solve or changes the state. Allocates nothing
/// per step; recording an occurrence is the integrator's job.
/// </summary>
internal sealed class EventTracker
{
    private readonly IReadOnlyList<OdeEvent> _events;
    private readonly int _samples;
    private const double Epsilon = 2.220446049250313e-16;

    private readonly double[] _gStart, _gPrevious, _tPrevious, _sampleState, _rootState;
    private readonly List<Crossing> _crossings = [];
    private int _firedEvent = -1;
    private EventDirection _firedDirection;

    public EventTracker(IReadOnlyList<OdeEvent> events, int samplesPerStep, int dimension)
    {
        _events = events;
        _samples = samplesPerStep;
        _gStart = new double[events.Count];
        _gPrevious = new double[events.Count];
        _tPrevious = new double[events.Count];
        _sampleState = new double[dimension];
        _rootState = new double[dimension];
    }

    public IReadOnlyList<OdeEvent> Events => _events;

    /// <summary>
    /// Evaluates every g at the current point. An event that has just fired here (<paramref name="firedEvent"/>) is
    /// taken as exactly 0, so the restart neither re-detects it nor counts leaving the surface as a new crossing; the
    /// next <see cref="Locate"/> takes its sign from just after the start instead.
    /// </summary>
    /// <param name="t">The current time.</param>
    /// <param name="y">The current state.</param>
    /// <param name="firedEvent">The event that has just changed the state here, or −1.</param>
    /// <param name="firedDirection">The direction of that event's crossing.</param>
    public void Reset(double t, ReadOnlySpan<double> y, int firedEvent = -1, EventDirection firedDirection = EventDirection.Either)
    {
        _firedEvent = firedEvent;
        _firedDirection = firedDirection;
        for (int i = 0; i < _events.Count; i++) _gStart[i] = i == firedEvent ? 0.0 : _events[i].Condition(t, y);
    }

    /// <summary>
    /// Locates the crossings inside the accepted step that starts at (t0, y0), has size h and ends at (t1, y1).
    /// Returns them in time order; if one of them stops or changes the state, it is the last entry.
    /// </summary>
    public List<Crossing> Locate(IStepper stepper, double t0, double h, double t1, double[] y0, double[] y1)
    {
        _crossings.Clear();
        Array.Copy(_gStart, _gPrevious, _gStart.Length);
        double firstSample = t0 + h / _samples;
        for (int i = 0; i < _events.Count; i++)
        {
            _tPrevious[i] = t0;
            // A g that is exactly 0 at the step's start (an event that has just fired, or a start on the surface)
            // has no sign to compare with, so a crossing inside the first sample interval would be lost. Look at g
            // just after the start instead: the first of a few geometrically spaced probes where it is non-zero
            // becomes the left end of the first interval. Leaving the surface is not itself a crossing.
            if (_gStart[i] == 0 && Probe(stepper, i, t0, h, firstSample, y0, y1))
                _crossings.Add(new Crossing(i, t0, _firedDirection));
        }

        _firedEvent = -1;

        for (int j = 1; j <= _samples; j++)
        {
            bool last = j == _samples;
            double theta = (double)j / _samples;
            double t = last ? t1 : t0 + theta * h;
            if (!last) stepper.Interpolate(theta, y0, y1, _sampleState);
            ReadOnlySpan<double> state = last ? y1 : _sampleState;
            for (int i = 0; i < _events.Count; i++)
            {
                double g = _events[i].Condition(t, state);
                double gPrevious = _gPrevious[i], previousTime = _tPrevious[i];
                _gPrevious[i] = g;
                _tPrevious[i] = t;
                var crossing = Classify(gPrevious, g);
                if (crossing == EventDirection.Either) continue;
                if (_events[i].Direction != EventDirection.Either && _events[i].Direction != crossing) continue;
                var root = new InterpolatedCondition(stepper, _events[i].Condition, t0, h, y0, y1, _rootState);
                double time = g == 0 ? t : BrentRoot.Find(ref root, previousTime, t, gPrevious, g);
                _crossings.Add(new Crossing(i, time, crossing));
            }
        }

        Array.Copy(_gPrevious, _gStart, _gStart.Length);
        SortInDirection(_crossings, Math.Sign(h));
        for (int k = 0; k < _crossings.Count; k++)
        {
            if (_events[_crossings[k].EventIndex].Action == EventAction.Continue) continue;
            _crossings.RemoveRange(k + 1, _crossings.Count - k - 1);
            break;
        }

        return _crossings;
    }

    // Probes g at t0 + δ, 8δ, 64δ, … (δ = 64 ε (|t0| + |h|), well past the root finder's 4 ε |t| so an event just
    // located is left behind) up to the first sample, and starts the event's first interval at the first non-zero value.
    // For the event that has just changed the state it looks for the side g came from (positive after a falling
    // crossing): the first probe there starts the interval; if g shows only the far side up to the first sample, the
    // change did not take the state back across the surface, so the event holds again at once and Probe returns true.
    private bool Probe(IStepper stepper, int i, double t0, double h, double firstSample, double[] y0, double[] y1)
    {
        bool fired = i == _firedEvent;
        double origin = _firedDirection == EventDirection.Falling ? 1 : -1;
        bool sawFarSide = false;
        double delta = 64 * Epsilon * (Math.Abs(t0) + Math.Abs(h)) * Math.Sign(h);
        for (double offset = delta; ; offset *= 8)
        {
            bool atSample = Math.Abs(offset) >= Math.Abs(firstSample - t0);
            double t = atSample ? firstSample : t0 + offset;
            if (t != t0)
            {
                stepper.Interpolate((t - t0) / h, y0, y1, _sampleState);
                double g = _events[i].Condition(t, _sampleState);
                if (g != 0 && (!fired || Math.Sign(g) == origin))
                {
                    // A probe becomes the left end; the first sample itself is reached by the main loop from 0.
                    if (!atSample)
                    {
                        _gPrevious[i] = g;
                        _tPrevious[i] = t;
                    }

                    return false;
                }

                sawFarSide |= g != 0;
            }

            if (atSample) return fired && sawFarSide;
        }
    }

    // A crossing needs a strict sign on the left, so a g that starts at exactly 0 (just fired) is not a new crossing.
    private static EventDirection Classify(double before, double after) =>
        before < 0 && after >= 0 ? EventDirection.Rising
        : before > 0 && after <= 0 ? EventDirection.Falling
        : EventDirection.Either;

    // Insertion sort: a step has a handful of crossings, and List.Sort with a comparison delegate would allocate.
    private static void SortInDirection(List<Crossing> crossings, int direction)
    {
        for (int i = 1; i < crossings.Count; i++)
        {
            var item = crossings[i];
            int j = i - 1;
            while (j >= 0 && direction * (crossings[j].Time - item.Time) > 0)
            {
                crossings[j + 1] = crossings[j];
                j--;
            }

            crossings[j + 1] = item;
        }
    }

    /// <summary>A located sign change.</summary>
    internal readonly record struct Crossing(int EventIndex, double Time, EventDirection Direction);

    /// <summary>g(t, y(t)) with y(t) from the step's interpolant, for the root finder.</summary>
    private readonly struct InterpolatedCondition(
        IStepper stepper, EventCondition condition, double t0, double h, double[] y0, double[] y1, double[] state) : IScalarFunction
    {
        public double Evaluate(double x)
        {
            stepper.Interpolate((x - t0) / h, y0, y1, state);
            return condition(x, state);
        }
    }
}
