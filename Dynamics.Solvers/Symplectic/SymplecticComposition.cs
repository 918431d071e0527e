using Dynamics.Fields;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Symplectic;

/// <summary>
/// A composition of Störmer–Verlet steps with weights w₁ … w_s (Σwᵢ = 1) for second-order systems q̈ = F(t, q) − λq̇
/// (<see cref="ISecondOrderField"/>), fixed step only. One Verlet substep of size τ kicks, drifts and kicks:
/// v½ = (v + (τ/2)F(t, q))/(1 + λτ/2), q′ = q + τv½, v′ = (1 − λτ/2)v½ + (τ/2)F(t + τ, q′). The friction is split
/// into an implicit and an explicit half step, which are each other's adjoints, so the substep is symmetric (order 2,
/// and any symmetric composition of it raises the order) and for λ = 0 it is the symplectic velocity Verlet. Its
/// staggered velocities obey exactly Su's momentum recurrence vₙ₊₁ = βvₙ − α∇L(θₙ) (kexue.fm/archives/5655).
/// Hairer, Lubich &amp; Wanner, "Geometric Numerical Integration" (2006), I.3 and II.4. The force at the end of a
/// step is reused at the start of the next, so a step costs s force evaluations. Dense output is the cubic Hermite
/// interpolant of the first-order form (order 3).
/// </summary>
public abstract class SymplecticComposition : IOdeMethod
{
    private readonly double[] _weights;

    /// <summary>Creates a composition.</summary>
    /// <param name="name">The method's name.</param>
    /// <param name="order">Its order.</param>
    /// <param name="weights">The substep weights; they must sum to 1.</param>
    protected SymplecticComposition(string name, int order, double[] weights)
    {
        ArgumentNullException.ThrowIfNull(weights);
        if (weights.Length == 0) throw new ArgumentException("A composition needs at least one weight.", nameof(weights));
        if (Math.Abs(weights.Sum() - 1) > 1e-14)
            throw new ArgumentException($"The composition weights must sum to 1, but sum to {weights.Sum()}.", nameof(weights));
        Name = name;
        Order = order;
        _weights = (double[])weights.Clone();
    }

    /// <inheritdoc/>
    public string Name { get; }

    /// <inheritdoc/>
    public int Order { get; }

    /// <summary>None: symplectic methods run with a fixed step, which is what preserves their geometry.</summary>
    public int? EmbeddedOrder => null;

    /// <inheritdoc/>
    public int InterpolantOrder => 3;

    /// <summary>The substep weights w₁ … w_s.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>Creates the stepper; the field must be an <see cref="ISecondOrderField"/> of even dimension.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The second-order field.</param>
    /// <returns>The stepper.</returns>
    /// <exception cref="ArgumentException">The field is not an <see cref="ISecondOrderField"/> or its dimension is odd.</exception>
    public IStepper CreateStepper<TField>(TField field) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field is not ISecondOrderField system)
            throw new ArgumentException($"{Name} integrates second-order systems, but {typeof(TField).Name} does not implement ISecondOrderField.", nameof(field));
        if (system.Dimension % 2 != 0)
            throw new ArgumentException($"A second-order state (q, v) has even dimension, but {typeof(TField).Name} has dimension {system.Dimension}.", nameof(field));
        Validation.Require.NonNegative(system.Friction, "field.Friction");
        return new SymplecticStepper(system, _weights);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
