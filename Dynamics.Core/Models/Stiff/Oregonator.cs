using Dynamics.Fields;

namespace Dynamics.Models.Stiff;

/// <summary>
/// The Oregonator, Field &amp; Noyes' model of the Belousov–Zhabotinsky reaction in Hairer &amp; Wanner's form
/// (II, §IV.1; problem OREGO of the Test Set): y₁' = s(y₂ + y₁(1 − q y₁ − y₂)), y₂' = (y₃ − (1 + y₁)y₂)/s,
/// y₃' = w(y₁ − y₃) with s = 77.27, q = 8.375·10⁻⁶, w = 0.161, y(0) = (1, 2, 3), a stiff relaxation oscillation over
/// t ∈ [0, 360].
/// </summary>
public readonly record struct Oregonator : IModel, IJacobianField, ITimeDerivativeField
{
    private const double S = 77.27, Q = 8.375e-6, W = 0.161;

    /// <summary>The initial state (1, 2, 3).</summary>
    public static IReadOnlyList<double> InitialState { get; } = [1.0, 2.0, 3.0];

    /// <summary>The Test Set's reference at t = 360 (Mazzia &amp; Magherini, orego.f, RADAU with uround 1.01e-19).</summary>
    public static IReadOnlyList<double> ReferenceAt360 { get; } = [0.1000814870318523e+01, 0.1228178521549917e+04, 0.1320554942846706e+03];

    /// <inheritdoc/>
    public int Dimension => 3;

    /// <inheritdoc/>
    public string Name => "Oregonator";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("s", S), ("q", Q), ("w", W));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["y₁", "y₂", "y₃"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        dydt[0] = S * (y[1] + y[0] * (1 - Q * y[0] - y[1]));
        dydt[1] = (y[2] - (1 + y[0]) * y[1]) / S;
        dydt[2] = W * (y[0] - y[2]);
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        jacobian[0] = S * (1 - 2 * Q * y[0] - y[1]);
        jacobian[1] = S * (1 - y[0]);
        jacobian[2] = 0;
        jacobian[3] = -y[1] / S;
        jacobian[4] = -(1 + y[0]) / S;
        jacobian[5] = 1 / S;
        jacobian[6] = W;
        jacobian[7] = 0;
        jacobian[8] = -W;
    }

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..3].Clear();
}
