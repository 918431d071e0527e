using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Numerics;
using Dynamics.Simd;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Core.Models.Optimization.Flows;

/// <summary>
/// The Adam, modified-equation, Langevin, heavy-ball and Nesterov flows write their formula once: each member in its own SIMD lane equals its
/// scalar Evaluate to the bit, the automatic Jacobian equals central differences, and the formula still computes what
/// the former double-only code did.
/// </summary>
public class FlowLaneFormulaTests
{
    private static readonly double[][] States = [[-0.8, 1.2, 0.3, -0.2, 0.5, 0.7], [0.4, -0.3, -1.1, 0.6, 2.0, 0.1], [1.5, 0.2, 0.0, 0.0, 0.0, 0.0]];

    // Lanes at t = 0 (the corrected moments' limits) beside lanes at t > 0 check that the start is chosen lane by lane.
    private static readonly double[] Times = [0.0, 0.37, 2.5, 0.0, 1e-9, 0.37, 11.0, 0.05];

    [Fact]
    public void Adam_flow_lanes_with_their_own_rates_match_the_scalar_flow()
    {
        var loss = new RosenbrockLoss(1.0, 5.0);
        AdamFlow<RosenbrockLoss>[] members =
        [
            new(loss, new Adam(0.01)),
            new(new RosenbrockLoss(0.5, 3.0), new Adam(0.02, beta1: 0.8, beta2: 0.99, epsilon: 1e-6)),
            new(loss, new Adam(0.004), biasCorrection: false),
        ];
        LaneFormulaAssert.LanesMatchScalar(members, Times, States);
    }

    [Fact]
    public void Modified_and_Langevin_flow_lanes_match_the_scalar_flows()
    {
        double[][] states = [.. States.Select(s => s[..2])];
        LaneFormulaAssert.LanesMatchScalar<ModifiedGradientFlow<RosenbrockLoss>>(
            [new(new RosenbrockLoss(1.0, 5.0), 0.01), new(new RosenbrockLoss(0.5, 20.0), 0.003)], Times, states);
        LaneFormulaAssert.LanesMatchScalar<LangevinDynamics<RosenbrockLoss>>(
            [new(new RosenbrockLoss(1.0, 5.0), 0.3), new(new RosenbrockLoss(2.0, 1.0), 0.0)], Times, states);
    }

    [Fact]
    public void Friction_flows_compute_their_defining_formula_to_the_bit()
    {
        var loss = new RosenbrockLoss(1.0, 5.0);
        double[] y = [0.4, -0.3, 0.7, -1.1];
        var g = new double[2];
        loss.Gradient(y.AsSpan(0, 2), g);
        var heavyBall = new HeavyBallFlow<RosenbrockLoss>(loss, 0.7);
        var nesterov = new NesterovFlow<RosenbrockLoss>(loss, 3.5);
        var f = new double[4];
        // The same double operations in the same order as the definitions: equal to the last bit, at t = 0 (Nesterov's
        // limit −∇L/(1 + r)) and at t > 0.
        foreach (double t in new[] { 0.0, 0.37, 11.0 })
        {
            heavyBall.Evaluate(t, y, f);
            for (int i = 0; i < 2; i++)
            {
                Assert.Equal(y[2 + i], f[i]);
                Assert.Equal(-heavyBall.Friction * y[2 + i] - g[i], f[2 + i]);
            }

            nesterov.Evaluate(t, y, f);
            for (int i = 0; i < 2; i++)
            {
                Assert.Equal(y[2 + i], f[i]);
                Assert.Equal(t == 0 ? -(1.0 / (1.0 + nesterov.R)) * g[i] : -(nesterov.R / t) * y[2 + i] - g[i], f[2 + i]);
            }
        }

        LaneFormulaAssert.LanesMatchScalar<HeavyBallFlow<RosenbrockLoss>>([heavyBall, new(new RosenbrockLoss(0.5, 3.0), 0.0)], Times, [.. States.Select(s => s[..4])]);
        LaneFormulaAssert.LanesMatchScalar<NesterovFlow<RosenbrockLoss>>([nesterov, new(new RosenbrockLoss(0.5, 3.0))], Times, [.. States.Select(s => s[..4])]);
    }

    [Fact]
    public void Automatic_Jacobians_of_the_moved_flows_match_central_differences()
    {
        var loss = new RosenbrockLoss(1.0, 5.0);
        // Central differences are good to ~1e-9 relative on these O(1–100) entries (see LaneFormulaAssert).
        LaneFormulaAssert.JacobianMatchesDifferences(new AdamFlow<RosenbrockLoss>(loss, new Adam(0.01)), 0.37, States[0], 1e-7);
        LaneFormulaAssert.JacobianMatchesDifferences(new ModifiedGradientFlow<RosenbrockLoss>(loss, 0.01), 0, States[1][..2], 1e-7);
        LaneFormulaAssert.JacobianMatchesDifferences(new LangevinDynamics<RosenbrockLoss>(loss, 0.3), 0, States[0][..2], 1e-7);
    }

    [Fact]
    public void Adam_flow_computes_the_bias_corrected_moments_of_its_definition()
    {
        var loss = new RosenbrockLoss(1.0, 5.0);
        var adam = new Adam(0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-8);
        var flow = new AdamFlow<RosenbrockLoss>(loss, adam);
        double[] y = States[0];
        var g = new double[2];
        loss.Gradient(y.AsSpan(0, 2), g);
        foreach (double t in new[] { 1e-7, 0.01, 0.37, 40.0 })
        {
            var f = new double[6];
            flow.Evaluate(t, y, f);
            double a = flow.FirstMomentRate, b = flow.SecondMomentRate;
            double c1 = -AccurateMath.ExpM1(-a * t), c2 = -AccurateMath.ExpM1(-b * t);
            for (int i = 0; i < 2; i++)
            {
                double mHat = y[2 + i] / c1, vHat = y[4 + i] / c2;
                // The lane exponential and logarithm are within an ulp or two of Math's: a few ulps of the result, also
                // at t = 1e-7 where 1 − e^{−bt} ≈ 1e-8 would lose half the digits without the ExpM1 correction.
                Assert.Equal(-mHat / (Math.Sqrt(vHat) + adam.Epsilon), f[i], 1e-13 * Math.Abs(f[i]));
                Assert.Equal(a * (g[i] - y[2 + i]), f[2 + i], 1e-15 * Math.Abs(f[2 + i]));
                Assert.Equal(b * (g[i] * g[i] - y[4 + i]), f[4 + i], 1e-15 * Math.Abs(f[4 + i]));
            }
        }
    }

    [Fact]
    public void Modified_flow_follows_the_Hessian_vector_product()
    {
        var loss = new RosenbrockLoss(1.0, 5.0);
        var flow = new ModifiedGradientFlow<RosenbrockLoss>(loss, 0.02);
        double[] theta = [0.4, -0.3];
        var g = new double[2];
        var hg = new double[2];
        loss.Gradient(theta, g);
        LossGradient.HessianTimes(loss, theta, g, hg);
        var f = new double[2];
        flow.Evaluate(0, theta, f);
        // The same dual-number arithmetic on ScalarLane as on DualNumber: equal to round-off.
        for (int i = 0; i < 2; i++) Assert.Equal(-(g[i] + 0.01 * hg[i]), f[i], 1e-14 * Math.Max(1, Math.Abs(f[i])));
    }

    [Fact]
    public void Lane_ExpM1_matches_the_accurate_double_one()
    {
        foreach (double x in new[] { 0.0, -0.0, 1e-300, -1e-12, 3e-9, -0.105, 0.5, -2.0, 20.0, -40.0, 700.0, -800.0, 710.0 })
        {
            double expected = AccurateMath.ExpM1(x), actual = LaneMath.ExpM1(x);
            // Both are Kahan's formula; the lane eˣ and ln x are faithful, so they agree to a few ulps, and exactly at the limits.
            Assert.True(actual == expected || Math.Abs(actual - expected) <= 4e-16 * Math.Abs(expected), $"ExpM1({x:R}) = {actual:R}, expected {expected:R}");
        }

        Assert.True(double.IsNaN(LaneMath.ExpM1(double.NaN)));
        Assert.Equal(double.PositiveInfinity, LaneMath.ExpM1(double.PositiveInfinity));
        Assert.Equal(-1.0, LaneMath.ExpM1(double.NegativeInfinity));
    }
}
