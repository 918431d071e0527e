using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// A parameter accessor that shifts every index by an offset: a field built on a part with its own formula (a flow on a
/// loss) reads its own parameters at 0 … k − 1 and hands the part this accessor with offset k, so the part's indices
/// 0, 1, … land at k, k + 1, … and every parameter of both is still one lane parameter.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
/// <typeparam name="TParameters">The accessor wrapped.</typeparam>
public readonly ref struct OffsetParameters<T, TParameters> : IFieldParameters<T>
    where T : struct, IFieldNumber<T>
    where TParameters : IFieldParameters<T>, allows ref struct
{
    private readonly TParameters _inner;
    private readonly int _offset;

    /// <summary>Wraps <paramref name="inner"/>, shifting indices by <paramref name="offset"/>.</summary>
    /// <param name="inner">The accessor.</param>
    /// <param name="offset">The shift, ≥ 0.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public OffsetParameters(TParameters inner, int offset)
    {
        _inner = inner;
        _offset = offset;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Read(int index, double value) => _inner.Read(_offset + index, value);
}
