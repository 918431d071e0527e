namespace Dynamics.Solvers.RungeKutta;

/// <summary>The classical fourth-order Runge–Kutta method (Kutta 1901): order 4, fixed step, cubic Hermite dense output.</summary>
public sealed class RungeKutta4 : ExplicitRungeKutta
{
    private static readonly ButcherTableau Coefficients = new("Runge–Kutta 4", 4,
        c: [0.0, 0.5, 0.5, 1.0],
        a: [[], [0.5], [0.0, 0.5], [0.0, 0.0, 1.0]],
        b: [1.0 / 6, 1.0 / 3, 1.0 / 3, 1.0 / 6]);

    /// <summary>Creates the method.</summary>
    public RungeKutta4() : base(Coefficients) { }

    /// <inheritdoc/>
    public override Methods.IStepper CreateStepper<TField>(TField field) => new RungeKutta4Stepper<TField>(field, Coefficients);
}
