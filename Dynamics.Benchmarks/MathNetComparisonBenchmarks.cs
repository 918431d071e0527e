using BenchmarkDotNet.Attributes;
using Dynamics.Models.Classical;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Benchmarks;

/// <summary>
/// Fixed-step RK4 per step against Math.NET Numerics' RK4 (the .NET baseline), in the same run: Lorenz from (1, 1, 1)
/// over [0, 20] with 20,000 equal steps each. The ratio of the two means is the per-step speed-up.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class MathNetComparisonBenchmarks
{
    private const int Steps = 20_000;
    private static readonly SolverOptions Options = SolverOptions.WithFixedStep(20.0 / Steps) with { SaveAt = SaveAt.End };
    private readonly RungeKutta4 _method = new();

    [Benchmark(Baseline = true)]
    public double[] MathNetRungeKutta4() => MathNetBaseline.Solve(TrajectoryProblems.LorenzProblem, Steps);

    [Benchmark]
    public Solution DynamicsRungeKutta4() => Ode.Solve(TrajectoryProblems.LorenzProblem, _method, Options);

    /// <summary>The lockstep RK4 with one member: the cost of the batch machinery for a single trajectory.</summary>
    [Benchmark]
    public Solvers.Ensembles.EnsembleSolution DynamicsLockstepRungeKutta4OneMember() =>
        Solvers.Ensembles.Ensemble.Solve(OneMember, _method, Solvers.Ensembles.EnsembleStrategy.Lockstep,
            new Solvers.Ensembles.EnsembleOptions { Solver = Options, MaxDegreeOfParallelism = 1 });

    private static readonly Solvers.Ensembles.EnsembleProblem<Lorenz> OneMember = new(new Lorenz(), [1.0, 1.0, 1.0], 0, 20);
}
