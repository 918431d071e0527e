using BenchmarkDotNet.Attributes;
using Dynamics.Models.Classical;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Benchmarks.Baselines;

/// <summary>
/// Workload (b) through the library's per-lane path and through the hand-written C# kernel in one process, so the ratio
/// (the Ratio column) is what to quote: with 8 and 16 lanes per worker, and with the controller's ln and exp as calls to
/// the library's LaneMath instead of inline, which isolates what one call inside an attempt costs. Set-up checks that
/// every variant's final states equal the library's bit for bit, so the comparison is between equal computations.
/// </summary>
[ShortRunJob]
public class HandWrittenDp5Benchmarks
{
    private double[][] _starts = [];
    private EnsembleProblem<Lorenz> _problem = null!;

    [GlobalSetup]
    public void Setup()
    {
        _starts = LorenzWorkload.Starts(LorenzWorkload.Members);
        _problem = LorenzWorkload.Problem(_starts, 10, sweep: false);
        var library = Library();
        double[][] variants = [HandWritten8Lanes(), HandWritten16Lanes(), HandWritten16LanesLaneMathCalls()];
        for (int m = 0; m < LorenzWorkload.Members; m++)
        {
            var expected = library.FinalState(m);
            foreach (var finals in variants)
            {
                if (!finals.AsSpan(3 * m, 3).SequenceEqual(expected))
                    throw new InvalidOperationException($"The hand-written kernel's member {m} differs from LaneEnsemble's.");
            }
        }
    }

    [Benchmark(Baseline = true)]
    public EnsembleSolution Library() => Ensemble.Solve(_problem, new DormandPrince5(), EnsembleStrategy.SimdLanes, EnsembleBenchmarks.Dp5Options);

    [Benchmark]
    public double[] HandWritten8Lanes() =>
        HandWrittenLorenzDp5Lanes.Solve<HandWrittenLorenzDp5Lanes.InlineMath>(_starts, 1, Environment.ProcessorCount).FinalStates;

    [Benchmark]
    public double[] HandWritten16Lanes() =>
        HandWrittenLorenzDp5Lanes.Solve<HandWrittenLorenzDp5Lanes.InlineMath>(_starts, 2, Environment.ProcessorCount).FinalStates;

    [Benchmark]
    public double[] HandWritten16LanesLaneMathCalls() =>
        HandWrittenLorenzDp5Lanes.Solve<HandWrittenLorenzDp5Lanes.LaneMathCalls>(_starts, 2, Environment.ProcessorCount).FinalStates;
}
