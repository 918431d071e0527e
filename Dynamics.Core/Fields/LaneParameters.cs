using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// Up to four parameters of a group of lanes, loaded into registers once so a register kernel does not reload them
/// from memory at every stage, and handed to an <see cref="ILaneField"/>'s formula as its parameter accessor (three loads per stage were a fifth of the RK4 lockstep kernel's instructions).
/// Unused entries are zero.
/// </summary>
/// <typeparam name="TLane">The lane width.</typeparam>
/// <param name="P0">Parameter 0 of every lane.</param>
/// <param name="P1">Parameter 1.</param>
/// <param name="P2">Parameter 2.</param>
/// <param name="P3">Parameter 3.</param>
public readonly record struct LaneParameters<TLane>(TLane P0, TLane P1, TLane P2, TLane P3) : IFieldParameters<TLane>
    where TLane : struct, ILane<TLane>
{
    /// <inheritdoc/>
    /// <remarks>The lanes' own values of parameter <paramref name="index"/> (0 … 3); <paramref name="value"/> is not used.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLane Read(int index, double value) => index == 0 ? P0 : index == 1 ? P1 : index == 2 ? P2 : P3;
}

/// <summary>Loads <see cref="LaneParameters{TLane}"/>.</summary>
public static class LaneParameters
{
    /// <summary>The most parameters a register kernel's field may have.</summary>
    public const int Capacity = 4;

    /// <summary>Loads the first <paramref name="count"/> parameters from the parameter-major lane layout.</summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="parameters">Parameter p of lane l at [p·W + l], W = <c>TLane.Count</c>.</param>
    /// <param name="count">How many parameters the field has, at most <see cref="Capacity"/>.</param>
    /// <returns>The parameters.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static LaneParameters<TLane> Load<TLane>(ReadOnlySpan<double> parameters, int count)
        where TLane : struct, ILane<TLane>
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        int w = TLane.Count;
        var zero = TLane.Create(0.0);
        return new(count > 0 ? TLane.Load(parameters, 0) : zero, count > 1 ? TLane.Load(parameters, w) : zero,
            count > 2 ? TLane.Load(parameters, 2 * w) : zero, count > 3 ? TLane.Load(parameters, 3 * w) : zero);
    }
}
