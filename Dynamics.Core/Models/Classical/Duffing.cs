using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The unforced Duffing oscillator x'' + δx' + αx + βx³ = 0 (Duffing 1918; Guckenheimer &amp; Holmes, "Nonlinear
/// Oscillations", §2.2) as (x, v)' = (v, −δv − αx − βx³). With α &lt; 0 &lt; β it is a particle in the double well
/// V(x) = ½αx² + ¼βx⁴: a saddle at the origin and two stable equilibria (±√(−α/β), 0), whose basins of attraction are
/// separated by the stable manifolds of the saddle. Linearisation: λ² + δλ + α = 0 at the saddle,
/// λ² + δλ − 2α = 0 at the wells. The energy E = ½v² + V(x) obeys dE/dt = −δv² ≤ 0.
/// </summary>
/// <param name="Damping">The damping δ (1/time), ≥ 0 for dissipation.</param>
/// <param name="Stiffness">The linear stiffness α; negative for the double well.</param>
/// <param name="Nonlinearity">The cubic stiffness β; positive for a hardening spring.</param>
public readonly record struct Duffing(double Damping, double Stiffness, double Nonlinearity) : IModel, ILaneField, IJacobianField, IHasInvariants
{
    /// <summary>The double well δ = 0.25, α = −1, β = 1: wells at x = ±1. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public Duffing()
        : this(0.25, -1.0, 1.0)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Duffing oscillator (unforced)";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("δ", Damping), ("α", Stiffness), ("β", Nonlinearity));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["x", "v = dx/dt"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T damping = parameters.Read(0, Damping), stiffness = parameters.Read(1, Stiffness), nonlinearity = parameters.Read(2, Nonlinearity);
        T x = y[0], v = y[1];
        dydt[0] = v;
        dydt[1] = -damping * v - x * (stiffness + nonlinearity * x * x);
    }

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <summary>The energy E: non-increasing for δ &gt; 0 (a Lyapunov function), conserved for δ = 0.</summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var model = this;
            return [Invariant.DissipatedEnergy("E = ½v² + ½αx² + ¼βx⁴", (t, y) => model.Energy(y), Damping)];
        }
    }

    /// <summary>The energy ½v² + ½αx² + ¼βx⁴.</summary>
    /// <param name="state">(x, v).</param>
    /// <returns>E.</returns>
    public double Energy(ReadOnlySpan<double> state)
    {
        double x = state[0], v = state[1];
        return 0.5 * v * v + 0.5 * Stiffness * x * x + 0.25 * Nonlinearity * x * x * x * x;
    }

    /// <summary>The position √(−α/β) of the right well (NaN unless α and β have opposite signs).</summary>
    public double WellPosition => Math.Sqrt(-Stiffness / Nonlinearity);
}
