namespace Dynamics.Models.Classical;

/// <summary>
/// How <see cref="ReflectorCurve"/> parameterises the mirror curve. Su's remark in kexue.fm 1045 (the part that survives):
/// dy = f dx, y = ∫dy, x = ∫dx is three equations for four unknowns, so one relation is free; choosing it is choosing a
/// parameterisation, and a good choice removes a singularity.
/// </summary>
public enum ReflectorParameterisation
{
    /// <summary>Arc length s: (x, y)' = (y, r − x)/√(2r(r − x)), a unit tangent, regular on the whole curve.</summary>
    ArcLength,

    /// <summary>A curve parameter τ: (x, y)' = (y, r − x), polynomial-like and regular through the vertex, where it points along +y.</summary>
    CurveParameter,

    /// <summary>
    /// The slope vector read straight off dy/dx = y/(x + r): (x, y)' = (x + r, y). It vanishes on the negative x-axis,
    /// so the vertex is an equilibrium and the curve is never traversed through it.
    /// </summary>
    SlopeVector,
}
