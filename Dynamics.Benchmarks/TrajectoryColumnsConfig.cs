using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Dynamics.Benchmarks;

/// <summary>Adds the RHS-evaluation and final-error columns to <see cref="SingleTrajectoryBenchmarks"/>.</summary>
public sealed class TrajectoryColumnsConfig : ManualConfig
{
    private static readonly ConcurrentDictionary<string, (long Rhs, double Error)> Cache = new();

    public TrajectoryColumnsConfig()
    {
        AddColumn(new TrajectoryColumn("RHS", r => r.Rhs.ToString(CultureInfo.InvariantCulture)));
        AddColumn(new TrajectoryColumn("Error", r => r.Error.ToString("E2", CultureInfo.InvariantCulture)));
    }

    private static (long Rhs, double Error) Measure(BenchmarkCase benchmark)
    {
        string problem = (string)benchmark.Parameters["Problem"], method = (string)benchmark.Parameters["Method"];
        double tolerance = (double)benchmark.Parameters["Tolerance"];
        return Cache.GetOrAdd($"{problem}/{method}/{tolerance}", _ =>
        {
            var solution = TrajectoryProblems.Solve(problem, TrajectoryProblems.Method(method), TrajectoryProblems.Options(problem, method, tolerance));
            return (solution.Statistics.RhsEvaluations, TrajectoryProblems.Error(problem, solution.FinalState));
        });
    }

    private sealed class TrajectoryColumn(string name, Func<(long Rhs, double Error), string> format) : IColumn
    {
        public string Id => nameof(TrajectoryColumn) + name;
        public string ColumnName => name;
        public bool AlwaysShow => true;
        public ColumnCategory Category => ColumnCategory.Custom;
        public int PriorityInCategory => 0;
        public bool IsNumeric => true;
        public UnitType UnitType => UnitType.Dimensionless;
        public string Legend => name == "RHS" ? "Evaluations of f(t, y) for the whole solve" : "Largest |y(T) − y_ref(T)| (reference: Verner 8 at 1e-14)";
        public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
        public bool IsAvailable(Summary summary) => true;
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => format(Measure(benchmarkCase));
        public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style) => GetValue(summary, benchmarkCase);
    }
}
