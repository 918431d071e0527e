using BenchmarkDotNet.Attributes;
using Dynamics.Benchmarks.Baselines;
using Dynamics.Models.Stiff;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Implicit;

namespace Dynamics.Benchmarks;

/// <summary>
/// The measurement behind deleting the stiff models' hand-written Jacobians: one Jacobian of POLLU (n = 20) and of
/// Robertson (n = 3) by forward-mode automatic differentiation (n passes of the formula on dual numbers) against the
/// former hand-written code, and whole Rodas4 solves of both problems each way (POLLU t ∈ [0, 60], Robertson
/// t ∈ [0, 10⁵], rtol = 10⁻⁶, atol = 10⁻¹⁰), where the LU factorisation and the stages share the cost.
/// Run with <c>--filter '*StiffJacobianBenchmarks*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class StiffJacobianBenchmarks
{
    private static readonly SolverOptions Options = new() { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-10, SaveAt = SaveAt.End };
    private static readonly double[] PollutionState = [.. Pollution.ReferenceAt60];
    private static readonly double[] RobertsonState = [0.7, 3e-5, 0.3];
    private readonly double[] _pollutionJacobian = new double[400];
    private readonly double[] _robertsonJacobian = new double[9];
    private readonly Rodas4 _rodas4 = new();
    private readonly OdeProblem<Pollution> _pollution = StiffWorkload.Pollution(new Pollution());
    private readonly OdeProblem<HandWrittenPollution> _pollutionByHand = StiffWorkload.Pollution(new HandWrittenPollution());
    private readonly OdeProblem<Robertson> _robertson = StiffWorkload.Robertson(new Robertson());
    private readonly OdeProblem<HandWrittenRobertson> _robertsonByHand = StiffWorkload.Robertson(new HandWrittenRobertson(new Robertson()));

    [Benchmark(Baseline = true)]
    public double[] PollutionJacobianByHand()
    {
        new HandWrittenPollution().Jacobian(0, PollutionState, _pollutionJacobian);
        return _pollutionJacobian;
    }

    [Benchmark]
    public double[] PollutionJacobianAutomatic()
    {
        new Pollution().Jacobian(0, PollutionState, _pollutionJacobian);
        return _pollutionJacobian;
    }

    [Benchmark]
    public double[] RobertsonJacobianByHand()
    {
        new HandWrittenRobertson(new Robertson()).Jacobian(0, RobertsonState, _robertsonJacobian);
        return _robertsonJacobian;
    }

    [Benchmark]
    public double[] RobertsonJacobianAutomatic()
    {
        new Robertson().Jacobian(0, RobertsonState, _robertsonJacobian);
        return _robertsonJacobian;
    }

    [Benchmark]
    public Solution PollutionRodas4ByHand() => Ode.Solve(_pollutionByHand, _rodas4, Options);

    [Benchmark]
    public Solution PollutionRodas4Automatic() => Ode.Solve(_pollution, _rodas4, Options);

    [Benchmark]
    public Solution RobertsonRodas4ByHand() => Ode.Solve(_robertsonByHand, _rodas4, Options);

    [Benchmark]
    public Solution RobertsonRodas4Automatic() => Ode.Solve(_robertson, _rodas4, Options);
}
