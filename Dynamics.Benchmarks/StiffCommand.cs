using System.Diagnostics;
using System.Globalization;
using Dynamics.Fields;
using Dynamics.Models.Stiff;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Implicit;
using Dynamics.Solvers.Methods;

namespace Dynamics.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Dynamics.Benchmarks -- stiff</c>: time and error per tolerance of the stiff methods
/// on Robertson (t ∈ [0, 10⁵]) and the scaled Van der Pol oscillator (ε = 10⁻⁶, t ∈ [0, 2]), one JSON line each, in
/// the format of scripts/stiff-baselines.sh (CVODE BDF and Boost rosenbrock4), so both can be compared in one window.
/// Time is the median of repeated whole solves (setup included) after a warm-up; the error is the largest absolute
/// error of the final state against the references of <see cref="StiffWorkload"/>.
/// </summary>
public static class StiffCommand
{
    /// <summary>Runs the sweep.</summary>
    /// <returns>0.</returns>
    public static int Run()
    {
        var robertson = StiffWorkload.Robertson(new Robertson());
        var vdp = StiffWorkload.VanDerPol();
        IOdeMethod[] methods = [new Rodas4(), new Radau5(), new Rosenbrock23()];
        for (int k = 4; k <= 10; k++)
        {
            double tolerance = Math.Pow(10, -k);
            foreach (var method in methods)
            {
                if (method is Rosenbrock23 && k > 6) continue;
                Measure("robertson", robertson, method, tolerance, tolerance, StiffWorkload.RobertsonAt1e5);
                Measure("vdp1000", vdp, method, tolerance, tolerance, ScaledVanDerPol.ReferenceAt2);
            }
        }

        Measure("robertson", robertson, new Rodas4(), 1e-4, 1e-10, StiffWorkload.RobertsonAt1e5);
        return 0;
    }

    private static void Measure<TField>(string name, OdeProblem<TField> problem, IOdeMethod method, double rtol, double atol, IReadOnlyList<double> reference)
        where TField : IVectorField
    {
        var options = new SolverOptions { RelativeTolerance = rtol, AbsoluteTolerance = atol, SaveAt = SaveAt.End, MaxSteps = 10_000_000 };
        var solution = Ode.Solve(problem, method, options);
        var stopwatch = Stopwatch.StartNew();
        int warm = 0;
        while (stopwatch.Elapsed.TotalMilliseconds < 100 && warm < 1000)
        {
            Ode.Solve(problem, method, options);
            warm++;
        }

        int repeats = Math.Clamp((int)(300.0 / Math.Max(1e-3, stopwatch.Elapsed.TotalMilliseconds / warm)), 5, 2000);
        var times = new double[repeats];
        long allocated = 0;
        for (int r = 0; r < repeats; r++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            Ode.Solve(problem, method, options);
            times[r] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        }

        Array.Sort(times);
        double error = 0;
        for (int i = 0; i < reference.Count; i++) error = Math.Max(error, Math.Abs(solution.FinalState[i] - reference[i]));
        var stats = solution.Statistics;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"solver\":\"dynamics-{method.Name.Replace(' ', '-').ToLowerInvariant()}\",\"problem\":\"{name}\",\"rtol\":{rtol:E0},\"atol\":{atol:E0},\"ms\":{times[repeats / 2]:G4},\"error\":{error:E2},\"steps\":{stats.AcceptedSteps},\"rhs\":{stats.RhsEvaluations},\"jacobians\":{stats.JacobianEvaluations},\"lu\":{stats.LuFactorizations},\"bytes_per_solve\":{allocated}}}"));
    }
}
