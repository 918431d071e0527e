using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// A three-component <see cref="ILaneVectorField{TMember}"/> whose kernel also takes and returns the components as
/// values, so a solver can keep a group's state and stages in registers instead of memory. Solvers use it for the
/// fixed-step lockstep kernels, where a pass through memory per stage costs several times the arithmetic.
/// </summary>
/// <typeparam name="TMember">The scalar field type of one member, e.g. <c>Lorenz</c>.</typeparam>
public interface ILaneVectorField3<TMember> : ILaneVectorField<TMember> where TMember : IVectorField
{
    /// <summary>Evaluates f for one group of lanes held in registers.</summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="parameters">The lanes' parameters, already in registers (a register field has at most <see cref="LaneParameters.Capacity"/>).</param>
    /// <param name="t">The lanes' times.</param>
    /// <param name="y0">Component 0 of the lanes' states.</param>
    /// <param name="y1">Component 1.</param>
    /// <param name="y2">Component 2.</param>
    /// <param name="dy0">Receives component 0 of the derivatives.</param>
    /// <param name="dy1">Receives component 1.</param>
    /// <param name="dy2">Receives component 2.</param>
    static abstract void EvaluateLanes<TLane>(in LaneParameters<TLane> parameters, TLane t, TLane y0, TLane y1, TLane y2, out TLane dy0, out TLane dy1, out TLane dy2)
        where TLane : struct, ILane<TLane>;
}
