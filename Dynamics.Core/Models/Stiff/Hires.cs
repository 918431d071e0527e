using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Stiff;

/// <summary>
/// HIRES, Schäfer's "High Irradiance RESponse" of plant morphogenesis (Schäfer 1975; Hairer &amp; Wanner II, §IV.10;
/// problem HIRES of the Test Set): eight linear-plus-one-bilinear reaction equations (the 280·y₆y₈ term) with
/// y(0) = (1, 0, 0, 0, 0, 0, 0, 0.0057) on t ∈ [0, 321.8122].
/// </summary>
public readonly record struct Hires : IModel, ILaneField, IJacobianField, ITimeDerivativeField
{
    /// <summary>The initial state.</summary>
    public static IReadOnlyList<double> InitialState { get; } = [1.0, 0, 0, 0, 0, 0, 0, 0.0057];

    /// <summary>The end time 321.8122.</summary>
    public const double EndTime = 321.8122;

    /// <summary>The Test Set's reference at t = 321.8122 (Mazzia &amp; Magherini, hires.f, RADAU5 with uround 1.01e-19).</summary>
    public static IReadOnlyList<double> ReferenceAtEnd { get; } =
    [
        0.7371312573325668e-3, 0.1442485726316185e-3, 0.5888729740967575e-4, 0.1175651343283149e-2,
        0.2386356198831331e-2, 0.6238968252742796e-2, 0.2849998395185769e-2, 0.2850001604814231e-2,
    ];

    /// <inheritdoc/>
    public int Dimension => 8;

    /// <inheritdoc/>
    public string Name => "HIRES";

    /// <inheritdoc/>
    public string Parameters => "";

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ComponentLabels.Indexed("y", 8);

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // The Test Set's rate constants, in its order of terms (so the scalar bits are the former formula's).
        T bilinear = T.Create(280) * y[5] * y[7];
        dydt[0] = T.Create(-1.71) * y[0] + T.Create(0.43) * y[1] + T.Create(8.32) * y[2] + T.Create(0.0007);
        dydt[1] = T.Create(1.71) * y[0] - T.Create(8.75) * y[1];
        dydt[2] = T.Create(-10.03) * y[2] + T.Create(0.43) * y[3] + T.Create(0.035) * y[4];
        dydt[3] = T.Create(8.32) * y[1] + T.Create(1.71) * y[2] - T.Create(1.12) * y[3];
        dydt[4] = T.Create(-1.745) * y[4] + T.Create(0.43) * y[5] + T.Create(0.43) * y[6];
        dydt[5] = -bilinear + T.Create(0.69) * y[3] + T.Create(1.71) * y[4] - T.Create(0.43) * y[5] + T.Create(0.69) * y[6];
        dydt[6] = bilinear - T.Create(1.81) * y[6];
        dydt[7] = -bilinear + T.Create(1.81) * y[6];
    }

    /// <summary>The exact Jacobian, by forward-mode automatic differentiation of the one formula (<see cref="LaneField.Jacobian{TField}"/>).</summary>
    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..8].Clear();
}
