using Dynamics.Numerics;
using Dynamics.Simd;

namespace Dynamics.Statistics;

/// <summary>
/// f(‖x − y_j‖²) for one point x against every point y_j of a component-major sample, vectorised across j: the inner loop
/// of the energy distance (f = √·) and of the Gaussian-kernel MMD (f = exp(−r²/(2h²))).
/// </summary>
internal ref struct PairwiseKernel : ILaneKernel
{
    public ReadOnlySpan<double> Others;  // d·count component-major
    public ReadOnlySpan<double> Point;   // d entries
    public int Count;
    public int Dimension;
    public double NegativeHalfInverseBandwidthSquared; // 0 selects the Euclidean distance
    public Span<double> Values;          // count entries

    public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane>
    {
        var r2 = TLane.Create(0);
        for (int j = 0; j < Dimension; j++)
        {
            var diff = TLane.Load(Others, j * Count + offset) - TLane.Create(Point[j]);
            r2 = TLane.MultiplyAdd(diff, diff, r2);
        }

        var value = NegativeHalfInverseBandwidthSquared == 0
            ? TLane.Sqrt(r2)
            : LaneMath.Exp(r2 * TLane.Create(NegativeHalfInverseBandwidthSquared));
        value.Store(Values, offset);
    }
}
