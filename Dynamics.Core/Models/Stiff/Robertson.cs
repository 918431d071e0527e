using Dynamics.Fields;

namespace Dynamics.Models.Stiff;

/// <summary>
/// Robertson's autocatalytic chemistry (Robertson 1966; Hairer &amp; Wanner II, §IV.1, problem ROBER of the Test Set for
/// IVP Solvers): y₁' = −k₁y₁ + k₃y₂y₃, y₂' = k₁y₁ − k₃y₂y₃ − k₂y₂², y₃' = k₂y₂², with k₁ = 0.04, k₂ = 3·10⁷,
/// k₃ = 10⁴ and y(0) = (1, 0, 0). The rates span eleven decades, so explicit methods need ~10⁴ steps per unit time
/// forever; y₁ + y₂ + y₃ = 1 is conserved exactly (the right-hand sides sum to 0).
/// </summary>
/// <param name="K1">k₁ (0.04).</param>
/// <param name="K2">k₂ (3·10⁷).</param>
/// <param name="K3">k₃ (10⁴).</param>
public readonly record struct Robertson(double K1, double K2, double K3) : IModel, IJacobianField, ITimeDerivativeField
{
    /// <summary>Robertson's rates k₁ = 0.04, k₂ = 3·10⁷, k₃ = 10⁴.</summary>
    public Robertson()
        : this(0.04, 3e7, 1e4)
    {
    }

    /// <summary>The initial state (1, 0, 0).</summary>
    public static IReadOnlyList<double> InitialState { get; } = [1.0, 0.0, 0.0];

    /// <summary>
    /// The Test Set's reference solution at t = 10¹¹ (Mazzia &amp; Magherini, Test Set for IVP Solvers, release 2.4,
    /// rober.f, computed with RADAU5 in quadruple precision).
    /// </summary>
    public static IReadOnlyList<double> ReferenceAt1e11 { get; } = [0.2083340149701255e-07, 0.8333360770334713e-13, 0.9999999791665050];

    /// <inheritdoc/>
    public int Dimension => 3;

    /// <inheritdoc/>
    public string Name => "Robertson chemistry";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("k₁", K1), ("k₂", K2), ("k₃", K3));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["y₁", "y₂", "y₃"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        double slow = K1 * y[0], middle = K3 * y[1] * y[2], fast = K2 * y[1] * y[1];
        dydt[0] = -slow + middle;
        dydt[1] = slow - middle - fast;
        dydt[2] = fast;
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        jacobian[0] = -K1;
        jacobian[1] = K3 * y[2];
        jacobian[2] = K3 * y[1];
        jacobian[3] = K1;
        jacobian[4] = -K3 * y[2] - 2 * K2 * y[1];
        jacobian[5] = -K3 * y[1];
        jacobian[6] = 0;
        jacobian[7] = 2 * K2 * y[1];
        jacobian[8] = 0;
    }

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..3].Clear();
}
