using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The Pleiades problem (Hairer, Nørsett &amp; Wanner, "Solving ODEs I", 2nd ed., II.10, eq. (10.13)): seven stars in
/// the plane with masses mᵢ = i attracting each other by gravitation (G = 1),
/// xᵢ'' = Σ_{j≠i} mⱼ(xⱼ − xᵢ)/rᵢⱼ^{3/2}, yᵢ'' = Σ_{j≠i} mⱼ(yⱼ − yᵢ)/rᵢⱼ^{3/2}, rᵢⱼ = (xᵢ − xⱼ)² + (yᵢ − yⱼ)².
/// State (x₁…x₇, y₁…y₇, x₁'…x₇', y₁'…y₇'), 28 components; a standard non-stiff benchmark over t ∈ [0, 3] with several
/// close encounters.
/// </summary>
public readonly record struct Pleiades : IModel, ILaneField, IJacobianField
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
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    /// <remarks>Exact, by forward-mode automatic differentiation of <see cref="Derivative"/> (<see cref="LaneField.Jacobian{TField}"/>).</remarks>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <inheritdoc/>
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // Velocities first, then the accelerations summed over each pair once: the force on i from j is minus that on j
        // from i, weighted by the other's mass.
        for (int k = 0; k < 2 * Bodies; k++) dydt[k] = y[2 * Bodies + k];
        T zero = T.Create(0.0), one = T.Create(1.0);
        for (int i = 0; i < 2 * Bodies; i++) dydt[2 * Bodies + i] = zero;
        for (int i = 0; i < Bodies; i++)
        {
            for (int j = i + 1; j < Bodies; j++)
            {
                T dx = y[j] - y[i], dy = y[Bodies + j] - y[Bodies + i];
                T r = dx * dx + dy * dy;
                T inverse = one / (r * T.Sqrt(r));
                T mi = T.Create(i + 1), mj = T.Create(j + 1);
                dydt[2 * Bodies + i] = dydt[2 * Bodies + i] + mj * dx * inverse;
                dydt[3 * Bodies + i] = dydt[3 * Bodies + i] + mj * dy * inverse;
                dydt[2 * Bodies + j] = dydt[2 * Bodies + j] - mi * dx * inverse;
                dydt[3 * Bodies + j] = dydt[3 * Bodies + j] - mi * dy * inverse;
            }
        }
    }
}
