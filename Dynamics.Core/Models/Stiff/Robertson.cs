using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

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
public readonly record struct Robertson(double K1, double K2, double K3) : IModel, ILaneField, IJacobianField, ITimeDerivativeField
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
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // k₁, k₂, k₃ are parameters 0–2.
        T k1 = parameters.Read(0, K1), k2 = parameters.Read(1, K2), k3 = parameters.Read(2, K3);
        T slow = k1 * y[0], middle = k3 * y[1] * y[2], fast = k2 * y[1] * y[1];
        dydt[0] = -slow + middle;
        dydt[1] = slow - middle - fast;
        dydt[2] = fast;
    }

    /// <summary>The exact Jacobian, by forward-mode automatic differentiation of the one formula (<see cref="LaneField.Jacobian{TField}"/>).</summary>
    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..3].Clear();
}
