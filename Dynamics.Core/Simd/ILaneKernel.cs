namespace Dynamics.Simd;

/// <summary>
/// A loop body over members, written once for every lane width: <see cref="Execute{TLane}"/> processes the
/// <c>TLane.Count</c> members starting at the given offset. Implement it as a (ref) struct so that
/// <see cref="Lanes.ForEach{TKernel}"/> specialises and inlines it.
/// </summary>
public interface ILaneKernel
{
    /// <summary>Processes members offset … offset + TLane.Count − 1.</summary>
    /// <typeparam name="TLane">The lane width chosen by the loop.</typeparam>
    /// <param name="offset">The first member.</param>
    void Execute<TLane>(int offset) where TLane : struct, ILane<TLane>;
}
