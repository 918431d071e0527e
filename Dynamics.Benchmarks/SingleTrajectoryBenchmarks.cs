using BenchmarkDotNet.Attributes;
using Dynamics.Solvers;
using Dynamics.Solvers.Methods;

namespace Dynamics.Benchmarks;

/// <summary>
/// One trajectory to the end (final state only) for every problem, method and tolerance; the RHS and Error columns
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

    [ParamsSource(nameof(Methods))]
    public string Method { get; set; } = "DP5";

    [Params(1e-4, 1e-6, 1e-8, 1e-10)]
    public double Tolerance { get; set; }

    public static IEnumerable<string> ProblemNames => TrajectoryProblems.Names;

    public static IEnumerable<string> Methods => TrajectoryProblems.MethodNames;

    [GlobalSetup]
    public void Setup()
    {
        _method = TrajectoryProblems.Method(Method);
        _options = TrajectoryProblems.Options(Problem, Method, Tolerance);
    }

    [Benchmark]
    public Solution Solve() => TrajectoryProblems.Solve(Problem, _method, _options);
}
