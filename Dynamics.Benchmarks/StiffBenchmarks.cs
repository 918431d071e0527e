using BenchmarkDotNet.Attributes;
using Dynamics.Models.Stiff;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Implicit;

namespace Dynamics.Benchmarks;

/// <summary>
/// Whole stiff solves in one run: Rodas4 (the baseline), Radau5, Rosenbrock23 and AutoSwitch on Robertson
/// (t ∈ [0, 10⁵], rtol = 10⁻⁶, atol = 10⁻¹⁰) and Rodas4 vs Radau5 on Van der Pol μ = 1000 (scaled, ε = 10⁻⁶,
/// t ∈ [0, 2], rtol = atol = 10⁻⁶). Run with <c>--filter '*StiffBenchmarks*' --job short</c>; the CVODE and Boost
/// numbers for the same problems come from scripts/stiff-baselines.sh.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StiffBenchmarks
{
    private static readonly OdeProblem<Robertson> RobertsonProblem = StiffWorkload.Robertson(new Robertson());
    private static readonly OdeProblem<ScaledVanDerPol> VanDerPolProblem = StiffWorkload.VanDerPol();
    private static readonly SolverOptions RobertsonOptions = new() { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-10, SaveAt = SaveAt.End };
    private static readonly SolverOptions VanDerPolOptions = new() { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-6, SaveAt = SaveAt.End };
    private readonly Rodas4 _rodas4 = new();
    private readonly Radau5 _radau5 = new();
    private readonly Rosenbrock23 _rosenbrock23 = new();
    private readonly AutoSwitch _auto = new();

    [Benchmark(Baseline = true)]
    public Solution RobertsonRodas4() => Ode.Solve(RobertsonProblem, _rodas4, RobertsonOptions);

    [Benchmark]
    public Solution RobertsonRadau5() => Ode.Solve(RobertsonProblem, _radau5, RobertsonOptions);

    [Benchmark]
    public Solution RobertsonRosenbrock23() => Ode.Solve(RobertsonProblem, _rosenbrock23, RobertsonOptions);

    [Benchmark]
    public Solution RobertsonAutoSwitch() => Ode.Solve(RobertsonProblem, _auto, RobertsonOptions);

    [Benchmark]
    public Solution VanDerPolRodas4() => Ode.Solve(VanDerPolProblem, _rodas4, VanDerPolOptions);

    [Benchmark]
    public Solution VanDerPolRadau5() => Ode.Solve(VanDerPolProblem, _radau5, VanDerPolOptions);
}
