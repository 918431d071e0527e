using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// Gives a formula evaluated on <see cref="Dual{T}"/>s the parameters of the enclosing formula as constants (zero
/// derivative): the derivative is taken with respect to the state, never the parameters.
/// </summary>
/// <typeparam name="T">The enclosing formula's number type.</typeparam>
/// <typeparam name="TParameters">The enclosing formula's parameter accessor.</typeparam>
public readonly ref struct DualParameters<T, TParameters> : IFieldParameters<Dual<T>>
    where T : struct, IFieldNumber<T>
    where TParameters : IFieldParameters<T>, allows ref struct
{
    private readonly TParameters _inner;

    /// <summary>Wraps <paramref name="inner"/>.</summary>
    /// <param name="inner">The enclosing formula's accessor.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public DualParameters(TParameters inner) => _inner = inner;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Dual<T> Read(int index, double value) => new(_inner.Read(index, value), T.Create(0.0));
}
