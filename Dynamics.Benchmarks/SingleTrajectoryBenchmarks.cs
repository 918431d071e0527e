using BenchmarkDotNet.Attributes;
using Dynamics.Solvers;
using Dynamics.Solvers.Methods;

namespace Dynamics.Benchmarks;

/// <summary>
/// One trajectory to the end (final state only) for every problem, method and tolerance; the RHS and FinalError columns
/// come from one extra solve in the host process (the runs are deterministic).
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[Config(typeof(TrajectoryColumnsConfig))]
public class SingleTrajectoryBenchmarks
{
    private IOdeMethod _method = null!;
    private SolverOptions _options = null!;

    [ParamsSource(nameof(ProblemNames))]
    public string Problem { get; set; } = TrajectoryProblems.Lorenz;

    // Not "Method": BenchmarkDotNet's own column of that name would hide it.
    [ParamsSource(nameof(Methods))]
    public string Scheme { get; set; } = "DP5";

    [Params(1e-4, 1e-6, 1e-8, 1e-10)]
    public double Tolerance { get; set; }

    public static IEnumerable<string> ProblemNames => TrajectoryProblems.Names;

    public static IEnumerable<string> Methods => TrajectoryProblems.MethodNames;

    [GlobalSetup]
    public void Setup()
    {
        _method = TrajectoryProblems.Method(Scheme);
        _options = TrajectoryProblems.Options(Problem, Scheme, Tolerance);
    }

    [Benchmark]
    public Solution Solve() => TrajectoryProblems.Solve(Problem, _method, _options);
}
