namespace Dynamics.Solvers;

/// <summary>
/// Thrown instead of returning a failure status when <see cref="SolverOptions.ThrowOnFailure"/> is set; it carries
/// everything computed up to the failure.
/// </summary>
public sealed class OdeSolveException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="status">Why the solve failed.</param>
    /// <param name="message">The explanation.</param>
    /// <param name="solution">The partial solution, or null when thrown from manual stepping.</param>
    public OdeSolveException(SolveStatus status, string message, Solution? solution) : base(message)
    {
        Status = status;
        Solution = solution;
    }

    /// <summary>Creates the exception for a failure caused by another exception (e.g. one thrown by the user's field).</summary>
    /// <param name="status">Why the solve failed, e.g. <see cref="SolveStatus.UserCodeFailed"/>.</param>
    /// <param name="message">The explanation.</param>
    /// <param name="solution">The partial solution, or null when thrown from manual stepping.</param>
    /// <param name="innerException">The cause, available as <see cref="Exception.InnerException"/>.</param>
    public OdeSolveException(SolveStatus status, string message, Solution? solution, Exception? innerException) : base(message, innerException)
    {
        Status = status;
        Solution = solution;
    }

    /// <summary>Creates an exception with a message only (status <see cref="SolveStatus.Running"/>).</summary>
    public OdeSolveException() : this(SolveStatus.Running, "The solve failed.", null) { }

    /// <summary>Creates an exception with a message only (status <see cref="SolveStatus.Running"/>).</summary>
    /// <param name="message">The explanation.</param>
    public OdeSolveException(string message) : this(SolveStatus.Running, message, null) { }

    /// <summary>Creates an exception wrapping another.</summary>
    /// <param name="message">The explanation.</param>
    /// <param name="innerException">The cause.</param>
    public OdeSolveException(string message, Exception innerException) : base(message, innerException) { }

    /// <summary>Why the solve failed.</summary>
    public SolveStatus Status { get; }

    /// <summary>The partial solution (null from manual stepping).</summary>
    public Solution? Solution { get; }
}
