using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Benchmarks;

/// <summary>
/// The single-trajectory benchmark problems: Lorenz from (1, 1, 1) on [0, 20] (the classic start, also used by the
/// Boost.Odeint comparison in the issue), the Arenstorf orbit over one period, and Pleiades on [0, 3] (Hairer, Nørsett
/// &amp; Wanner I, II.10), with the methods compared on them.
/// </summary>
internal static class TrajectoryProblems
{
    public const string Lorenz = "Lorenz";
    public const string Arenstorf = "Arenstorf";
    public const string Pleiades = "Pleiades";

    public static IReadOnlyList<string> Names { get; } = [Lorenz, Arenstorf, Pleiades];

    public static IReadOnlyList<string> MethodNames { get; } = ["RK4", "DP5", "Tsit5", "Vern8"];

    public static OdeProblem<Models.Classical.Lorenz> LorenzProblem { get; } = OdeProblem.Create(new Models.Classical.Lorenz(), [1.0, 1.0, 1.0], 0.0, 20.0);

    public static OdeProblem<Models.Classical.Arenstorf> ArenstorfProblem { get; } =
        OdeProblem.Create(new Models.Classical.Arenstorf(), Models.Classical.Arenstorf.PeriodicInitialState, 0.0, Models.Classical.Arenstorf.Period);

    public static OdeProblem<Models.Classical.Pleiades> PleiadesProblem { get; } =
        OdeProblem.Create(new Models.Classical.Pleiades(), Models.Classical.Pleiades.InitialState, 0.0, Models.Classical.Pleiades.EndTime);

    public static IOdeMethod Method(string name) => name switch
    {
        "RK4" => new RungeKutta4(),
        "DP5" => new DormandPrince5(),
        "Tsit5" => new Tsitouras5(),
        "Vern8" => new Verner8(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, $"Unknown method '{name}'."),
    };

    public static ReadOnlySpan<double> Reference(string problem) => problem switch
    {
        Lorenz => ReferenceStates.Lorenz,
        Arenstorf => ReferenceStates.Arenstorf,
        Pleiades => ReferenceStates.Pleiades,
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, $"Unknown problem '{problem}'."),
    };

    /// <summary>Solves a problem to its end and returns the solution (final state only).</summary>
    public static Solution Solve(string problem, IOdeMethod method, SolverOptions options) => problem switch
    {
        Lorenz => Ode.Solve(LorenzProblem, method, options),
        Arenstorf => Ode.Solve(ArenstorfProblem, method, options),
        Pleiades => Ode.Solve(PleiadesProblem, method, options),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, $"Unknown problem '{problem}'."),
    };

    /// <summary>
    /// Adaptive methods at rtol = atol = tolerance; RK4 (fixed step) with the step that gives about as many steps as DP5
    /// needs at that tolerance, a step count fixed here so runs are comparable: span / (25 · 10^(−log₁₀ tol / 4)).
    /// </summary>
    public static SolverOptions Options(string problem, string method, double tolerance)
    {
        if (method != "RK4") return SolverOptions.WithTolerance(tolerance) with { SaveAt = SaveAt.End, MaxSteps = 10_000_000 };
        double span = problem switch { Lorenz => 20, Arenstorf => Models.Classical.Arenstorf.Period, _ => Models.Classical.Pleiades.EndTime };
        double steps = Math.Ceiling(25 * Math.Pow(10, -Math.Log10(tolerance) / 4) * span / 3);
        return SolverOptions.WithFixedStep(span / steps) with { SaveAt = SaveAt.End, MaxSteps = 10_000_000 };
    }

    public static double Error(string problem, ReadOnlySpan<double> finalState)
    {
        var reference = Reference(problem);
        double largest = 0;
        for (int i = 0; i < reference.Length; i++) largest = Math.Max(largest, Math.Abs(finalState[i] - reference[i]));
        return largest;
    }
}
