namespace Dynamics.Solvers.Events;

/// <summary>Which sign changes of g trigger an event.</summary>
public enum EventDirection
{
    /// <summary>Both directions.</summary>
    Either,

    /// <summary>g goes from negative to non-negative.</summary>
    Rising,

    /// <summary>g goes from positive to non-positive.</summary>
    Falling,
}
