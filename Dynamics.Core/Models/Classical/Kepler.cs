using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Classical;

/// <summary>
/// The planar Kepler problem q'' = −q/|q|³ (GM = 1), state (q₁, q₂, p₁, p₂). Energy H = ½|p|² − 1/|q| and angular
/// momentum L = q₁p₂ − q₂p₁ are conserved; from <see cref="InitialStateForEccentricity"/> the orbit is an ellipse of
/// eccentricity e and semi-major axis 1 with period 2π (Hairer, Lubich &amp; Wanner, "Geometric Numerical Integration", I.2).
/// As an <see cref="ISecondOrderField"/> (force −q/|q|³, no friction) it runs under the symplectic integrators.
/// </summary>
public readonly record struct Kepler : IModel, ILaneField, ISecondOrderField, IJacobianField, IHasInvariants
{
    /// <summary>The orbital period 2π for semi-major axis 1.</summary>
    public const double Period = 2 * Math.PI;

    /// <inheritdoc/>
    public int Dimension => 4;

    /// <inheritdoc/>
    public string Name => "Kepler problem";

    /// <inheritdoc/>
    public string Parameters => "GM = 1";

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["q₁", "q₂", "p₁", "p₂"];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T q0 = y[0], q1 = y[1];
        T r2 = q0 * q0 + q1 * q1;
        T r3 = r2 * T.Sqrt(r2);
        dydt[0] = y[2];
        dydt[1] = y[3];
        dydt[2] = -q0 / r3;
        dydt[3] = -q1 / r3;
    }

    /// <summary>No friction: the Kepler problem is Hamiltonian.</summary>
    public double Friction => 0;

    /// <summary>The force −q/|q|³.</summary>
    /// <param name="t">The time (unused).</param>
    /// <param name="position">q = (q₁, q₂).</param>
    /// <param name="acceleration">Receives −q/|q|³.</param>
    public void Acceleration(double t, ReadOnlySpan<double> position, Span<double> acceleration) => LaneField.Acceleration(this, t, position, acceleration);


    /// <summary>∂f/∂y (the force gradient −I/|q|³ + 3qqᵀ/|q|⁵ in the lower-left block), by automatic differentiation of the formula.</summary>
    /// <param name="t">The time.</param>
    /// <param name="y">The state.</param>
    /// <param name="jacobian">Receives the 4 × 4 matrix, row-major.</param>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <summary>The conserved energy H and angular momentum L.</summary>
    public IReadOnlyList<Invariant> Invariants =>
    [
        new Invariant("H = ½|p|² − 1/|q|", (t, y) => Energy(y)),
        new Invariant("L = q₁p₂ − q₂p₁", (t, y) => AngularMomentum(y)),
    ];

    /// <summary>The pericentre start (1 − e, 0, 0, √((1 + e)/(1 − e))) of an orbit of eccentricity e ∈ [0, 1).</summary>
    /// <param name="eccentricity">e, in [0, 1).</param>
    /// <returns>The initial state.</returns>
    public static double[] InitialStateForEccentricity(double eccentricity)
    {
        if (!(eccentricity >= 0 && eccentricity < 1))
            throw new ArgumentOutOfRangeException(nameof(eccentricity), eccentricity, $"eccentricity must lie in [0, 1), but was {eccentricity}.");
        return [1 - eccentricity, 0, 0, Math.Sqrt((1 + eccentricity) / (1 - eccentricity))];
    }

    /// <summary>The energy H = ½|p|² − 1/|q|.</summary>
    /// <param name="state">(q₁, q₂, p₁, p₂).</param>
    /// <returns>H.</returns>
    public static double Energy(ReadOnlySpan<double> state) =>
        0.5 * (state[2] * state[2] + state[3] * state[3]) - 1 / Math.Sqrt(state[0] * state[0] + state[1] * state[1]);

    /// <summary>The angular momentum L = q₁p₂ − q₂p₁.</summary>
    /// <param name="state">(q₁, q₂, p₁, p₂).</param>
    /// <returns>L.</returns>
    public static double AngularMomentum(ReadOnlySpan<double> state) => state[0] * state[3] - state[1] * state[2];
}
