using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// A three-component field's one formula on a group of lanes held in registers, for the register kernels (lockstep RK4,
/// per-lane DP5): the state and derivative are <see cref="Registers3{T}"/> values, which the JIT promotes to registers
/// once the formula is inlined, so a stage never makes a round trip through memory.
/// </summary>
internal static class Registers3Formula
{
    /// <summary>Whether a field runs in the register kernels: three components and at most <see cref="LaneParameters.Capacity"/> parameters.</summary>
    /// <param name="dimension">The field's dimension.</param>
    /// <param name="parameterCount">How many parameters its formula reads.</param>
    /// <returns>Whether it does.</returns>
    public static bool Fits(int dimension, int parameterCount) => dimension == 3 && parameterCount <= LaneParameters.Capacity;

    /// <summary>(dx, dv, dz) = f(t, (x, v, z)) on every lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Evaluate<TField, TLane>(in TField f, in LaneParameters<TLane> p, TLane t, TLane x, TLane v, TLane z,
        out TLane dx, out TLane dv, out TLane dz)
        where TField : struct, ILaneField where TLane : struct, ILane<TLane>
    {
        var state = new Registers3<TLane>(x, v, z);
        var derivative = default(Registers3<TLane>);
        f.Derivative(in p, t, in state, ref derivative);
        (dx, dv, dz) = (derivative.X, derivative.Y, derivative.Z);
    }
}
