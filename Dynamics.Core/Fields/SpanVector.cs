using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>A state or derivative held in a span, component j at <c>values[j]</c> (bounds-checked): one trajectory's, or dual numbers'.</summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="values">The components.</param>
public readonly ref struct SpanVector<T>(Span<T> values) : IFieldVector<T> where T : struct, IFieldNumber<T>
{
    private readonly Span<T> _values = values;

    /// <inheritdoc/>
    public T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => _values[index];
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set => _values[index] = value;
    }
}
