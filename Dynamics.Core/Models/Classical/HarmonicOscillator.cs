using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The harmonic oscillator x'' = −ω²x as the first-order system (x, v)' = (v, −ω²x).
/// Exact: x(t) = x₀cos ωt + (v₀/ω) sin ωt; the energy ½v² + ½ω²x² is conserved. As an <see cref="ISecondOrderField"/>
/// (force −ω²x, no friction) it runs under the symplectic integrators.
/// </summary>
/// <param name="Omega">The angular frequency ω (rad/time), positive.</param>
public readonly record struct HarmonicOscillator(double Omega) : IModel, ILaneField, ISecondOrderField, IJacobianField, IHasInvariants
{
    /// <summary>The oscillator with ω = 1. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public HarmonicOscillator()
        : this(1.0)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Harmonic oscillator";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("ω", Omega));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["x", "v"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T omega = parameters.Read(0, Omega);
        dydt[0] = y[1];
        dydt[1] = -omega * omega * y[0];
    }

    /// <summary>No friction.</summary>
    public double Friction => 0;

    /// <summary>The force −ω²x.</summary>
    /// <param name="t">The time (unused).</param>
    /// <param name="position">x.</param>
    /// <param name="acceleration">Receives −ω²x.</param>
    public void Acceleration(double t, ReadOnlySpan<double> position, Span<double> acceleration) => LaneField.Acceleration(this, t, position, acceleration);

    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <summary>The conserved energy ½v² + ½ω²x².</summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var model = this;
            return [new Invariant("E = ½v² + ½ω²x²", (t, y) => model.Energy(y))];
        }
    }

    /// <summary>Writes the exact state after <paramref name="elapsed"/> time from <paramref name="initialState"/>.</summary>
    /// <param name="initialState">(x₀, v₀).</param>
    /// <param name="elapsed">t − t₀.</param>
    /// <param name="state">Receives (x, v).</param>
    public void Exact(ReadOnlySpan<double> initialState, double elapsed, Span<double> state)
    {
        double c = Math.Cos(Omega * elapsed), s = Math.Sin(Omega * elapsed);
        double x0 = initialState[0], v0 = initialState[1];
        state[0] = x0 * c + v0 / Omega * s;
        state[1] = -x0 * Omega * s + v0 * c;
    }

    /// <summary>The conserved energy ½v² + ½ω²x².</summary>
    /// <param name="state">(x, v).</param>
    /// <returns>The energy.</returns>
    public double Energy(ReadOnlySpan<double> state) => 0.5 * state[1] * state[1] + 0.5 * Omega * Omega * state[0] * state[0];
}
