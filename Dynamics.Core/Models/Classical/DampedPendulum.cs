using Dynamics.Analysis;
using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The damped pendulum θ'' + bθ' + (g/L) sin θ = 0 as (θ, ω)' = (ω, −bω − (g/L) sin θ).
/// Fixed points: (kπ, 0); even k are stable (spirals for b² &lt; 4g/L), odd k are saddles.
/// The energy E = ½ω² + (g/L)(1 − cos θ) is a Lyapunov function: dE/dt = −bω² ≤ 0.
/// </summary>
/// <param name="Damping">The friction coefficient b (1/s), ≥ 0.</param>
/// <param name="GravityOverLength">g/L (1/s²), positive; 9.81 for a 1 m pendulum on Earth.</param>
public readonly record struct DampedPendulum(double Damping, double GravityOverLength) : IModel, IJacobianField, ILaneField, IHasInvariants
{
    /// <summary>A lightly damped pendulum: b = 0.25, g/L = 1. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public DampedPendulum()
        : this(0.25, 1.0)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Damped pendulum";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("b", Damping), ("g/L", GravityOverLength));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["θ (rad)", "ω (rad/s)"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // ω' = −bω − (g/L) sin θ with one fused multiply-add and LaneMath's sine, identical at every lane width.
        T damping = parameters.Read(0, Damping), gravityOverLength = parameters.Read(1, GravityOverLength);
        T theta = y[0], omega = y[1];
        dydt[0] = omega;
        dydt[1] = T.MultiplyAdd(-damping, omega, -(gravityOverLength * T.Sin(theta)));
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <summary>
    /// The energy E, conserved without friction (b = 0), non-increasing with friction (dE/dt = −bω² ≤ 0, a Lyapunov
    /// function) and non-decreasing for b &lt; 0.
    /// </summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var model = this;
            return [Invariant.DissipatedEnergy("E = ½ω² + (g/L)(1 − cos θ)", (t, y) => model.Energy(y), Damping)];
        }
    }

    /// <summary>The energy ½ω² + (g/L)(1 − cos θ), non-increasing along solutions.</summary>
    /// <param name="state">(θ, ω).</param>
    /// <returns>The energy per unit mass and length².</returns>
    public double Energy(ReadOnlySpan<double> state) => 0.5 * state[1] * state[1] + GravityOverLength * (1 - Math.Cos(state[0]));
}
