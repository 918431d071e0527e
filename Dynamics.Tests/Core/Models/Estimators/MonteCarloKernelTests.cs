using Dynamics.Models.Estimators;

namespace Dynamics.Tests.Core.Models.Estimators;

/// <summary>The vectorised Gumbel-softmax Monte Carlo against the scalar estimator, its determinism and its allocations.</summary>
public class MonteCarloKernelTests
{
    private static readonly double[] Logits = [0.4, -0.3, 1.1, 0, 0.7, -1, 0.2, 0.5, -0.6, 0.9];

    [Theory]
    [InlineData(false, 1003)]
    [InlineData(true, 1003)]
    [InlineData(false, 2)]
    [InlineData(true, 5000)]
    public void Vectorised_kernel_matches_the_scalar_estimator(bool straightThrough, int samples)
    {
        var objective = new SimplexObjective([.. Enumerable.Range(0, 10).Select(i => Math.Cos(i))], weight: 1.5, target: [.. Enumerable.Repeat(0.1, 10)]);
        var kernel = new GumbelSoftmaxMonteCarlo(Logits, objective, 0.5, straightThrough);
        var mean = new double[10];
        var variance = new double[10];
        kernel.Run(7, samples, mean, variance);
        var scalar = GradientMonteCarlo.Run(new GumbelSoftmaxEstimator(objective, TemperatureSchedule.Constant(0.5), straightThrough), Logits, 7, samples);
        for (int j = 0; j < 10; j++)
        {
            // Per-sample gradients have identical bits; only the order of the sums differs.
            Assert.Equal(scalar.Mean[j], mean[j], 1e-13 * (1 + Math.Abs(scalar.Mean[j])) + 1e-14);
            Assert.Equal(scalar.Variance[j], variance[j], 1e-11 * scalar.Variance[j] + 1e-14);
        }
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Every_sample_of_the_kernel_has_the_scalar_estimators_bits(bool straightThrough)
    {
        // 47 samples: one block in stripe 0, run as two pairs of 16, eight, four and three single lanes, so every width's
        // path adds into the sums. The scalar estimator's gradients, added as the kernel adds them (partial sums by
        // sample index mod 8, squares by fused multiply-adds, then the eight sums in order), give the same bits.
        const int samples = 47;
        var objective = new SimplexObjective([.. Enumerable.Range(0, 10).Select(i => Math.Cos(i))], weight: 1.5, target: [.. Enumerable.Repeat(0.1, 10)]);
        var mean = new double[10];
        var variance = new double[10];
        new GumbelSoftmaxMonteCarlo(Logits, objective, 0.5, straightThrough).Run(7, samples, mean, variance);
        var estimator = new GumbelSoftmaxEstimator(objective, TemperatureSchedule.Constant(0.5), straightThrough);
        var sum = new double[10, 8];
        var square = new double[10, 8];
        var gradient = new double[10];
        for (int s = 0; s < samples; s++)
        {
            estimator.Estimate(Logits, 7, s, gradient);
            for (int k = 0; k < 10; k++)
            {
                sum[k, s & 7] += gradient[k];
                square[k, s & 7] = Math.FusedMultiplyAdd(gradient[k], gradient[k], square[k, s & 7]);
            }
        }

        for (int k = 0; k < 10; k++)
        {
            double total = 0, squares = 0;
            for (int j = 0; j < 8; j++)
            {
                total += sum[k, j];
                squares += square[k, j];
            }

            double m = total / samples;
            Assert.Equal(m, mean[k]);
            Assert.Equal(Math.Max(0, (squares - samples * m * m) / (samples - 1)), variance[k]);
        }
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_parameter_named()
    {
        var objective = new SimplexObjective([1, 2, 3]);
        Assert.Contains("temperature", Assert.ThrowsAny<ArgumentException>(() => new GumbelSoftmaxMonteCarlo([0, 0, 0], objective, 0)).Message);
        Assert.Contains("logits", Assert.ThrowsAny<ArgumentException>(() => new GumbelSoftmaxMonteCarlo([0, double.NaN, 0], objective, 1)).Message);
        Assert.Contains("logits", Assert.ThrowsAny<ArgumentException>(() => new GumbelSoftmaxMonteCarlo([0, 0], objective, 1)).Message);
        var kernel = new GumbelSoftmaxMonteCarlo([0, 0, 0], objective, 1);
        Assert.Contains("samples", Assert.ThrowsAny<ArgumentException>(() => kernel.Run(1, 1, new double[3], new double[3])).Message);
        Assert.Contains("samples", Assert.ThrowsAny<ArgumentException>(() => new CategoricalScoreEstimator(objective, ScoreBaseline.LeaveOneOut, 1)).Message);
        Assert.Contains("decay", Assert.ThrowsAny<ArgumentException>(() => ScoreBaseline.RunningMean(1)).Message);
        Assert.Contains("StandardDeviation", Assert.ThrowsAny<ArgumentException>(() => new NormalFamily(0, -1)).Message);
        Assert.Contains("Mean", Assert.ThrowsAny<ArgumentException>(() => new NormalFamily(double.NaN, 1)).Message);
        var rp = new NormalReparameterizedEstimator(new SquareObjective());
        Assert.Contains("σ", Assert.ThrowsAny<ArgumentException>(() => rp.Estimate([0, 0], 1, 0, new double[2])).Message);
        Assert.Contains("parameters", Assert.ThrowsAny<ArgumentException>(() => rp.Estimate([0, double.PositiveInfinity], 1, 0, new double[2])).Message);
        Assert.Contains("index", Assert.ThrowsAny<ArgumentException>(() => rp.Estimate([0, 1], 1, -1, new double[2])).Message);
        Assert.Contains("rate", Assert.ThrowsAny<ArgumentException>(() => TemperatureSchedule.Exponential(1, 0.01, 1.5)).Message);
        Assert.Contains("stepSize", Assert.ThrowsAny<ArgumentException>(() => NoisyGradientDescent.Run(rp, [0, 1], 0, 10, 1)).Message);
    }

    [Fact]
    public void Su_anneal_schedule_and_noisy_descent_with_the_exact_gradient_is_plain_gradient_descent()
    {
        Assert.Equal(1, TemperatureSchedule.Su.At(0), 1e-15);
        Assert.Equal(0.01 + 0.99 * Math.Pow(0.999, 1000), TemperatureSchedule.Su.At(1000), 1e-15);
        var objective = new SimplexObjective([1, -1, 0.5]);
        var path = NoisyGradientDescent.Run(new CategoricalExactEstimator(objective), [0, 0, 0], 0.1, 50, 1);
        double[] theta = [0, 0, 0];
        var g = new double[3];
        for (int n = 0; n < 50; n++)
        {
            objective.ExactGradient(theta, g);
            for (int j = 0; j < 3; j++) theta[j] -= 0.1 * g[j];
        }

        Assert.Equal(theta, path.FinalState.ToArray());
        Assert.Equal(5.0, path.FinalTime, 1e-12);
    }
}
