namespace Dynamics.Solvers;

/// <summary>How a solve ended (or that it is still running, for manual stepping).</summary>
public enum SolveStatus
{
    /// <summary>The integrator can take more steps.</summary>
    Running,

    /// <summary>The final time was reached.</summary>
    Success,

    /// <summary>A <see cref="Events.EventAction.Stop"/> event ended the solve.</summary>
    StoppedByEvent,

    /// <summary>The limit <see cref="SolverOptions.MaxSteps"/> on step attempts was reached.</summary>
    MaxStepsReached,

    /// <summary>The step size fell below the minimum: the problem may be stiff or singular there.</summary>
    StepSizeTooSmall,

    /// <summary>Trial states became NaN or infinite and shrinking the step did not help (or a fixed-step method produced one).</summary>
    NonFiniteState,

    /// <summary>f(t, y) is NaN or infinite at an accepted state.</summary>
    NonFiniteDerivative,

    /// <summary>
    /// The solve was cancelled (an ensemble before this member or batch finished, or a single solve through its
    /// cancellation token); what it computed until then is kept.
    /// </summary>
    Cancelled,

    /// <summary>
    /// State-changing events accumulate at a limit point (Zeno behaviour, e.g. a bouncing ball coming to rest after
    /// infinitely many ever-shorter bounces), so the event model cannot be continued past it; the solve stops at the
    /// last event and keeps everything computed.
    /// </summary>
    ZenoBehaviour,

    /// <summary>
    /// The user's code (the field, an event condition or an event's state change) threw an exception; the solution
    /// keeps everything computed before it and carries the exception.
    /// </summary>
    UserCodeFailed,
}
