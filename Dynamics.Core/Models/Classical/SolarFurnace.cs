namespace Dynamics.Models.Classical;

/// <summary>
/// Closed forms of the solar-furnace mirror (docs/classical.md, (d′)), focus at the origin, rays parallel to the x-axis
/// arriving from +x: the mirrors are the parabolas y² = 2Cx + C², r = C/(1 − cos θ) in polar form, with vertex
/// (−C/2, 0), focal length C/2 and directrix x = −C; and the ray-tracing test that a mirror focuses. A reconstruction of
/// the textbook problem named in kexue.fm 1045, whose full text was not found.
/// </summary>
public static class SolarFurnace
{
    /// <summary>The first integral C = √(x² + y²) − x through (x, y): distance to the focus minus x.</summary>
    /// <param name="x">The abscissa.</param>
    /// <param name="y">The ordinate.</param>
    /// <returns>C (positive off the positive x-axis).</returns>
    public static double Constant(double x, double y) => Math.Sqrt(x * x + y * y) - x;

    /// <summary>The upper branch y = √(2Cx + C²) of the mirror with constant C, for x ≥ −C/2.</summary>
    /// <param name="x">The abscissa.</param>
    /// <param name="constant">C &gt; 0.</param>
    /// <returns>y.</returns>
    public static double Profile(double x, double constant) => Math.Sqrt(2 * constant * x + constant * constant);

    /// <summary>The residual y² − 2Cx − C² of the parabola equation at (x, y); 0 on the mirror.</summary>
    /// <param name="x">The abscissa.</param>
    /// <param name="y">The ordinate.</param>
    /// <param name="constant">C.</param>
    /// <returns>The residual.</returns>
    public static double ParabolaResidual(double x, double y, double constant) => y * y - 2 * constant * x - constant * constant;

    /// <summary>The vertex abscissa −C/2.</summary>
    /// <param name="constant">C.</param>
    /// <returns>The vertex's x.</returns>
    public static double VertexX(double constant) => -0.5 * constant;

    /// <summary>The focal length C/2 (vertex to focus).</summary>
    /// <param name="constant">C.</param>
    /// <returns>The focal length.</returns>
    public static double FocalLength(double constant) => 0.5 * constant;

    /// <summary>The design formula f = R²/(4h) for a dish of aperture radius R and depth h.</summary>
    /// <param name="apertureRadius">R &gt; 0.</param>
    /// <param name="depth">h &gt; 0.</param>
    /// <returns>The focal length.</returns>
    public static double DishFocalLength(double apertureRadius, double depth) => apertureRadius * apertureRadius / (4 * depth);

    /// <summary>
    /// Reflects a ray travelling along −x (parallel to the axis) at mirror point (x, y), where the mirror's tangent is
    /// (tx, ty), and returns how far the reflected ray passes from the focus (the origin): the law of reflection
    /// r = d − 2(d·n)n with d = (−1, 0) and the unit normal n ⊥ (tx, ty), then the distance from the origin to the ray
    /// {M + s·r, s ≥ 0}. Zero for a perfect mirror.
    /// </summary>
    /// <param name="x">The hit point's abscissa.</param>
    /// <param name="y">The hit point's ordinate.</param>
    /// <param name="tangentX">The tangent's x component.</param>
    /// <param name="tangentY">The tangent's y component (not both zero).</param>
    /// <returns>The miss distance.</returns>
    public static double FocusMiss(double x, double y, double tangentX, double tangentY)
    {
        double length = Math.Sqrt(tangentX * tangentX + tangentY * tangentY);
        double nx = -tangentY / length, ny = tangentX / length;
        double dot = -nx;
        double rx = -1 - 2 * dot * nx, ry = -2 * dot * ny;
        double s = Math.Max(0, (-x * rx - y * ry) / (rx * rx + ry * ry));
        double cx = x + s * rx, cy = y + s * ry;
        return Math.Sqrt(cx * cx + cy * cy);
    }
}
