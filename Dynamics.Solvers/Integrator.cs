using System.Globalization;
using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Problems;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.StepSize;
using Dynamics.Validation;

namespace Dynamics.Solvers;

/// <summary>
/// Manual stepping: <see cref="Step"/> advances one accepted step (adapting the step size, locating events and
/// applying their actions), after which <see cref="Time"/>, <see cref="State"/> and <see cref="Interpolate"/> describe
/// the step just taken. <see cref="Ode.Solve{TField}"/> is this loop plus recording. All buffers are allocated here;
/// a step allocates nothing unless an event occurs. Not thread-safe: one integrator per trajectory.
/// </summary>
/// <typeparam name="TField">The field type; a struct field is devirtualised and inlined.</typeparam>
public sealed class Integrator<TField> where TField : IVectorField
{
    private const double Epsilon = 2.220446049250313e-16;

    private TField _field;
    private IStepper _stepper;
    private readonly SolverOptions _options;
    private readonly StepControl<ScalarLane> _control;
    private readonly ErrorNorm _norm;
    private readonly EventTracker? _events;
    private readonly List<EventOccurrence> _occurrences = [];
    private readonly double[] _absoluteTolerances, _error, _eventStepEnd;
    private readonly double[] _relativeTolerances;
    private readonly List<string> _notes = [];
    private readonly double _fixedStep, _maxStep, _minStep;
    private readonly int _maxSteps;
    private int _direction;
    private double _endTime;
    private readonly bool _adaptive, _throwOnFailure;
    private double[] _y, _yPrevious, _yTrial, _stepEnd;
    private double _t, _tPrevious, _h, _lastStep, _gridOrigin;
    private StepHistory<ScalarLane> _history;
    private long _attempts, _accepted, _rejected, _ownEvaluations, _gridIndex;
    // Zeno guard: the time of the last state change, the last two intervals between changes, and how many tiny ones ran in a row.
    private double _lastChangeTime, _lastChangeInterval, _changeIntervalBeforeThat;
    private int _tinyChangeIntervals;
    private const double ZenoWindow = 1e-12;
    // Which kind of user code runs, so a failure can say whose exception it was (no allocation: an enum and a name).
    private UserCode _userCode;
    private string _failingEvent = "";
    private const int ZenoCount = 8;

    /// <summary>Creates an integrator positioned at the problem's initial state.</summary>
    /// <param name="problem">The problem.</param>
    /// <param name="method">The method.</param>
    /// <param name="options">The options (default <see cref="SolverOptions.Default"/>).</param>
    public Integrator(OdeProblem<TField> problem, IOdeMethod method, SolverOptions? options = null)
        : this(problem, method, options ?? SolverOptions.Default, (options ?? SolverOptions.Default).ThrowOnFailure)
    {
    }

    internal Integrator(OdeProblem<TField> problem, IOdeMethod method, SolverOptions options, bool throwOnFailure)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate(problem.Dimension, problem.StartTime, problem.EndTime, method.EmbeddedOrder is not null, method.Name);
        _options = options;
        _throwOnFailure = throwOnFailure;
        Method = method;
        Dimension = problem.Dimension;
        _norm = options.ErrorNorm;
        _maxSteps = options.MaxSteps;
        _maxStep = options.MaxStep;
        _minStep = options.MinStep;
        _relativeTolerances = options.EffectiveRelativeTolerances(Dimension, options.StepSize is null ? _notes : null);
        _absoluteTolerances = options.EffectiveAbsoluteTolerances(Dimension);
        _adaptive = options.StepSize is null;
        _fixedStep = options.StepSize ?? 0;
        _control = new StepControl<ScalarLane>(options.Controller, Math.Min(method.Order, method.EmbeddedOrder ?? method.Order) + 1, _maxStep, _minStep);

        _field = problem.Field;
        _stepper = method.CreateStepper(_field);
        _y = new double[Dimension];
        _yPrevious = new double[Dimension];
        _yTrial = new double[Dimension];
        _error = new double[Dimension];
        _eventStepEnd = new double[Dimension];
        _stepEnd = _y;
        if (options.Events.Count > 0) _events = new EventTracker(options.Events, options.EventSamplesPerStep, Dimension);
        Start(problem);
    }

    /// <summary>
    /// Starts over on another problem of the same dimension with the same method and options, reusing every buffer,
    /// so a worker can integrate many ensemble members without allocating per member. Afterwards the integrator is
    /// exactly as a new one created for <paramref name="problem"/> would be.
    /// </summary>
    /// <param name="problem">The next problem; its dimension must equal <see cref="Dimension"/>.</param>
    public void Reset(OdeProblem<TField> problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Require.Length(problem.Dimension, Dimension, nameof(problem));
        _options.Validate(problem.Dimension, problem.StartTime, problem.EndTime, Method.EmbeddedOrder is not null, Method.Name);
        _field = problem.Field;
        if (_stepper is IFieldStepper<TField> reusable) reusable.Reset(_field);
        else _stepper = Method.CreateStepper(_field);
        _occurrences.Clear();
        Start(problem);
    }

    private static double Smallest(ReadOnlySpan<double> values)
    {
        double smallest = double.PositiveInfinity;
        foreach (double v in values) smallest = Math.Min(smallest, v);
        return smallest;
    }

    private void Start(OdeProblem<TField> problem)
    {
        StartTime = problem.StartTime;
        _endTime = problem.EndTime;
        _direction = problem.Direction;
        problem.InitialState.CopyTo(_y);
        problem.InitialState.CopyTo(_yPrevious);
        _stepEnd = _y;
        // Implicit steppers scale their Newton tolerance by one relative tolerance: the strictest component's.
        (_stepper as Implicit.IImplicitStepper)?.UseTolerances(Smallest(_relativeTolerances), _absoluteTolerances);
        _t = _tPrevious = _gridOrigin = StartTime;
        _h = _lastStep = 0;
        _history = default;
        _attempts = _accepted = _rejected = _ownEvaluations = _gridIndex = 0;
        _lastChangeTime = double.NaN;
        _lastChangeInterval = _changeIntervalBeforeThat = double.NaN;
        _tinyChangeIntervals = 0;
        Status = SolveStatus.Running;
        Message = "Running.";
        Exception = null;
        try
        {
            _userCode = UserCode.EventCondition;
            _events?.Reset(_t, _y);
            _userCode = UserCode.Field;
            var f0 = _stepper.EnsureDerivative(_t, _y);
            int bad = FirstNonFinite(f0);
            if (bad >= 0) Fail(SolveStatus.NonFiniteDerivative, DerivativeMessage(bad, f0[bad]));
            else if (_adaptive) _h = _options.InitialStep ?? InitialStepSize(f0);
        }
        catch (Exception e) when (e is not OdeSolveException)
        {
            FailUserCode(e);
        }
    }

    /// <summary>The method.</summary>
    public IOdeMethod Method { get; }

    /// <summary>The state dimension n.</summary>
    public int Dimension { get; }

    /// <summary>t₀.</summary>
    public double StartTime { get; private set; }

    /// <summary>The final time.</summary>
    public double EndTime => _endTime;

    /// <summary>The current time.</summary>
    public double Time => _t;

    /// <summary>The current state.</summary>
    public ReadOnlySpan<double> State => _y;

    /// <summary>The time at the start of the last step.</summary>
    public double PreviousTime => _tPrevious;

    /// <summary>The size of the last accepted step (signed; an event may have ended the step before its end).</summary>
    public double LastStepSize => _lastStep;

    /// <summary>The step size the controller proposes next (signed; 0 for a fixed-step solve before the first step).</summary>
    public double NextStepSize => _adaptive ? _h : _fixedStep;

    /// <summary><see cref="SolveStatus.Running"/> until the end is reached, a stop event fires or the solve fails.</summary>
    public SolveStatus Status { get; private set; } = SolveStatus.Running;

    /// <summary>A sentence explaining <see cref="Status"/>.</summary>
    public string Message { get; private set; } = "Running.";

    /// <summary>True once the solve has ended, successfully or not.</summary>
    public bool IsFinished => Status != SolveStatus.Running;

    /// <summary>The work done so far.</summary>
    public SolverStatistics Statistics => _stepper is Implicit.IImplicitStepper implicitStepper
        ? new(_stepper.RhsEvaluations + _ownEvaluations, _accepted, _rejected)
        {
            JacobianEvaluations = implicitStepper.JacobianEvaluations,
            LuFactorizations = implicitStepper.LuFactorizations,
            NewtonFailures = implicitStepper.NewtonFailures,
        }
        : new(_stepper.RhsEvaluations + _ownEvaluations, _accepted, _rejected);

    /// <summary>Remarks on how the solve is carried out, e.g. a relative tolerance raised to its floor (empty when none).</summary>
    public IReadOnlyList<string> Notes => _notes;

    /// <summary>The events located so far, in time order.</summary>
    public IReadOnlyList<EventOccurrence> Events => _occurrences;

    /// <summary>
    /// Advances one accepted step. Returns true when a step was taken (including the one that finishes the solve) and
    /// false when nothing more can be done: the solve has finished or failed (see <see cref="Status"/>). With
    /// <see cref="SolverOptions.ThrowOnFailure"/> a failure throws <see cref="OdeSolveException"/> instead.
    /// </summary>
    /// <returns>Whether a step was taken.</returns>
    public bool Step()
    {
        if (Status != SolveStatus.Running) return false;
        long acceptedBefore = _accepted;
        try
        {
            _userCode = UserCode.Field;
            var f0 = _stepper.EnsureDerivative(_t, _y);
            int bad = FirstNonFinite(f0);
            if (bad >= 0) return Fail(SolveStatus.NonFiniteDerivative, DerivativeMessage(bad, f0[bad]));
            return _adaptive ? AdaptiveStep() : FixedStep();
        }
        catch (Exception e) when (e is not OdeSolveException)
        {
            // The user's code threw: end the solve where it stands. A step accepted before the failure (which happened
            // while its events were handled) still counts, so a caller records it before seeing the status.
            FailUserCode(e);
            return _accepted != acceptedBefore;
        }
    }

    /// <summary>
    /// The exception thrown by the user's code (the field, an event condition or an event's state change) when
    /// <see cref="Status"/> is <see cref="SolveStatus.UserCodeFailed"/>; otherwise null.
    /// </summary>
    public Exception? Exception { get; private set; }

    /// <summary>Interpolates the last step: y(t) for t between <see cref="PreviousTime"/> and <see cref="Time"/>.</summary>
    /// <param name="t">The time.</param>
    /// <param name="state">Receives y(t).</param>
    public void Interpolate(double t, Span<double> state)
    {
        Require.Finite(t, nameof(t));
        Require.Length(state.Length, Dimension, nameof(state));
        if (_accepted == 0)
        {
            if (t != StartTime)
                throw new InvalidOperationException($"No step has been taken yet, so only t = {Require.Format(StartTime)} can be interpolated.");
            _y.CopyTo(state);
            return;
        }

        double slack = 8 * Epsilon * Math.Max(Math.Abs(_t), Math.Abs(_tPrevious));
        if (_direction * (t - _tPrevious) < -slack || _direction * (t - _t) > slack)
            throw new ArgumentOutOfRangeException(nameof(t), t,
                $"t = {Require.Format(t)} lies outside the last step [{Require.Format(_tPrevious)}, {Require.Format(_t)}].");
        _stepper.Interpolate((t - _tPrevious) / _lastStep, _yPrevious, _stepEnd, state);
    }

    /// <summary>The monomial coefficients of the last step's interpolant, for dense output.</summary>
    internal void CopyInterpolant(Span<double> coefficients) => _stepper.CopyInterpolant(_yPrevious, _stepEnd, coefficients);

    internal int InterpolantDegree => _stepper.InterpolantDegree;

    /// <summary>The method switches of an automatic-switching method so far (empty for other methods).</summary>
    internal IReadOnlyList<Implicit.MethodSwitch> MethodSwitches => (_stepper as Implicit.ISwitchingStepper)?.Switches ?? [];

    private bool AdaptiveStep()
    {
        var t = ScalarLane.Create(_t);
        var end = ScalarLane.Create(_endTime);
        var direction = ScalarLane.Create(_direction);
        while (true)
        {
            if (_attempts >= _maxSteps) return FailMaxSteps();
            double h = _control.NextStep(t, ScalarLane.Create(_h), end, direction, out var landsOnEnd, out uint tooSmall).Value;
            if (tooSmall != 0) return FailStepTooSmall(h);

            _attempts++;
            _stepper.Attempt(_t, _y, h, _yTrial, _error);
            // The squared error decides acceptance (e² ≤ 1 ⇔ e ≤ 1) and gives ln e = ½ ln e² without a square root.
            var errorSquared = ScalarLane.Create(_norm.MeasureSquared(_error, _y, _yTrial, _relativeTolerances, _absoluteTolerances));
            double factor = _control.Adapt(errorSquared, ScalarLane.Create(BitConverter.Int64BitsToDouble(-1)), ref _history, out var accepted).Value;
            _h = h * factor;
            if (ScalarLane.MaskBits(accepted) != 0)
            {
                AcceptStep(h, ScalarLane.MaskBits(landsOnEnd) != 0);
                return true;
            }

            _rejected++;
        }
    }

    // Out of line: the messages' string formatting inlined into AdaptiveStep used up its inlining budget, and the
    // controller's logarithm became a call that spilled the step's registers (a 9 % slower single trajectory).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool FailStepTooSmall(double h)
    {
        double minStep = Math.Max(_minStep, 16 * Epsilon * Math.Abs(_t));
        return ScalarLane.MaskBits(_history.LastNonFinite) != 0
            ? Fail(SolveStatus.NonFiniteState,
                $"The trial state or its derivative became non-finite (NaN or ±∞) near t = {Require.Format(_t)}, and shrinking the step to |h| = {Require.Format(Math.Abs(h))} did not help.")
            : Fail(SolveStatus.StepSizeTooSmall,
                $"Step size underflow at t = {Require.Format(_t)}: |h| = {Require.Format(Math.Abs(h))} is below the minimum {Require.Format(minStep)}. The problem may be stiff or singular there.");
    }

    private bool FixedStep()
    {
        if (_attempts >= _maxSteps) return FailMaxSteps();
        // Step ends on the grid origin + k·h, computed by multiplication so long runs do not drift.
        double target = _gridOrigin + (_gridIndex + 1) * _fixedStep;
        bool landsOnEnd = _direction * (target - _endTime) >= -1e-10 * Math.Abs(_fixedStep);
        double h = (landsOnEnd ? _endTime : target) - _t;
        _attempts++;
        _stepper.Attempt(_t, _y, h, _yTrial, _error);
        int bad = FirstNonFinite(_yTrial);
        if (bad >= 0)
        {
            return Fail(SolveStatus.NonFiniteState,
                $"The state became non-finite (component {bad} is {Require.Format(_yTrial[bad])}) in the fixed step from t = {Require.Format(_t)} to {Require.Format(_t + h)}; the step size may be too large for this problem.");
        }

        _gridIndex++;
        AcceptStep(h, landsOnEnd);
        return true;
    }

    private void AcceptStep(double h, bool landsOnEnd)
    {
        _accepted++;
        _tPrevious = _t;
        _lastStep = h;
        (_yPrevious, _y, _yTrial) = (_y, _yTrial, _yPrevious);
        _stepEnd = _y;
        _t = landsOnEnd ? _endTime : _t + h;
        _stepper.Accept();
        if (_events is not null)
        {
            HandleEvents();
            _userCode = UserCode.Field;
        }
        if (Status == SolveStatus.Running && _t == _endTime)
        {
            Status = SolveStatus.Success;
            Message = $"Reached the final time t = {Require.Format(_endTime)}.";
        }
    }

    private void HandleEvents()
    {
        _userCode = UserCode.EventCondition;
        var crossings = _events!.Locate(_stepper, _tPrevious, _lastStep, _t, _yPrevious, _y);
        foreach (var crossing in crossings)
        {
            var ev = _events.Events[crossing.EventIndex];
            var stateAtEvent = new double[Dimension];
            if (crossing.Time == _t) _y.CopyTo(stateAtEvent);
            else _stepper.Interpolate((crossing.Time - _tPrevious) / _lastStep, _yPrevious, _y, stateAtEvent);

            if (ev.Action == EventAction.Continue)
            {
                _occurrences.Add(new EventOccurrence(ev.Name, crossing.EventIndex, crossing.Time, stateAtEvent, stateAtEvent, crossing.Direction, ev.Action));
                continue;
            }

            // The step ends at the event: keep the full step's end for interpolation, then move the current point.
            _y.CopyTo(_eventStepEnd);
            _stepEnd = _eventStepEnd;
            _t = crossing.Time;
            stateAtEvent.CopyTo(_y);
            if (ev.Action == EventAction.Stop)
            {
                _occurrences.Add(new EventOccurrence(ev.Name, crossing.EventIndex, crossing.Time, stateAtEvent, stateAtEvent, crossing.Direction, ev.Action));
                Status = SolveStatus.StoppedByEvent;
                Message = $"Event '{ev.Name}' stopped the solve at t = {Require.Format(crossing.Time)}.";
                return;
            }

            var stateAfter = (double[])stateAtEvent.Clone();
            _userCode = UserCode.StateChange;
            _failingEvent = ev.Name;
            ev.StateChange!(crossing.Time, stateAfter);
            _userCode = UserCode.EventCondition;
            _occurrences.Add(new EventOccurrence(ev.Name, crossing.EventIndex, crossing.Time, stateAtEvent, stateAfter, crossing.Direction, ev.Action));
            stateAfter.CopyTo(_y);
            int bad = FirstNonFinite(_y);
            if (bad >= 0)
            {
                Fail(SolveStatus.NonFiniteState,
                    $"Event '{ev.Name}' set component {bad} of the state to {Require.Format(_y[bad])} at t = {Require.Format(crossing.Time)}.");
                return;
            }

            _stepper.Invalidate();
            _events.Reset(_t, _y, crossing.EventIndex, crossing.Direction);
            _userCode = UserCode.Field;
            _gridOrigin = _t;
            _gridIndex = 0;
            if (IsZeno(ev.Name)) return;
            RestartStepSize();
            return;
        }
    }

    private double InitialStepSize(ReadOnlySpan<double> f0)
    {
        _ownEvaluations++;
        return StepSize.InitialStepSize.Hairer(_field, Method.Order, _t, _endTime, _y, f0, _relativeTolerances, _absoluteTolerances,
            _options.MaxStep, _yTrial, _error);
    }

    // A state change makes the derivative jump, so the step that fitted the old flight says nothing about the new one
    // (worse, a polynomial flight has a zero error estimate and the controller grows the step tenfold per step): start
    // step-size selection afresh, as at t₀, with Hairer's initial step and no controller history.
    private void RestartStepSize()
    {
        if (!_adaptive) return;
        _history = default;
        var f0 = _stepper.EnsureDerivative(_t, _y);
        if (FirstNonFinite(f0) >= 0) return; // the next Step reports the non-finite derivative
        _h = _options.InitialStep ?? InitialStepSize(f0);
    }

    // Zeno guard: state changes that follow each other within a few thousand ulps of t (ZenoWindow · max(|t|, span))
    // ZenoCount times in a row mean events accumulate at a limit point (a ball coming to rest after infinitely many
    // bounces, or a change that leaves the state on the event surface); the event model cannot be continued past it.
    private bool IsZeno(string eventName)
    {
        double interval = Math.Abs(_t - _lastChangeTime);
        double window = ZenoWindow * Math.Max(Math.Abs(_t), Math.Abs(_endTime - StartTime));
        _changeIntervalBeforeThat = _lastChangeInterval;
        _lastChangeInterval = interval;
        _lastChangeTime = _t;
        _tinyChangeIntervals = interval <= window ? _tinyChangeIntervals + 1 : 0;
        if (_tinyChangeIntervals < ZenoCount) return false;
        double ratio = _lastChangeInterval / _changeIntervalBeforeThat;
        string limit = ratio < 1 ? $" (the last intervals shrink by a factor {ratio.ToString("0.###", CultureInfo.InvariantCulture)} each, so they accumulate near t = {Require.Format(_t + _lastChangeInterval * ratio / (1 - ratio))})" : "";
        Fail(SolveStatus.ZenoBehaviour,
            $"Zeno behaviour: event '{eventName}' changed the state {ZenoCount} times in a row within {Require.Format(window)} of each other up to t = {Require.Format(_t)}{limit}. " +
            "The events accumulate at a limit point that the event model cannot pass; everything up to it is kept.");
        return true;
    }

    /// <summary>Ends a running solve with <see cref="SolveStatus.Cancelled"/> where it stands (used by <see cref="Ode.Solve{TField}"/> when its token is cancelled).</summary>
    internal void Cancel()
    {
        if (Status != SolveStatus.Running) return;
        Status = SolveStatus.Cancelled;
        Message = $"Cancelled at t = {Require.Format(_t)} after {_accepted} steps; everything computed until then is kept.";
    }

    private void FailUserCode(Exception e)
    {
        string source = _userCode switch
        {
            UserCode.EventCondition => "An event condition",
            UserCode.StateChange => $"The state change of event '{_failingEvent}'",
            _ => "The vector field",
        };
        Exception = e;
        Status = SolveStatus.UserCodeFailed;
        Message = $"{source} threw {e.GetType().Name} at t = {Require.Format(_t)} (the last accepted time; see Exception): {e.Message}";
        if (_throwOnFailure) throw new OdeSolveException(Status, Message, null, e);
    }

    private bool FailMaxSteps() => Fail(SolveStatus.MaxStepsReached,
        $"Reached MaxSteps = {_options.MaxSteps} step attempts at t = {Require.Format(_t)} before the final time {Require.Format(_endTime)}."
        + (_stepper is Implicit.IImplicitStepper ? "" : Implicit.StiffnessDiagnosis.Describe(_field, _t, _y, _adaptive ? _h : _fixedStep)));

    private bool Fail(SolveStatus status, string message)
    {
        Status = status;
        Message = message;
        if (_throwOnFailure) throw new OdeSolveException(status, message, null);
        return false;
    }

    private string DerivativeMessage(int component, double value) =>
        $"The derivative f(t, y) is non-finite at t = {Require.Format(_t)}: component {component} is {Require.Format(value)}.";

    private static int FirstNonFinite(ReadOnlySpan<double> values)
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!double.IsFinite(values[i])) return i;
        }

        return -1;
    }

    private enum UserCode
    {
        Field,
        EventCondition,
        StateChange,
    }
}
