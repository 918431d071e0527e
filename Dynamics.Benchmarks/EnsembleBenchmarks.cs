using BenchmarkDotNet.Attributes;
using Dynamics.Models.Classical;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Benchmarks;

/// <summary>
/// The fixed ensemble workload (<see cref="LorenzWorkload"/>, 100,000 Lorenz members) on every ensemble path:
/// (a) fixed-step RK4, dt = 0.01, 1,000 steps; (b) adaptive DP5, rtol = atol = 1e-6, t ∈ [0, 10]; and the same adaptive
/// run as a parameter sweep with ρ over [0, 21]. The Throughput column divides the workload by the median time.
/// <c>…Reused</c> solves into the previous solution's storage (<c>reuse</c>), beside the same solve into fresh arrays.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[Config(typeof(EnsembleColumnsConfig))]
public class EnsembleBenchmarks
{
    internal static readonly EnsembleOptions Rk4Options = new() { Solver = SolverOptions.WithFixedStep(0.01) with { SaveAt = SaveAt.End } };
    internal static readonly EnsembleOptions Dp5Options = new() { Solver = SolverOptions.WithTolerance(1e-6) with { SaveAt = SaveAt.End } };
    internal static readonly EnsembleOptions Dp5LockstepOptions = Dp5Options with { BatchSize = 8 };

    private double[] _states = [];
    private EnsembleProblem<Lorenz> _problem = null!, _sweep = null!, _shared = null!;
    // Earlier solutions that the *Reused benchmarks solve into, as a parameter sweep does (and the C++ baseline).
    private EnsembleSolution _rk4Storage = null!, _dp5Storage = null!;

    [GlobalSetup]
    public void Setup()
    {
        var starts = LorenzWorkload.Starts(LorenzWorkload.Members);
        _states = LorenzWorkload.StructureOfArrays(starts);
        _problem = LorenzWorkload.Problem(starts, 10, sweep: false);
        _sweep = LorenzWorkload.Problem(starts, 10, sweep: true);
        _shared = LorenzWorkload.SharedProblem(starts, 10);
        _rk4Storage = Rk4Lockstep();
        _dp5Storage = Dp5PerLaneSimd();
    }

    [Benchmark]
    [BenchmarkCategory("a: RK4 lockstep")]
    public EnsembleSolution Rk4Lockstep() => Ensemble.Solve(_shared, new RungeKutta4(), EnsembleStrategy.Lockstep, Rk4Options);

    [Benchmark]
    [BenchmarkCategory("a: RK4 lockstep")]
    public EnsembleSolution Rk4LockstepReused() => Ensemble.Solve(_shared, new RungeKutta4(), EnsembleStrategy.Lockstep, Rk4Options, _rk4Storage);

    [Benchmark]
    [BenchmarkCategory("a: RK4 lockstep")]
    public double[] Rk4HandWrittenReference() => HandWrittenLorenzRk4.Solve(_states, LorenzWorkload.Members, 0.01, 1000);

    [Benchmark]
    [BenchmarkCategory("b: DP5 adaptive")]
    public EnsembleSolution Dp5PerLaneSimd() => Ensemble.Solve(_problem, new DormandPrince5(), EnsembleStrategy.SimdLanes, Dp5Options);

    [Benchmark]
    [BenchmarkCategory("b: DP5 adaptive")]
    public EnsembleSolution Dp5PerLaneSimdReused() => Ensemble.Solve(_problem, new DormandPrince5(), EnsembleStrategy.SimdLanes, Dp5Options, _dp5Storage);

    [Benchmark]
    [BenchmarkCategory("b: DP5 adaptive")]
    public EnsembleSolution Dp5IndependentMembers() => Ensemble.Solve(_problem, new DormandPrince5(), Dp5Options);

    [Benchmark]
    [BenchmarkCategory("b: DP5 adaptive")]
    public EnsembleSolution Dp5LockstepSharedStep() => Ensemble.Solve(_shared, new DormandPrince5(), EnsembleStrategy.Lockstep, Dp5LockstepOptions);

    [Benchmark]
    [BenchmarkCategory("sweep: DP5, rho in [0, 21]")]
    public EnsembleSolution SweepPerLaneSimd() => Ensemble.Solve(_sweep, new DormandPrince5(), EnsembleStrategy.SimdLanes, Dp5Options);

    [Benchmark]
    [BenchmarkCategory("sweep: DP5, rho in [0, 21]")]
    public EnsembleSolution SweepIndependentMembers() => Ensemble.Solve(_sweep, new DormandPrince5(), Dp5Options);
}
