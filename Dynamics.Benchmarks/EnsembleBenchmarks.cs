using BenchmarkDotNet.Attributes;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Benchmarks;

/// <summary>
/// The fixed ensemble workload (<see cref="LorenzWorkload"/>, 100,000 Lorenz members) on every ensemble path:
/// (a) fixed-step RK4, dt = 0.01, 1,000 steps; (b) adaptive DP5, rtol = atol = 1e-6, t ∈ [0, 10]; and the same adaptive
/// run as a parameter sweep with ρ over [0, 21]. The Throughput column divides the workload by the median time.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
[Config(typeof(EnsembleColumnsConfig))]
public class EnsembleBenchmarks
{
    internal static readonly LockstepOptions Rk4Options = new() { StepSize = 0.01 };
    internal static readonly EnsembleOptions Dp5Options = new() { Solver = SolverOptions.WithTolerance(1e-6) with { SaveAt = SaveAt.End } };
    internal static readonly LockstepOptions Dp5LockstepOptions = new() { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-6, BatchSize = 8 };

    private double[] _states = [];
    private EnsembleProblem<Lorenz> _problem = null!, _sweep = null!;

    [GlobalSetup]
    public void Setup()
    {
        var starts = LorenzWorkload.Starts(LorenzWorkload.Members);
        _states = LorenzWorkload.StructureOfArrays(starts);
        _problem = LorenzWorkload.Problem(starts, 10, sweep: false);
        _sweep = LorenzWorkload.Problem(starts, 10, sweep: true);
    }

    [Benchmark]
    [BenchmarkCategory("a: RK4 lockstep")]
    public LockstepSolution Rk4LockstepRegisterKernel() =>
        LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(new Lorenz()), _states, LorenzWorkload.Members, 0, 10, LockstepMethod.RungeKutta4, Rk4Options);

    [Benchmark]
    [BenchmarkCategory("a: RK4 lockstep")]
    public LockstepSolution Rk4LockstepBatchFieldPasses() =>
        LockstepEnsemble.Solve<LaneBatchField<Lorenz>>(new LaneBatchField<Lorenz>(new Lorenz()), _states, LorenzWorkload.Members, 0, 10, LockstepMethod.RungeKutta4, Rk4Options);

    [Benchmark]
    [BenchmarkCategory("a: RK4 lockstep")]
    public double[] Rk4HandWrittenReference() => HandWrittenLorenzRk4.Solve(_states, LorenzWorkload.Members, 0.01, 1000);

    [Benchmark]
    [BenchmarkCategory("b: DP5 adaptive")]
    public EnsembleSolution Dp5PerLaneSimd() => LaneEnsemble.Solve(_problem, Dp5Options);

    [Benchmark]
    [BenchmarkCategory("b: DP5 adaptive")]
    public EnsembleSolution Dp5IndependentMembers() => Ensemble.Solve(_problem, new DormandPrince5(), Dp5Options);

    [Benchmark]
    [BenchmarkCategory("b: DP5 adaptive")]
    public LockstepSolution Dp5LockstepSharedStep() =>
        LockstepEnsemble.Solve(new LaneBatchField<Lorenz>(new Lorenz()), _states, LorenzWorkload.Members, 0, 10, LockstepMethod.DormandPrince5, Dp5LockstepOptions);

    [Benchmark]
    [BenchmarkCategory("sweep: DP5, rho in [0, 21]")]
    public EnsembleSolution SweepPerLaneSimd() => LaneEnsemble.Solve(_sweep, Dp5Options);

    [Benchmark]
    [BenchmarkCategory("sweep: DP5, rho in [0, 21]")]
    public EnsembleSolution SweepIndependentMembers() => Ensemble.Solve(_sweep, new DormandPrince5(), Dp5Options);
}
