using Dynamics.Fields;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// The three-stage Radau IIA collocation method of order 5 in Hairer &amp; Wanner's RADAU5 design (Solving ODEs II,
/// §IV.8): the stage equations are solved by simplified Newton iterations transformed with the eigenvectors of the
/// coefficient matrix, so each iteration needs one real LU of (γ/h)I − J and one complex LU of ((α + iβ)/h)I − J;
/// the Jacobian is reused across steps while the iteration contracts fast (θ ≤ 0.001); the error estimate is the
/// filtered embedded estimate of order 3, and the dense output is the collocation polynomial (degree 3). L-stable and
/// stiffly accurate; the method for tight tolerances (1e-6 … 1e-12). As in RADAU5 the user's tolerances are mapped to
/// rtol′ = 0.1·rtol^{2/3}, atol′ = rtol′·atol/rtol for the order-3 estimate, so the global error tracks rtol.
/// A Newton iteration that diverges or converges too slowly counts as a Newton failure and rejects the step.
/// </summary>
public sealed class Radau5 : IOdeMethod
{
    /// <summary>How ∂f/∂y is obtained (analytic when the field has it; dense or banded differences otherwise).</summary>
    public JacobianOptions Jacobian { get; init; } = JacobianOptions.Default;

    /// <summary>The largest number of Newton iterations per step (RADAU5's NIT, 7).</summary>
    public int MaxNewtonIterations { get; init; } = 7;

    /// <inheritdoc/>
    public string Name => "Radau IIA 5";

    /// <inheritdoc/>
    public int Order => 5;

    /// <inheritdoc/>
    public int? EmbeddedOrder => 3;

    /// <inheritdoc/>
    public int InterpolantOrder => 3;

    /// <inheritdoc/>
    public IStepper CreateStepper<TField>(TField field) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        if (MaxNewtonIterations < 1)
            throw new ArgumentOutOfRangeException(nameof(MaxNewtonIterations), MaxNewtonIterations, $"MaxNewtonIterations must be at least 1, not {MaxNewtonIterations}.");
        return new Radau5Stepper<TField>(field, Jacobian ?? JacobianOptions.Default, MaxNewtonIterations);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
