using Dynamics.Simd;

namespace Dynamics.Fields;

/// <summary>
/// How an <see cref="ILaneField"/>'s formula reads its parameters: a broadcast constant for one trajectory
/// (<see cref="BroadcastParameters{T}"/>), each lane's own value for a SIMD group of members (<see cref="LaneVector{TLane}"/>,
/// <see cref="LaneParameters{TLane}"/>).
/// </summary>
/// <typeparam name="T">The number type.</typeparam>
public interface IFieldParameters<T> where T : struct, IFieldNumber<T>
{
    /// <summary>Parameter <paramref name="index"/> as a number: <paramref name="value"/> itself, or the lanes' own values.</summary>
    /// <param name="index">The parameter's index, 0, 1, 2, … in the order the formula reads them.</param>
    /// <param name="value">The calling instance's value of the parameter.</param>
    /// <returns>The parameter.</returns>
    T Read(int index, double value);
}
