using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Stiff;

/// <summary>
/// The Oregonator, Field &amp; Noyes' model of the Belousov–Zhabotinsky reaction in Hairer &amp; Wanner's form
/// (II, §IV.1; problem OREGO of the Test Set): y₁' = s(y₂ + y₁(1 − q y₁ − y₂)), y₂' = (y₃ − (1 + y₁)y₂)/s,
/// y₃' = w(y₁ − y₃) with s = 77.27, q = 8.375·10⁻⁶, w = 0.161, y(0) = (1, 2, 3), a stiff relaxation oscillation over
/// t ∈ [0, 360].
/// </summary>
public readonly record struct Oregonator : IModel, ILaneField, IJacobianField, ITimeDerivativeField
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
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // The Test Set fixes s, q and w: constants, not parameters a lane could vary.
        T s = T.Create(S), q = T.Create(Q), w = T.Create(W), one = T.Create(1.0);
        T y1 = y[0], y2 = y[1], y3 = y[2];
        dydt[0] = s * (y2 + y1 * (one - q * y1 - y2));
        dydt[1] = (y3 - (one + y1) * y2) / s;
        dydt[2] = w * (y1 - y3);
    }

    /// <summary>The exact Jacobian, by forward-mode automatic differentiation of the one formula (<see cref="LaneField.Jacobian{TField}"/>).</summary>
    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..3].Clear();
}
