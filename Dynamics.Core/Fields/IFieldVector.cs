using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// A state or derivative as an <see cref="ILaneField"/>'s formula sees it: component j is <c>this[j]</c>, wherever it
/// lives (a span of doubles, a lane-strided buffer, registers). The indices are constants in a formula, so after
/// inlining each access is one load, one store or no instruction at all.
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public interface IFieldVector<T> where T : struct, IFieldNumber<T>
{
    /// <summary>Component <paramref name="index"/>.</summary>
    /// <param name="index">The component, 0 … n − 1.</param>
    T this[int index] { get; set; }
}
