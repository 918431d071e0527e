using Dynamics.Models.Estimators;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Core.Models.Estimators;

/// <summary>Runs alone: the process-wide allocation counter would otherwise count other tests' allocations.</summary>
[CollectionDefinition(nameof(MonteCarloAllocationTests), DisableParallelization = true)]
public sealed class MonteCarloAllocationCollection;

/// <summary>The vectorised Monte Carlo is deterministic and allocates nothing that grows with the number of samples.</summary>
[Collection(nameof(MonteCarloAllocationTests))]
public class MonteCarloAllocationTests
{
    private static readonly double[] Logits = [0.4, -0.3, 1.1, 0, 0.7, -1, 0.2, 0.5, -0.6, 0.9];

    [Fact]
    public void Parallel_equals_serial_bit_for_bit_and_nothing_is_allocated_per_sample()
    {
        var objective = new SimplexObjective([.. Enumerable.Range(0, 10).Select(i => Math.Cos(i))]);
        var kernel = new GumbelSoftmaxMonteCarlo(Logits, objective, 0.5);
        var a = new double[10];
        var b = new double[10];
        var v = new double[10];
        kernel.Run(11, 100_000, a, v);
        kernel.Run(11, 100_000, b, v);
        Assert.Equal(a, b);
        var serial = new double[10];
        new GumbelSoftmaxMonteCarlo(Logits, objective, 0.5, maxDegreeOfParallelism: 1).Run(11, 100_000, serial, v);
        Assert.Equal(a, serial);

        // The workers run on pool threads, so the process-wide counter is read; this class runs alone (no parallel tests).
        long allocated = Allocations.LeastOfThree(() =>
        {
            long before = GC.GetTotalAllocatedBytes(precise: true);
            kernel.Run(11, 200_000, a, v);
            return GC.GetTotalAllocatedBytes(precise: true) - before;
        });
        // Parallel.For's bookkeeping only: a few kilobytes per run, independent of N (< 0.1 byte per sample).
        Assert.True(allocated < 20_000, $"{allocated} bytes for 200,000 samples");
    }

}
