namespace Dynamics.Solvers.Events;

/// <summary>
/// An event: a sign change of g(t, y) in a chosen direction, located on each step's interpolant by Brent's method to
/// near machine precision (no extra right-hand-side evaluations beyond those the interpolant needs). The interpolant is
/// sampled at <see cref="SolverOptions.EventSamplesPerStep"/> points per step, so several crossings inside one step are
/// found as long as they are separated by a sample. Where g is exactly 0 at a step's start (just after an event, or a
/// start on the surface) its sign is taken from just after the start; leaving the surface is not a crossing. After a
/// <see cref="EventAction.ChangeState"/> event step-size selection restarts, and state changes that accumulate at a
/// limit point end the solve with <see cref="SolveStatus.ZenoBehaviour"/> (docs/solvers-events.md has the details).
/// </summary>
public sealed record OdeEvent
{
    /// <summary>Creates an event; prefer the factories <see cref="Stop"/>, <see cref="Record"/> and <see cref="Change"/>.</summary>
    /// <param name="name">A name reported with each occurrence.</param>
    /// <param name="condition">g(t, y).</param>
    /// <param name="action">What happens when it fires.</param>
    /// <param name="direction">Which sign changes count.</param>
    /// <param name="stateChange">The state change, required for <see cref="EventAction.ChangeState"/>.</param>
    public OdeEvent(string name, EventCondition condition, EventAction action, EventDirection direction = EventDirection.Either,
        EventStateChange? stateChange = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(condition);
        if (action == EventAction.ChangeState && stateChange is null)
            throw new ArgumentException($"Event '{name}' changes the state, so it needs a stateChange delegate.", nameof(stateChange));
        Name = name;
        Condition = condition;
        Action = action;
        Direction = direction;
        StateChange = stateChange;
    }

    /// <summary>The name reported with each occurrence.</summary>
    public string Name { get; }

    /// <summary>g(t, y).</summary>
    public EventCondition Condition { get; }

    /// <summary>What happens when it fires.</summary>
    public EventAction Action { get; }

    /// <summary>Which sign changes count.</summary>
    public EventDirection Direction { get; }

    /// <summary>The state change for <see cref="EventAction.ChangeState"/>.</summary>
    public EventStateChange? StateChange { get; }

    /// <summary>An event that ends the solve where g changes sign.</summary>
    /// <param name="name">The name.</param>
    /// <param name="condition">g(t, y).</param>
    /// <param name="direction">Which sign changes count.</param>
    /// <returns>The event.</returns>
    public static OdeEvent Stop(string name, EventCondition condition, EventDirection direction = EventDirection.Either) =>
        new(name, condition, EventAction.Stop, direction);

    /// <summary>An event that is only recorded (e.g. Poincaré-section crossings).</summary>
    /// <param name="name">The name.</param>
    /// <param name="condition">g(t, y).</param>
    /// <param name="direction">Which sign changes count.</param>
    /// <returns>The event.</returns>
    public static OdeEvent Record(string name, EventCondition condition, EventDirection direction = EventDirection.Either) =>
        new(name, condition, EventAction.Continue, direction);

    /// <summary>An event that changes the state and restarts the integration (e.g. an impact).</summary>
    /// <param name="name">The name.</param>
    /// <param name="condition">g(t, y).</param>
    /// <param name="stateChange">Modifies the state in place.</param>
    /// <param name="direction">Which sign changes count.</param>
    /// <returns>The event.</returns>
    public static OdeEvent Change(string name, EventCondition condition, EventStateChange stateChange, EventDirection direction = EventDirection.Either) =>
        new(name, condition, EventAction.ChangeState, direction, stateChange);
}
