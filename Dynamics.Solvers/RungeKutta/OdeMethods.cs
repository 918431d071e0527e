using Dynamics.Solvers.Methods;

namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// The catalogue of built-in explicit Runge–Kutta methods, for listing, sweeping and tests; it lives beside the
/// tableaus it lists, so the method contracts in Methods need not know the methods.
/// </summary>
public static class OdeMethods
{
    /// <summary>Every built-in method, fixed-step ones first, by increasing order.</summary>
    public static IReadOnlyList<IOdeMethod> All { get; } =
    [
        new ExplicitEuler(), new Heun2(), new Midpoint2(), new RungeKutta4(),
        new BogackiShampine3(), new DormandPrince5(), new Tsitouras5(), new Verner8(),
    ];

    /// <summary>The methods with an error estimate (usable with tolerances).</summary>
    public static IReadOnlyList<IOdeMethod> Adaptive { get; } = [.. All.Where(m => m.EmbeddedOrder is not null)];
}
