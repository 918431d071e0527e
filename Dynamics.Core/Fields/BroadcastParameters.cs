using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// Every parameter is the calling field's own value, as a constant: what one trajectory (or a batch whose members share
/// the parameters) passes to an <see cref="ILaneField"/>'s formula. It holds nothing, so it costs nothing.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public readonly struct BroadcastParameters<T> : IFieldParameters<T> where T : struct, IFieldNumber<T>
{
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Read(int index, double value) => T.Create(value);
}
