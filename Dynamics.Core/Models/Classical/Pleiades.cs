using Dynamics.Fields;

namespace Dynamics.Models.Classical;

/// <summary>
/// The Pleiades problem (Hairer, Nørsett &amp; Wanner, "Solving ODEs I", 2nd ed., II.10, eq. (10.13)): seven stars in
/// the plane with masses mᵢ = i attracting each other by gravitation (G = 1),
/// xᵢ'' = Σ_{j≠i} mⱼ(xⱼ − xᵢ)/rᵢⱼ^{3/2}, yᵢ'' = Σ_{j≠i} mⱼ(yⱼ − yᵢ)/rᵢⱼ^{3/2}, rᵢⱼ = (xᵢ − xⱼ)² + (yᵢ − yⱼ)².
/// State (x₁…x₇, y₁…y₇, x₁'…x₇', y₁'…y₇'), 28 components; a standard non-stiff benchmark over t ∈ [0, 3] with several
/// close encounters.
/// </summary>
public readonly record struct Pleiades : IModel
{
    private const int Bodies = 7;

    /// <summary>The initial state of HNW I, II.10: x = (3, 3, −1, −3, 2, −2, 2), y = (3, −3, 2, 0, 0, −4, 4), x' = (0, 0, 0, 0, 0, 1.75, −1.5), y' = (0, 0, 0, −1.25, 1, 0, 0).</summary>
    public static ReadOnlySpan<double> InitialState =>
    [
        3, 3, -1, -3, 2, -2, 2,
        3, -3, 2, 0, 0, -4, 4,
        0, 0, 0, 0, 0, 1.75, -1.5,
        0, 0, 0, -1.25, 1, 0, 0,
    ];

    /// <summary>The end of the benchmark's time span, t = 3.</summary>
    public const double EndTime = 3.0;

    /// <inheritdoc/>
    public int Dimension => 4 * Bodies;

    /// <inheritdoc/>
    public string Name => "Pleiades (seven-body problem)";

    /// <inheritdoc/>
    public string Parameters => "mᵢ = i";

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames =>
        ["x1", "x2", "x3", "x4", "x5", "x6", "x7", "y1", "y2", "y3", "y4", "y5", "y6", "y7",
         "x1'", "x2'", "x3'", "x4'", "x5'", "x6'", "x7'", "y1'", "y2'", "y3'", "y4'", "y5'", "y6'", "y7'"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        var x = y[..Bodies];
        var q = y.Slice(Bodies, Bodies);
        y.Slice(2 * Bodies, 2 * Bodies).CopyTo(dydt);
        var ax = dydt.Slice(2 * Bodies, Bodies);
        var ay = dydt.Slice(3 * Bodies, Bodies);
        ax.Clear();
        ay.Clear();
        // Each pair once: the force on i from j is minus that on j from i, weighted by the other's mass.
        for (int i = 0; i < Bodies; i++)
        {
            for (int j = i + 1; j < Bodies; j++)
            {
                double dx = x[j] - x[i], dy = q[j] - q[i];
                double r = dx * dx + dy * dy;
                double inverse = 1 / (r * Math.Sqrt(r));
                double mi = i + 1, mj = j + 1;
                ax[i] += mj * dx * inverse;
                ay[i] += mj * dy * inverse;
                ax[j] -= mi * dx * inverse;
                ay[j] -= mi * dy * inverse;
            }
        }
    }
}
