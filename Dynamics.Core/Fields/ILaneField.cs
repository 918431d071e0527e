using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// A vector field whose formula is written once, as <see cref="Derivative"/>, generic over the number type. Every way of
/// evaluating it comes from that one method: the scalar <see cref="IVectorField.Evaluate"/> (through
/// <see cref="LaneField.Evaluate{TField}"/>), batches of members sharing the parameters
/// (<see cref="LaneBatchField{TField}"/>), SIMD lanes that each hold a different member with its own parameters (the
/// lane and lockstep ensembles) and exact Jacobians by forward-mode automatic differentiation
/// (<see cref="LaneField.Jacobian{TField}"/>, on <see cref="DualNumber"/>).
/// </summary>
/// <remarks>
/// <para>The formula reads every parameter through <c>parameters.Read(index, value)</c>, where <c>value</c> is this
/// instance's own parameter (e.g. <c>parameters.Read(0, Sigma)</c>) and the indices are 0, 1, 2, … For one trajectory the
/// accessor returns the constant <c>T.Create(value)</c> (no memory, no cost); for lanes it returns the lanes' own values
/// of parameter <c>index</c>, which the solvers collected from each member by calling the formula once with an
/// accessor that records the values. So a member differs from another only through what it reads with <c>Read</c>, and
/// the formula must read every parameter unconditionally, at most <see cref="LaneField.MaxParameters"/> of them.</para>
/// <para>Implement it on a struct (a <c>readonly record struct</c>), mark <see cref="Derivative"/>
/// <c>[MethodImpl(MethodImplOptions.AggressiveInlining)]</c> and implement <see cref="IVectorField.Evaluate"/> as
/// <c>LaneField.Evaluate(this, t, y, dydt)</c>: solvers generic over the field type then inline the formula into their
/// SIMD loops. The formula must only read the state <c>y</c>.</para>
/// </remarks>
public interface ILaneField : IVectorField
{
    /// <summary>Writes f(t, y) into <paramref name="dydt"/>, component by component: <c>dydt[j] = …</c>.</summary>
    /// <typeparam name="T">The number type: one double, a SIMD lane of doubles or a dual number.</typeparam>
    /// <typeparam name="TParameters">The parameter accessor.</typeparam>
    /// <typeparam name="TVector">The state and derivative accessor. It is a struct (every accessor is): for a receiver of an
    /// unconstrained type parameter the C# compiler guards each <c>dydt[j] = …</c> with a run-time "is it a class?" test
    /// that keeps <c>dydt</c>'s address on the evaluation stack across a branch; the JIT spills that address to a temporary,
    /// so a derivative held in locals (<see cref="Registers3{T}"/>) became address-exposed and went through memory at
    /// every stage. With the <c>struct</c> constraint there is no such test and it stays in registers.</typeparam>
    /// <param name="parameters">Gives parameter i as a <typeparamref name="T"/>: <c>parameters.Read(i, ownValue)</c>.</param>
    /// <param name="t">The time.</param>
    /// <param name="y">The state, component j at <c>y[j]</c>; read only.</param>
    /// <param name="dydt">Receives the derivative, component j at <c>dydt[j]</c>.</param>
    void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct;
}
