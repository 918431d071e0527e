using Dynamics.Models.Gan;
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
