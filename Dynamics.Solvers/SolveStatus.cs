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

    /// <summary>An ensemble was cancelled before this member (or batch) finished; what it computed until then is kept.</summary>
    Cancelled,

    /// <summary>The field or an event function threw; the exception is carried on the solution.</summary>
    UserCodeFailed,
}
