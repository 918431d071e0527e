using BenchmarkDotNet.Attributes;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Benchmarks;

/// <summary>
/// A sweep of 4,096 clipped Polyak flows on Rosenbrock (each member its own clip M and valley steepness b, its own
/// start; L* = 0 = min L, so no member chatters about a minimum it cannot reach), DP5 at rtol = atol = 1e-6 over t ∈ [0, 5]: SIMD lanes, which the flow's one lane formula opened,
/// against independent members on the scalar path of the same formula.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class PolyakFlowBenchmarks
{
    private const int Members = 4096;
    private EnsembleProblem<PolyakFlow<RosenbrockLoss>> _sweep = null!;

    [GlobalSetup]
    public void Setup() => _sweep = new EnsembleProblem<PolyakFlow<RosenbrockLoss>>(Members, m => OdeProblem.Create(
        new PolyakFlow<RosenbrockLoss>(new RosenbrockLoss(1, 5 + 15.0 * m / Members), clip: 0.5 + 4.0 * m / Members),
        [-1.2 + 0.4 * m / Members, 1.0], 0, 5));

    [Benchmark(Baseline = true)]
    public EnsembleSolution IndependentMembers() => Ensemble.Solve(_sweep, new DormandPrince5(), EnsembleBenchmarks.Dp5Options);

    [Benchmark]
    public EnsembleSolution PerLaneSimd() => Ensemble.Solve(_sweep, new DormandPrince5(), EnsembleStrategy.SimdLanes, EnsembleBenchmarks.Dp5Options);
}
