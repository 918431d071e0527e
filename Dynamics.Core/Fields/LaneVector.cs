using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// Components (or parameters) of a group of <c>TLane.Count</c> members stored component-major in doubles: component j
/// of the group's lane l at <c>data[offset + j·stride + l]</c>. A batch of <c>count</c> members uses stride
/// <c>count</c> (<c>y[j·count + m]</c>); a lane workspace uses stride <c>TLane.Count</c>. The constructor checks that
/// the span holds every component; the indexer then loads and stores without bounds checks, as <see cref="ILane{TSelf}.Load"/> does.
/// </summary>
/// <typeparam name="TLane">The lane type.</typeparam>
public readonly ref struct LaneVector<TLane> : IFieldVector<TLane>, IFieldParameters<TLane> where TLane : struct, ILane<TLane>
{
    private readonly Span<double> _data;
    private readonly int _offset, _stride;

    /// <summary>A view of <paramref name="components"/> components starting at <paramref name="offset"/>, <paramref name="stride"/> apart.</summary>
    /// <param name="data">The doubles; only read when the view is a state or parameters.</param>
    /// <param name="offset">The index of lane 0 of component 0.</param>
    /// <param name="stride">The distance between consecutive components, at least <c>TLane.Count</c>.</param>
    /// <param name="components">How many components the formula may touch (the field's dimension, or its parameter count).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public LaneVector(ReadOnlySpan<double> data, int offset, int stride, int components)
    {
        if (offset < 0 || stride < TLane.Count || components < 0 || (components > 0 && (long)offset + (long)(components - 1) * stride + TLane.Count > data.Length))
            ThrowOutside(data.Length, offset, stride, components);
        _data = MemoryMarshal.CreateSpan(ref MemoryMarshal.GetReference(data), data.Length);
        _offset = offset;
        _stride = stride;
    }

    /// <inheritdoc/>
    public TLane this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => TLane.Load(_data, _offset + index * _stride);
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set => value.Store(_data, _offset + index * _stride);
    }

    /// <inheritdoc/>
    /// <remarks>The lanes' own values of parameter <paramref name="index"/>; <paramref name="value"/> is not used.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLane Read(int index, double value) => this[index];

    // Out of line, so the constructor stays small enough to inline into the solvers' loops.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void ThrowOutside(int length, int offset, int stride, int components) =>
        throw new ArgumentException(
            $"The span of length {length} does not hold {components} components of {TLane.Count} lanes at offset {offset} and stride {stride}.", "data");
}
