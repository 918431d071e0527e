using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The Van der Pol oscillator x'' − μ(1 − x²)x' + x = 0 as (x, y)' = (y, μ(1 − x²)y − x).
/// For μ &gt; 0 it has one attracting limit cycle; for μ = 1 its period is 6.6632868593231301896996820305 and its
/// amplitude (largest |x|) 2.00861986087484313650964018836 (docs/classical.md, E10).
/// </summary>
/// <param name="Mu">The nonlinearity and damping parameter μ ≥ 0.</param>
public readonly record struct VanDerPol(double Mu) : IModel, IJacobianField, ILaneField
{
    /// <summary>The oscillator with μ = 1. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public VanDerPol()
        : this(1.0)
    {
    }

    /// <summary>The period of the μ = 1 limit cycle.</summary>
    public const double PeriodAtMuOne = 6.6632868593231301896996820305;

    /// <summary>The amplitude (largest |x|) of the μ = 1 limit cycle.</summary>
    public const double AmplitudeAtMuOne = 2.00861986087484313650964018836;

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Van der Pol oscillator";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("μ", Mu));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["x", "y = dx/dt"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // y' = μ(1 − x²)y − x with fused multiply-adds.
        T mu = parameters.Read(0, Mu);
        T x = y[0], v = y[1];
        dydt[0] = v;
        dydt[1] = T.MultiplyAdd(mu * T.MultiplyAdd(-x, x, T.Create(1.0)), v, -x);
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);
}
