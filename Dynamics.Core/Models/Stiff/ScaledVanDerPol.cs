using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Stiff;

/// <summary>
/// The Van der Pol oscillator in Hairer &amp; Wanner's scaled form (II, eq. IV.1.5'; problem VDPOL of the Test Set):
/// y₁' = y₂, y₂' = ((1 − y₁²)y₂ − y₁)/ε with ε = 1/μ², obtained from x'' − μ(1 − x²)x' + x = 0 by t → t/μ and
/// y₂ = μx', so the relaxation period stays O(1) (≈ 1.614 − ... in slow time) however large μ is. Stiffness grows like
/// 1/ε: μ = 10³ gives ε = 10⁻⁶, μ = 10⁶ gives ε = 10⁻¹². The Test Set starts at y(0) = (2, 0) and ends at t = 2.
/// </summary>
/// <param name="Epsilon">ε = 1/μ² &gt; 0.</param>
public readonly record struct ScaledVanDerPol(double Epsilon) : IModel, ILaneField, IJacobianField, ITimeDerivativeField
{
    /// <summary>The Test Set's ε = 10⁻⁶ (μ = 1000).</summary>
    public ScaledVanDerPol()
        : this(1e-6)
    {
    }

    /// <summary>The scaled form for a given μ: ε = 1/μ².</summary>
    /// <param name="mu">μ &gt; 0.</param>
    /// <returns>The model.</returns>
    public static ScaledVanDerPol FromMu(double mu) => new(1 / (mu * mu));

    /// <summary>
    /// The Test Set's reference solution at t = 2 for ε = 10⁻⁶ from y(0) = (2, 0) (Mazzia &amp; Magherini, vdpol.f,
    /// RADAU5 with uround 1.01e-19).
    /// </summary>
    public static IReadOnlyList<double> ReferenceAt2 { get; } = [0.1706167732170483e+01, -0.8928097010247975e+00];

    /// <summary>μ = 1/√ε.</summary>
    public double Mu => 1 / Math.Sqrt(Epsilon);

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Van der Pol oscillator (scaled)";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("ε", Epsilon));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["y₁ = x", "y₂ = μ dx/dt"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // ε is parameter 0.
        T epsilon = parameters.Read(0, Epsilon), one = T.Create(1.0);
        T x = y[0], v = y[1];
        dydt[0] = v;
        dydt[1] = ((one - x * x) * v - x) / epsilon;
    }

    /// <summary>The exact Jacobian, by forward-mode automatic differentiation of the one formula (<see cref="LaneField.Jacobian{TField}"/>).</summary>
    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..2].Clear();
}
