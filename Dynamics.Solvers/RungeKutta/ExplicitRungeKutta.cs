using Dynamics.Fields;
using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// Any explicit Runge–Kutta method given by a <see cref="ButcherTableau"/>; one generic stepper runs them all.
/// Derive from it (or construct it) to bring your own tableau.
/// </summary>
public class ExplicitRungeKutta : IOdeMethod
{
    /// <summary>Creates the method for a validated tableau.</summary>
    /// <param name="tableau">The coefficients.</param>
    public ExplicitRungeKutta(ButcherTableau tableau)
    {
        ArgumentNullException.ThrowIfNull(tableau);
        Tableau = tableau;
    }

    /// <summary>The coefficients.</summary>
    public ButcherTableau Tableau { get; }

    /// <inheritdoc/>
    public string Name => Tableau.Name;

    /// <inheritdoc/>
    public int Order => Tableau.Order;

    /// <inheritdoc/>
    public int? EmbeddedOrder => Tableau.EmbeddedOrder;

    /// <inheritdoc/>
    public int InterpolantOrder => Tableau.Interpolant.Order;

    /// <inheritdoc/>
    public virtual IStepper CreateStepper<TField>(TField field) where TField : IVectorField =>
        new ExplicitRungeKuttaStepper<TField>(field, Tableau);

    /// <inheritdoc/>
    public override string ToString() => Name;
}
