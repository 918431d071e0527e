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
    /// Adaptive methods at rtol = atol = tolerance. RK4 has no tolerance, so it gets a fixed ladder of step counts,
    /// N = ⌈(25/3)·span·tol^(−1/4)⌉: each decade of tolerance adds the factor 10^(1/4) of steps a fourth-order method
    /// needs for a decade of error.
    /// </summary>
    public static SolverOptions Options(string problem, string method, double tolerance)
    {
        if (method != "RK4") return SolverOptions.WithTolerance(tolerance) with { SaveAt = SaveAt.End, MaxSteps = 10_000_000 };
        double span = Span(problem);
        double steps = Math.Ceiling(25 * Math.Pow(10, -Math.Log10(tolerance) / 4) * span / 3);
        return SolverOptions.WithFixedStep(span / steps) with { SaveAt = SaveAt.End, MaxSteps = 10_000_000 };
    }

    /// <summary>The number of fixed steps of size <paramref name="stepSize"/> over the problem's span.</summary>
    public static int Steps(string problem, double stepSize) => (int)Math.Round(Span(problem) / stepSize);

    /// <summary>Math.NET's RK4 on the problem with <paramref name="steps"/> equal steps; returns the final state.</summary>
    public static double[] SolveMathNet(string problem, int steps) => problem switch
    {
        Lorenz => MathNetBaseline.Solve(LorenzProblem, steps),
        Arenstorf => MathNetBaseline.Solve(ArenstorfProblem, steps),
        Pleiades => MathNetBaseline.Solve(PleiadesProblem, steps),
        _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, $"Unknown problem '{problem}'."),
    };

    private static double Span(string problem) => problem switch
    {
        Lorenz => 20,
        Arenstorf => Models.Classical.Arenstorf.Period,
        _ => Models.Classical.Pleiades.EndTime,
    };

    public static double Error(string problem, ReadOnlySpan<double> finalState)
    {
        var reference = Reference(problem);
        double largest = 0;
        for (int i = 0; i < reference.Length; i++) largest = Math.Max(largest, Math.Abs(finalState[i] - reference[i]));
        return largest;
    }
}
