using Dynamics.Fields;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// A linearly implicit (Rosenbrock) method for stiff problems: each step solves s linear systems with one matrix
/// I/(hγ) − J, so it needs a Jacobian (see <see cref="Jacobian"/>) but no Newton iteration. Plugs into
/// <see cref="Ode.Solve{TField}"/>, events, <see cref="SaveAt"/> and dense output like any explicit method, and adds
/// Jacobian evaluations and LU factorisations to <see cref="SolverStatistics"/>.
/// </summary>
public abstract class RosenbrockMethod : IOdeMethod
{
    private protected RosenbrockMethod(RosenbrockTableau tableau) => Tableau = tableau;

    /// <summary>The coefficients.</summary>
    public RosenbrockTableau Tableau { get; }

    /// <summary>How ∂f/∂y is obtained (analytic when the field has it; dense or banded differences otherwise).</summary>
    public JacobianOptions Jacobian { get; init; } = JacobianOptions.Default;

    /// <inheritdoc/>
    public string Name => Tableau.Name;

    /// <inheritdoc/>
    public int Order => Tableau.Order;

    /// <inheritdoc/>
    public int? EmbeddedOrder => Tableau.EmbeddedOrder;

    /// <inheritdoc/>
    public int InterpolantOrder => Tableau.DenseDegree;

    /// <inheritdoc/>
    public IStepper CreateStepper<TField>(TField field) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        return new RosenbrockStepper<TField>(field, Tableau, Jacobian ?? JacobianOptions.Default);
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
