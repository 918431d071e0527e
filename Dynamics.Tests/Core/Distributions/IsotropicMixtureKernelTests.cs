using Dynamics.Distributions;
using Dynamics.Numerics;
using Dynamics.Simd;

namespace Dynamics.Tests.Core.Distributions;

/// <summary>
/// The isotropic batch kernel (every lane width, coordinates taken in pairs with a remainder) against its documented
/// three passes written out one point at a time in plain doubles, with the same fused multiply-adds in the same order:
/// equal bit for bit in every dimension from 1 to 5, so the vectorised rewrite changed no digit of any sampler.
/// </summary>
public class IsotropicMixtureKernelTests
{
    private static GaussianMixture Mixture(int d, int components)
    {
        var weights = new double[components];
        var means = new double[components * d];
        var deviations = new double[components];
        for (int k = 0; k < components; k++)
        {
            weights[k] = (k + 1.0) / (components * (components + 1) / 2.0);
            deviations[k] = 0.05 + 0.3 * k;
            for (int i = 0; i < d; i++) means[k * d + i] = 2 * Math.Cos(k + 1.7 * i);
        }

        return GaussianMixture.Isotropic(weights, means, deviations);
    }

    // The kernel's arithmetic for one point: l_k = fma(−½p_k, ‖x − aμ_k‖², c_k) with c_k = (log w_k − ½d log 2π) −
    // ½d log v_k, m = max l_k, e_k = e^{l_k − m}, S = Σe_k, a_i = Σ fma(e_k p_k, x_i − aμ_{k,i}, ·), score −a/S, the
    // divergence −(Σ e_k(p_k²‖x − aμ_k‖² − d·p_k))/S − ‖score‖², log p = m + log S.
    private static (double Log, double[] Score, double Divergence) Reference(GaussianMixture mixture, double scale, double sigma, double[] x)
    {
        int d = mixture.Dimension, components = mixture.ComponentCount;
        var l = new double[components];
        var squared = new double[components];
        var precision = new double[components];
        double max = double.NegativeInfinity;
        for (int k = 0; k < components; k++)
        {
            double variance = scale * scale * mixture.Covariance(k)[0] + sigma * sigma;
            precision[k] = 1 / variance;
            double constant = Math.Log(mixture.Weights[k]) - 0.5 * d * Math.Log(2 * Math.PI) - 0.5 * d * Math.Log(variance);
            for (int i = 0; i < d; i++)
            {
                double difference = x[i] - scale * mixture.Mean(k)[i];
                squared[k] = Math.FusedMultiplyAdd(difference, difference, squared[k]);
            }

            l[k] = Math.FusedMultiplyAdd(-0.5 * precision[k], squared[k], constant);
            max = Math.Max(max, l[k]);
        }

        double sum = 0, divergence = 0;
        var weight = new double[components];
        for (int k = 0; k < components; k++)
        {
            double e = LaneMath.ExpOfModerate(l[k] - max);
            double p = precision[k];
            sum += e;
            weight[k] = e * p;
            divergence = Math.FusedMultiplyAdd(e, Math.FusedMultiplyAdd(p * p, squared[k], -d * p), divergence);
        }

        double inverse = -1 / sum, factor = inverse * 1, norm = 0;
        var score = new double[d];
        for (int i = 0; i < d; i++)
        {
            double a = 0;
            for (int k = 0; k < components; k++) a = Math.FusedMultiplyAdd(weight[k], x[i] - scale * mixture.Mean(k)[i], a);
            score[i] = a * factor;
            double s = a * inverse;
            norm = Math.FusedMultiplyAdd(s, s, norm);
        }

        return (max + LaneMath.Log(sum), score, -(divergence * inverse) - norm);
    }

    [Theory]
    [InlineData(1, 8)]
    [InlineData(2, 8)]
    [InlineData(3, 3)]
    [InlineData(4, 5)]
    [InlineData(5, 8)]
    public void Batch_kernel_equals_its_three_pass_formula_bit_for_bit_in_every_dimension(int d, int components)
    {
        var mixture = Mixture(d, components);
        const int count = 8 + 4 + 3;  // one AVX-512 group, one AVX2 group, three single points
        var points = new double[d * count];
        for (int i = 0; i < points.Length; i++) points[i] = 2.5 * CounterRandom.Normal(11, (ulong)i, 0) + (i % 7 == 0 ? 40 : 0);
        foreach (var (scale, sigma) in new[] { (1.0, 0.3), (0.6, 0.01), (1.0, 0.0), (0.2, 5.0) })
        {
            var marginal = mixture.CreateMarginal(scale, sigma);
            var log = new double[count];
            var score = new double[d * count];
            var divergence = new double[count];
            marginal.Evaluate(points, count, log, score, divergence);
            var scoreOnly = new double[d * count];
            marginal.Evaluate(points, count, default, scoreOnly, default);
            for (int m = 0; m < count; m++)
            {
                var x = new double[d];
                for (int i = 0; i < d; i++) x[i] = points[i * count + m];
                var expected = Reference(mixture, scale, sigma, x);
                Assert.Equal(expected.Log, log[m]);
                Assert.Equal(expected.Divergence, divergence[m]);
                for (int i = 0; i < d; i++)
                {
                    Assert.Equal(expected.Score[i], score[i * count + m]);
                    Assert.Equal(expected.Score[i], scoreOnly[i * count + m]);
                }
            }
        }
    }

    [Fact]
    public void Exp_of_non_positive_equals_the_moderate_exponential_below_zero()
    {
        for (int i = 0; i <= 4000; i++)
        {
            double x = -i * 0.1879 - (i % 3) * 1e-17;
            Assert.Equal(LaneMath.ExpOfModerate(x), LaneMath.ExpOfNonPositive(ScalarLane.Create(x)).Value);
        }

        Assert.Equal(LaneMath.ExpOfModerate(-1e300), LaneMath.ExpOfNonPositive(ScalarLane.Create(double.NegativeInfinity)).Value);
        Assert.True(double.IsNaN(LaneMath.ExpOfNonPositive(ScalarLane.Create(double.NaN)).Value));
    }
}
