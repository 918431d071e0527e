using Dynamics.Models.Gan;
using Dynamics.Simd;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Core.Models.Gan;

/// <summary>
/// The Dirac GAN flows are struct lane fields: a parameter sweep with its own μ, λ or c in every SIMD lane gives each
/// member exactly its scalar Evaluate.
/// </summary>
public class GanLaneFormulaTests
{
    private static readonly double[] Times = [0.0, 3.0];

    // Away from φ = 0 and at it (the WGAN direction and the 1-centred push take their conventional value 0 there).
    private static readonly double[][] States = [[0.1, 0.2, 0.2, 0.1], [-0.7, 0.4, 1.3, -0.2], [0.0, 0.0, 0.5, -0.5], [1.1, -0.3, 0.0, 0.0]];

    [Fact]
    public void Sweeps_over_each_variants_parameters_match_the_scalar_flows_lane_by_lane()
    {
        LaneFormulaAssert.LanesMatchScalar<VanillaDiracGan>([new(), new(0.3), new(0.05)], Times, States);
        LaneFormulaAssert.LanesMatchScalar<VanillaDiracGan>([new(0.0, saturating: true), new(0.2, saturating: true)], Times, States);
        LaneFormulaAssert.LanesMatchScalar<WganDiracGan>([new(), new(0.1)], Times, States);
        LaneFormulaAssert.LanesMatchScalar<WganGpDiracGan>([new(), new(0.2, 1.0, 0.05), new(0.5, 0.3)], Times, States);
        LaneFormulaAssert.LanesMatchScalar<GanQpDiracGan>([new(), new(0.5, 0.1), new(2.0)], Times, States);
        LaneFormulaAssert.LanesMatchScalar<GanQpDiracGan>(
            [new(1.0, 0.0, GanQpDenominator.Discriminator), new(0.3, 0.2, GanQpDenominator.Discriminator)], Times, States);
    }

    [Fact]
    public void The_block_variants_compute_their_defining_formulas_to_the_bit()
    {
        // The same double operations in the same order as each variant's definition (sums term by term, no fused
        // multiply-adds), so the field must equal them to the last bit, also at φ = 0 and θ = 0 where the guards act.
        var f = new double[4];
        foreach (double[] y in States)
        {
            double dot = y[2] * y[0] + y[3] * y[1];
            double phiNorm = Math.Sqrt(y[0] * y[0] + y[1] * y[1]), thetaNorm = Math.Sqrt(y[2] * y[2] + y[3] * y[3]);
            foreach (bool saturating in new[] { false, true })
            {
                var vanilla = new VanillaDiracGan(0.3, saturating: saturating);
                double s = FieldFunctions.Sigmoid(ScalarLane.Create(dot)).Value, generator = saturating ? s : 1.0 - s;
                vanilla.Evaluate(0, y, f);
                AssertBlock(y, f, i => -s * y[2 + i] - vanilla.WeightDecay * y[i], i => generator * y[i]);
            }

            var qp = new GanQpDiracGan(0.5, 0.1);
            double quadratic = thetaNorm == 0 ? 0 : dot / (qp.Lambda * thetaNorm);
            qp.Evaluate(0, y, f);
            AssertBlock(y, f, i => -(1.0 + quadratic) * y[2 + i] - qp.WeightDecay * y[i], i => y[i]);

            var gp = new WganGpDiracGan(0.2, 1.0, 0.05);
            double push = phiNorm == 0 ? 0 : 2.0 * gp.Lambda * gp.Center / phiNorm, damping = 2.0 * gp.Lambda + gp.WeightDecay - push;
            gp.Evaluate(0, y, f);
            AssertBlock(y, f, i => -y[2 + i] - damping * y[i], i => y[i]);
        }
    }

    private static void AssertBlock(double[] y, double[] f, Func<int, double> discriminator, Func<int, double> generator)
    {
        for (int i = 0; i < 2; i++)
        {
            Assert.Equal(discriminator(i), f[i]);
            Assert.Equal(generator(i), f[2 + i]);
        }
    }

    [Fact]
    public void A_sweep_is_a_with_expression_on_the_struct()
    {
        var gan = new WganGpDiracGan(0.2, 1.0);
        var swept = gan with { Lambda = 0.4 };
        Assert.Equal(0.4, swept.Lambda);
        Assert.Equal(0.2, gan.Lambda);
        Assert.Contains("λ = 0.4", swept.Parameters);
        Assert.Equal("ArgumentOutOfRangeException", Record.Exception(() => gan with { WeightDecay = -1 })?.GetType().Name);
    }
}
