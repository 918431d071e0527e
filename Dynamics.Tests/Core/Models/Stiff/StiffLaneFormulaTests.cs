using Dynamics.Models.Stiff;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Core.Models.Stiff;

/// <summary>
/// The stiff test problems write their formula once: lanes equal the scalar Evaluate to the bit, and the Jacobian the
/// stiff solvers get (automatic differentiation of that formula) equals central differences.
/// </summary>
public class StiffLaneFormulaTests
{
    private static readonly double[] Times = [0.0, 1.5];

    [Fact]
    public void Robertson_lanes_with_their_own_rates_match_the_scalar_model()
    {
        LaneFormulaAssert.LanesMatchScalar<Robertson>([new(), new(0.1, 1e6, 3e3)], Times, [[1.0, 0.0, 0.0], [0.7, 3e-5, 0.3], [2e-8, 8e-14, 1.0]]);
        LaneFormulaAssert.JacobianMatchesDifferences(new Robertson(), 0, [0.7, 3e-5, 0.3], 1e-7);
    }

    [Fact]
    public void Scaled_van_der_Pol_lanes_with_their_own_epsilon_match_the_scalar_model()
    {
        LaneFormulaAssert.LanesMatchScalar<ScaledVanDerPol>([new(), new(1e-3), ScaledVanDerPol.FromMu(5)], Times, [[2.0, 0.0], [1.7, -0.89], [-0.3, 1.2]]);
        LaneFormulaAssert.JacobianMatchesDifferences(new ScaledVanDerPol(1e-3), 0, [1.7, -0.89], 1e-7);
    }

    [Fact]
    public void Oregonator_Hires_and_Pollution_lanes_match_the_scalar_models()
    {
        LaneFormulaAssert.LanesMatchScalar<Oregonator>([new()], Times, [[.. Oregonator.InitialState], [.. Oregonator.ReferenceAt360]]);
        LaneFormulaAssert.LanesMatchScalar<Hires>([new()], Times, [[.. Hires.InitialState], [.. Hires.ReferenceAtEnd]]);
        LaneFormulaAssert.LanesMatchScalar<Pollution>([new()], Times, [[.. Pollution.InitialState], [.. Pollution.ReferenceAt60]]);
    }

    [Fact]
    public void Automatic_Jacobians_of_the_chemistry_problems_match_central_differences()
    {
        // Every right-hand side is at most bilinear in y, so central differences have no truncation error; what remains
        // is round-off ~ε·|f|/h, well below 1e-7 of the largest entry (up to 4.4·10¹¹ in POLLU).
        LaneFormulaAssert.JacobianMatchesDifferences(new Oregonator(), 0, [.. Oregonator.ReferenceAt360], 1e-7);
        LaneFormulaAssert.JacobianMatchesDifferences(new Hires(), 0, [.. Hires.ReferenceAtEnd], 1e-7);
        LaneFormulaAssert.JacobianMatchesDifferences(new Pollution(), 0, [.. Pollution.ReferenceAt60], 1e-7);
    }

    [Fact]
    public void Ill_conditioned_flow_has_its_diagonal_Jacobian_exactly()
    {
        var flow = new IllConditionedQuadraticFlow(4, 1e4);
        double[] y = [0.3, -1.0, 2.0, 0.5];
        var jacobian = new double[16];
        flow.Jacobian(0, y, jacobian);
        // A linear field: the dual numbers carry −λᵢ through one multiplication, exactly.
        for (int i = 0; i < 4; i++)
            for (int j = 0; j < 4; j++)
                Assert.Equal(i == j ? -flow.Curvatures[i] : 0.0, jacobian[i * 4 + j]);
        LaneFormulaAssert.LanesMatchScalar([flow], Times, [y]);
    }
}
