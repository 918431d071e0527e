using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// A three-component state or derivative held as three values, so that once a formula is inlined its components live in
/// registers: a solver keeps a group's state and stages there instead of passing them through memory at every stage.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
/// <param name="x">Component 0.</param>
/// <param name="y">Component 1.</param>
/// <param name="z">Component 2.</param>
public struct Registers3<T>(T x, T y, T z) : IFieldVector<T> where T : struct, IFieldNumber<T>
{
    /// <summary>Component 0.</summary>
    public T X { get; set; } = x;

    /// <summary>Component 1.</summary>
    public T Y { get; set; } = y;

    /// <summary>Component 2.</summary>
    public T Z { get; set; } = z;

    /// <inheritdoc/>
    /// <remarks>Indices other than 0 and 1 address component 2.</remarks>
    public T this[int index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        readonly get => index == 0 ? X : index == 1 ? Y : Z;
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        set
        {
            if (index == 0) X = value;
            else if (index == 1) Y = value;
            else Z = value;
        }
    }
}
