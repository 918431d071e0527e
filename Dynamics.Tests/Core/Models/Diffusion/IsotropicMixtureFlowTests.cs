using Dynamics.Distributions;
using Dynamics.Fields;
using Dynamics.Models.Diffusion;
using Dynamics.Simd;

namespace Dynamics.Tests.Core.Models.Diffusion;

public class IsotropicMixtureFlowTests
{
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void The_lane_field_is_the_exact_noise_predictor_at_level_s(bool sharedVariance)
    {
        // Unequal standard deviations exercise the per-lane log-determinant; equal ones the path that drops it.
        var data = GaussianMixture.Isotropic([0.2, 0.5, 0.3], [0, 0, 1.5, -0.5, -1, 2], sharedVariance ? [0.3, 0.3, 0.3] : [0.3, 1.2, 0.05]);
        var flow = new IsotropicMixtureFlow(data);
        var marginal = data.CreateMarginal(1, 1);
        foreach (double s in new[] { 0.002, 0.1, 1, 80 })
        {
            const int count = 16;
            var points = new double[2 * count];
            for (int m = 0; m < count; m++)
            {
                points[m] = 3 * Math.Sin(1 + 7 * m) * (1 + s);
                points[count + m] = 3 * Math.Cos(2 + 5 * m) * (1 + s);
            }

            var expected = new double[2 * count];
            marginal.PredictNoise(1, s, points, count, expected);
            var lanes = new double[2 * count];
            // All 16 points in one Lane512Pair group, component-major with stride 16, as the lane ensemble stores them.
            var y = new LaneVector<Lane512Pair>(points, 0, count, 2);
            var dydt = new LaneVector<Lane512Pair>(lanes, 0, count, 2);
            flow.Derivative(default(BroadcastParameters<Lane512Pair>), Lane512Pair.Create(s), y, ref dydt);
            var single = new double[2];
            for (int m = 0; m < count; m++)
            {
                flow.Evaluate(s, [points[m], points[count + m]], single);
                for (int j = 0; j < 2; j++)
                {
                    // Two formulas for the same ε*: the kernel's (log-weights shifted by log w and log-det constants)
                    // and the flow's; a few roundings of terms of size |ε*| + s|y|/(s_k² + s²) apart.
                    double tolerance = 1e-12 * (1 + s * Math.Abs(points[j * count + m]) / (0.05 * 0.05 + s * s));
                    Assert.Equal(expected[j * count + m], lanes[j * count + m], tolerance);
                    Assert.Equal(lanes[j * count + m], single[j]);
                }
            }
        }
    }

    [Fact]
    public void Its_dual_number_Jacobian_matches_central_differences()
    {
        // Unequal variances: the derivative passes through the per-lane log-determinant (DualNumber.Log) and exponentials.
        var flow = new IsotropicMixtureFlow(GaussianMixture.Isotropic([0.2, 0.5, 0.3], [0, 0, 1.5, -0.5, -1, 2], [0.3, 1.2, 0.5]));
        double[] y = [0.4, 0.9];
        const double s = 0.7, h = 1e-6;
        var jacobian = new double[4];
        LaneField.Jacobian(flow, s, y, jacobian);
        for (int j = 0; j < 2; j++)
        {
            var plus = (double[])y.Clone();
            var minus = (double[])y.Clone();
            plus[j] += h;
            minus[j] -= h;
            var fp = new double[2];
            var fm = new double[2];
            flow.Evaluate(s, plus, fp);
            flow.Evaluate(s, minus, fm);
            // Central differences: truncation h²|f'''|/6 ≈ 1e-12, rounding ε|f|/h ≈ 1e-10.
            for (int i = 0; i < 2; i++) Assert.Equal((fp[i] - fm[i]) / (2 * h), jacobian[i * 2 + j], 1e-8);
        }
    }

    [Fact]
    public void A_full_covariance_is_refused_with_the_parameter_named()
    {
        var data = new GaussianMixture([1.0], [0, 0], [1, 0.5, 0.5, 1]);
        var error = Assert.Throws<ArgumentException>(() => new IsotropicMixtureFlow(data));
        Assert.Equal("data", error.ParamName);
    }
}
