using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Dynamics.Benchmarks;

/// <summary>Adds the RHS-evaluation and final-error columns to <see cref="SingleTrajectoryBenchmarks"/>.</summary>
public sealed class TrajectoryColumnsConfig : ManualConfig
{
    private static readonly ConcurrentDictionary<string, (long Rhs, double Error)> Cache = new();

    public TrajectoryColumnsConfig()
    {
        AddColumn(new DelegateColumn("RHS", "Evaluations of f(t, y) for the whole solve", (_, b) => Measure(b).Rhs.ToString(CultureInfo.InvariantCulture)));
        AddColumn(new DelegateColumn("FinalError", "Largest |y(T) − y_ref(T)| (reference: Verner 8 at 1e-14)",
            (_, b) => Measure(b).Error.ToString("E2", CultureInfo.InvariantCulture)));
    }

    private static (long Rhs, double Error) Measure(BenchmarkCase benchmark)
    {
        string problem = (string)benchmark.Parameters["Problem"], method = (string)benchmark.Parameters["Scheme"];
        double tolerance = (double)benchmark.Parameters["Tolerance"];
        return Cache.GetOrAdd($"{problem}/{method}/{tolerance}", _ =>
        {
            var solution = TrajectoryProblems.Solve(problem, TrajectoryProblems.Method(method), TrajectoryProblems.Options(problem, method, tolerance));
            return (solution.Statistics.RhsEvaluations, TrajectoryProblems.Error(problem, solution.FinalState));
        });
    }
}
