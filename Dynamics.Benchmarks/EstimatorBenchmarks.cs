using BenchmarkDotNet.Attributes;
using Dynamics.Models.Estimators;

namespace Dynamics.Benchmarks;

/// <summary>
/// Monte Carlo of the Gumbel-softmax gradient of a linear cost on 10 logits (τ = 0.5), 10⁶ samples per operation:
/// the vectorised, parallel <see cref="GumbelSoftmaxMonteCarlo"/> against the scalar <see cref="GumbelSoftmaxEstimator"/>
/// summed sample by sample on one thread (the baseline in the same run). The NumPy figure for the same workload comes
/// from <c>scripts/numpy-estimators.sh</c>, run in the same window; samples/s = 10⁶ / mean.
/// </summary>
[MemoryDiagnoser]
[ShortRunJob]
public class EstimatorBenchmarks
{
    /// <summary>Samples per operation.</summary>
    public const int Samples = 1_000_000;

    private static readonly double[] Logits = [.. Enumerable.Range(0, 10).Select(i => -1 + 2.0 * i / 9)];
    private static readonly SimplexObjective Costs = new([.. Enumerable.Range(0, 10).Select(i => Math.Cos(i))]);
    private readonly GumbelSoftmaxMonteCarlo _kernel = new(Logits, Costs, 0.5);
    private readonly GumbelSoftmaxMonteCarlo _oneThread = new(Logits, Costs, 0.5, maxDegreeOfParallelism: 1);
    private readonly GumbelSoftmaxEstimator _scalar = new(Costs, TemperatureSchedule.Constant(0.5));
    private readonly double[] _mean = new double[10], _variance = new double[10], _gradient = new double[10];

    [Benchmark(Baseline = true)]
    public double ScalarEstimator()
    {
        double sum = 0;
        for (int s = 0; s < Samples; s++)
        {
            _scalar.Estimate(Logits, 12345, s, _gradient);
            sum += _gradient[0];
        }

        return sum;
    }

    [Benchmark]
    public double VectorisedMonteCarlo()
    {
        _kernel.Run(12345, Samples, _mean, _variance);
        return _mean[0];
    }

    /// <summary>The same kernel on the calling thread only: the like-for-like comparison with single-threaded NumPy.</summary>
    [Benchmark]
    public double VectorisedMonteCarloOneThread()
    {
        _oneThread.Run(12345, Samples, _mean, _variance);
        return _mean[0];
    }
}
