namespace Dynamics.Plotting.Figures;

/// <summary>What a <see cref="PhasePortrait"/> draws behind its curves to show the field.</summary>
public enum FieldBackground
{
    /// <summary>A direction field: arrows on a grid, longer and darker where the flow is faster, with a colour bar.</summary>
    Arrows,

    /// <summary>Evenly spaced streamlines with arrowheads (direction only).</summary>
    Streamlines,

    /// <summary>Nothing (e.g. for the projection of a higher-dimensional attractor).</summary>
    None,
}
