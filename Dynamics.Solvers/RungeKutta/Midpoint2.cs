namespace Dynamics.Solvers.RungeKutta;

/// <summary>The explicit midpoint rule (Runge 1895): order 2, fixed step, cubic Hermite dense output.</summary>
public sealed class Midpoint2 : ExplicitRungeKutta
{
    private static readonly ButcherTableau Coefficients = new("Midpoint 2", 2,
        c: [0.0, 0.5],
        a: [[], [0.5]],
        b: [0.0, 1.0]);

    /// <summary>Creates the method.</summary>
    public Midpoint2() : base(Coefficients) { }
}
