using Dynamics.Models.Classical;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Core.Models.Classical;

/// <summary>The solar-furnace mirror's fields write their formula once: lanes equal the scalar field to the bit, and the
/// automatic Jacobian equals central differences.</summary>
public class ReflectorLaneTests
{
    private static readonly double[][] States = [[1.0, 2.0], [-0.3, 0.5], [2.5, -1.5], [0.2, -0.05]];

    [Fact]
    public void Reflector_lanes_match_the_scalar_fields_in_every_parameterisation()
    {
        foreach (var parameterisation in Enum.GetValues<ReflectorParameterisation>())
            LaneFormulaAssert.LanesMatchScalar<ReflectorCurve>([new(parameterisation)], [0.0, 1.5], States);
        // The profile's time is x: lanes at different x check that the formula reads each lane's own time.
        LaneFormulaAssert.LanesMatchScalar<ReflectorProfile>([new()], [1.0, -0.3, 2.5, 0.4, 0.0], [[2.0], [0.5], [-1.5]]);
    }

    [Fact]
    public void Reflector_Jacobians_match_central_differences()
    {
        // Entries O(1) away from the vertex: central differences good to ~1e-9 (see LaneFormulaAssert).
        foreach (var parameterisation in Enum.GetValues<ReflectorParameterisation>())
            LaneFormulaAssert.JacobianMatchesDifferences(new ReflectorCurve(parameterisation), 0, [1.0, 2.0], 1e-7);
        LaneFormulaAssert.JacobianMatchesDifferences(new ReflectorProfile(), 1.0, [2.0], 1e-7);
    }
}
