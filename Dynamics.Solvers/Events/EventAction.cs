namespace Dynamics.Solvers.Events;

/// <summary>What happens when an event fires.</summary>
public enum EventAction
{
    /// <summary>End the solve at the event (status <see cref="SolveStatus.StoppedByEvent"/>).</summary>
    Stop,

    /// <summary>Record the event and go on.</summary>
    Continue,

    /// <summary>Record the event, change the state, and restart the integration from the event.</summary>
    ChangeState,
}
