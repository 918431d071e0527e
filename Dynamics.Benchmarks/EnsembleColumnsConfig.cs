using System.Collections.Concurrent;
using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Running;

namespace Dynamics.Benchmarks;

/// <summary>
/// Throughput (system-steps/s for RK4, members/s for DP5, from the median time) and, for the adaptive paths, the mean
/// accepted and rejected steps per member (from one extra run in the host process).
/// </summary>
public sealed class EnsembleColumnsConfig : ManualConfig
{
    private static readonly ConcurrentDictionary<string, (double Accepted, double Rejected)> Steps = new();

    public EnsembleColumnsConfig()
    {
        AddColumn(new DelegateColumn("Throughput", "Workload per second of median time: system-steps/s for (a), members/s otherwise", (summary, benchmark) =>
        {
            var report = summary[benchmark];
            if (report?.ResultStatistics is not { } statistics) return "-";
            bool rk4 = benchmark.Descriptor.WorkloadMethod.Name.StartsWith("Rk4", StringComparison.Ordinal);
            double units = rk4 ? 1000.0 * LorenzWorkload.Members : LorenzWorkload.Members;
            return (units / (statistics.Median * 1e-9)).ToString("E3", CultureInfo.InvariantCulture) + (rk4 ? " steps/s" : " members/s");
        }));
        AddColumn(new DelegateColumn("Accepted/member", "Mean accepted steps per member (shared steps for lockstep)", (_, b) => Format(b, s => s.Accepted)));
        AddColumn(new DelegateColumn("Rejected/member", "Mean rejected steps per member", (_, b) => Format(b, s => s.Rejected)));
    }

    private static string Format(BenchmarkCase benchmark, Func<(double Accepted, double Rejected), double> pick)
    {
        string name = benchmark.Descriptor.WorkloadMethod.Name;
        // Workload (a) is 1,000 fixed steps per member, none rejected.
        var steps = name.StartsWith("Rk4", StringComparison.Ordinal) ? (1000.0, 0.0) : Steps.GetOrAdd(name, Measure);
        return pick(steps).ToString("F1", CultureInfo.InvariantCulture);
    }

    private static (double Accepted, double Rejected) Measure(string name)
    {
        var benchmarks = new EnsembleBenchmarks();
        benchmarks.Setup();
        double members = LorenzWorkload.Members;
        var statistics = name switch
        {
            nameof(EnsembleBenchmarks.Dp5PerLaneSimd) => benchmarks.Dp5PerLaneSimd().TotalStatistics,
            nameof(EnsembleBenchmarks.Dp5PerLaneSimdReused) => benchmarks.Dp5PerLaneSimdReused().TotalStatistics,
            nameof(EnsembleBenchmarks.Dp5IndependentMembers) => benchmarks.Dp5IndependentMembers().TotalStatistics,
            nameof(EnsembleBenchmarks.SweepPerLaneSimd) => benchmarks.SweepPerLaneSimd().TotalStatistics,
            nameof(EnsembleBenchmarks.SweepIndependentMembers) => benchmarks.SweepIndependentMembers().TotalStatistics,
            _ => benchmarks.Dp5LockstepSharedStep().TotalStatistics,
        };
        return (statistics.AcceptedSteps / members, statistics.RejectedSteps / members);
    }
}
