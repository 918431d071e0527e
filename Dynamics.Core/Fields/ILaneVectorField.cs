using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// A vector field whose members of type <typeparamref name="TMember"/> can be evaluated several at a time in SIMD lanes,
/// each lane holding a different member with its own parameters and its own time. This is what the per-member adaptive
/// SIMD ensemble needs: lanes advance independently, so neither the time nor the parameters are shared.
/// </summary>
/// <remarks>
/// Layout for a group of W = <c>TLane.Count</c> lanes (structure of arrays): parameter p of lane l at
/// <c>parameters[p * W + l]</c>, component j at <c>y[j * W + l]</c>. The members are static so that a solver generic
/// over the implementing type calls them directly and the JIT inlines them.
/// </remarks>
/// <typeparam name="TMember">The scalar field type of one member, e.g. <c>Lorenz</c>.</typeparam>
public interface ILaneVectorField<TMember> where TMember : IVectorField
{
    /// <summary>The dimension n of one member's state.</summary>
    static abstract int MemberDimension { get; }

    /// <summary>How many numbers describe one member's parameters.</summary>
    static abstract int ParameterCount { get; }

    /// <summary>Writes a member's parameters (for example σ, ρ, β of a Lorenz system).</summary>
    /// <param name="member">The member's field.</param>
    /// <param name="parameters">Receives <see cref="ParameterCount"/> values.</param>
    static abstract void WriteParameters(in TMember member, Span<double> parameters);

    /// <summary>Evaluates f for the W = <c>TLane.Count</c> lanes of one group.</summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="parameters">The lanes' parameters, parameter-major.</param>
    /// <param name="t">The lanes' times.</param>
    /// <param name="y">The lanes' states, component-major.</param>
    /// <param name="dydt">Receives the lanes' derivatives, component-major.</param>
    static abstract void EvaluateLanes<TLane>(ReadOnlySpan<double> parameters, TLane t, ReadOnlySpan<double> y, Span<double> dydt)
        where TLane : struct, ILane<TLane>;
}
