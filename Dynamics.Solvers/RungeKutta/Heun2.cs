namespace Dynamics.Solvers.RungeKutta;

/// <summary>Heun's method (explicit trapezoidal rule, Heun 1900): order 2, fixed step, cubic Hermite dense output.</summary>
public sealed class Heun2 : ExplicitRungeKutta
{
    private static readonly ButcherTableau Coefficients = new("Heun 2", 2,
        c: [0.0, 1.0],
        a: [[], [1.0]],
        b: [0.5, 0.5]);

    /// <summary>Creates the method.</summary>
    public Heun2() : base(Coefficients) { }
}
