using System.Diagnostics;
using System.Globalization;
using Dynamics.Plotting;
using Dynamics.Solvers;

namespace Dynamics.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project Dynamics.Benchmarks -- figure [--out DIR]</c>: measures every method on every
/// single-trajectory problem at tolerances 1e-4 … 1e-10 (median of repeated runs, Stopwatch) and writes one
/// work-precision PNG per problem, <c>DIR/work-precision-&lt;problem&gt;.png</c> (default DIR: <c>out</c>), plus the
/// numbers as text on standard output.
/// </summary>
internal static class FigureCommand
{
    private static readonly double[] Tolerances = [1e-4, 1e-5, 1e-6, 1e-7, 1e-8, 1e-9, 1e-10];

    public static int Run(string[] args)
    {
        string folder = "out";
        for (int i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out" && i + 1 < args.Length) folder = args[++i];
            else
            {
                Console.Error.WriteLine($"Unknown argument '{args[i]}'. Usage: figure [--out DIR]");
                return 2;
            }
        }

        Console.WriteLine("problem,method,tolerance,seconds,rhs_evaluations,error");
        foreach (var problem in TrajectoryProblems.Names)
        {
            var figure = new WorkPrecisionFigure($"Work-precision: {Title(problem)} (one thread, median wall time)");
            foreach (var method in TrajectoryProblems.MethodNames) AddMethod(figure, problem, method);
            AddMathNet(figure, problem);
            var path = Path.Combine(folder, $"work-precision-{problem.ToLowerInvariant()}.png");
            figure.SavePng(path);
            Console.Error.WriteLine($"wrote {path}");
        }

        return 0;
    }

    private static void AddMethod(WorkPrecisionFigure figure, string problem, string name)
    {
        var method = TrajectoryProblems.Method(name);
        var seconds = new List<double>();
        var errors = new List<double>();
        WarmUp(() =>
        {
            foreach (double tolerance in Tolerances) TrajectoryProblems.Solve(problem, method, TrajectoryProblems.Options(problem, name, tolerance));
        });
        foreach (double tolerance in Tolerances)
        {
            var options = TrajectoryProblems.Options(problem, name, tolerance);
            Solution? solution = null;
            double time = Median(() => solution = TrajectoryProblems.Solve(problem, method, options));
            double error = TrajectoryProblems.Error(problem, solution!.FinalState);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{problem},{name},{tolerance:E0},{time:E4},{solution.Statistics.RhsEvaluations},{error:E3}"));
            if (error > 0 && solution.IsSuccess)
            {
                seconds.Add(time);
                errors.Add(error);
            }
        }

        if (seconds.Count > 0) figure.AddMethod(name, seconds.ToArray(), errors.ToArray());
    }

    // Math.NET's RK4 with the step counts our RK4 uses, so the two lines differ only in cost.
    private static void AddMathNet(WorkPrecisionFigure figure, string problem)
    {
        var seconds = new List<double>();
        var errors = new List<double>();
        WarmUp(() => TrajectoryProblems.SolveMathNet(problem, 1000));
        foreach (double tolerance in Tolerances)
        {
            var options = TrajectoryProblems.Options(problem, "RK4", tolerance);
            int steps = TrajectoryProblems.Steps(problem, options.StepSize!.Value);
            double[] final = [];
            double time = Median(() => final = TrajectoryProblems.SolveMathNet(problem, steps));
            double error = TrajectoryProblems.Error(problem, final);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{problem},MathNet-RK4,{tolerance:E0},{time:E4},{4L * steps},{error:E3}"));
            seconds.Add(time);
            errors.Add(error);
        }

        figure.AddMethod("Math.NET RK4", seconds.ToArray(), errors.ToArray());
    }

    private static string Title(string problem) => problem switch
    {
        TrajectoryProblems.Lorenz => "Lorenz from (1, 1, 1), t ∈ [0, 20]",
        TrajectoryProblems.Arenstorf => "Arenstorf orbit, one period",
        _ => "Pleiades, t ∈ [0, 3]",
    };

    // Runs the code for a second first: the JIT starts with unoptimised code and replaces it with tier-1 code only after
    // many calls, so without this the first tolerance measured for each method was timed at up to 5× its steady state.
    private static void WarmUp(Action action)
    {
        var clock = Stopwatch.StartNew();
        do action();
        while (clock.Elapsed < TimeSpan.FromSeconds(1));
    }

    // The median of at least 5 runs and of enough runs to fill 0.2 s, after one warm-up run.
    private static double Median(Action action)
    {
        action();
        var times = new List<double>();
        var total = Stopwatch.StartNew();
        while (times.Count < 5 || (total.Elapsed.TotalSeconds < 0.2 && times.Count < 1001))
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times.Add(Stopwatch.GetElapsedTime(start).TotalSeconds);
        }

        times.Sort();
        return times[times.Count / 2];
    }
}
