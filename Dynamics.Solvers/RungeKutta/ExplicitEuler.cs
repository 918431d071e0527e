namespace Dynamics.Solvers.RungeKutta;

/// <summary>The explicit Euler method y₁ = y₀ + h f(t₀, y₀) (Euler 1768): order 1, fixed step, cubic Hermite dense output.</summary>
public sealed class ExplicitEuler : ExplicitRungeKutta
{
    private static readonly ButcherTableau Coefficients = new("Explicit Euler", 1, c: [0.0], a: [[]], b: [1.0]);

    /// <summary>Creates the method.</summary>
    public ExplicitEuler() : base(Coefficients) { }
}
