using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Solvers.StepSize;

/// <summary>
/// The controller's memory per lane, updated by <see cref="StepControl{TLane}.Adapt"/>: ln of the last two accepted
/// errors (0, i.e. e = 1, when there is no history yet) and masks of whether the last attempt was rejected and whether
/// its error was non-finite. The default value is a fresh start. A per-lane workspace keeps it in a buffer
/// (<see cref="Load"/>, <see cref="Store"/>, <see cref="Reset"/>) so single lanes can start afresh.
/// </summary>
/// <typeparam name="TLane">The lane type.</typeparam>
internal struct StepHistory<TLane> where TLane : struct, ILane<TLane>
{
    /// <summary>The number of doubles per lane in a stored history.</summary>
    public const int Length = 4;

    /// <summary>ln eₙ₋₁, floored at ln 1e-4.</summary>
    public TLane LogPrevious;

    /// <summary>ln eₙ₋₂, floored at ln 1e-4.</summary>
    public TLane LogBefore;

    /// <summary>Set where the last attempt was rejected (the next accepted step may then not grow).</summary>
    public TLane LastRejected;

    /// <summary>Set where the last attempt's error was non-finite (a step-size failure then says so).</summary>
    public TLane LastNonFinite;

    /// <summary>Loads a history stored by <see cref="Store"/>.</summary>
    /// <param name="source">The buffer: <see cref="Length"/> × <c>TLane.Count</c> doubles.</param>
    /// <returns>The history.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static StepHistory<TLane> Load(ReadOnlySpan<double> source)
    {
        int w = TLane.Count;
        return new StepHistory<TLane>
        {
            LogPrevious = TLane.Load(source, 0),
            LogBefore = TLane.Load(source, w),
            LastRejected = TLane.Load(source, 2 * w),
            LastNonFinite = TLane.Load(source, 3 * w),
        };
    }

    /// <summary>Stores the history.</summary>
    /// <param name="destination">The buffer: <see cref="Length"/> × <c>TLane.Count</c> doubles.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly void Store(Span<double> destination)
    {
        int w = TLane.Count;
        LogPrevious.Store(destination, 0);
        LogBefore.Store(destination, w);
        LastRejected.Store(destination, 2 * w);
        LastNonFinite.Store(destination, 3 * w);
    }

    /// <summary>Starts one lane of a stored history afresh.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="lane">The lane.</param>
    public static void Reset(Span<double> buffer, int lane)
    {
        for (int i = 0; i < Length; i++) buffer[i * TLane.Count + lane] = 0;
    }

    /// <summary>Whether one lane of a stored history's last error was non-finite.</summary>
    /// <param name="buffer">The buffer.</param>
    /// <param name="lane">The lane.</param>
    /// <returns>Whether it was.</returns>
    public static bool LastWasNonFinite(ReadOnlySpan<double> buffer, int lane) => BitConverter.DoubleToInt64Bits(buffer[3 * TLane.Count + lane]) != 0;
}
