using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Models.Generative;

/// <summary>
/// The Gaussian kernel's exponential 2^{−u} for u ≥ 0, the whole cost of a KDE pair interaction: with the coordinates
/// pre-scaled by √(log₂e/(2h²)) the kernel exp(−‖x_i − x_j‖²/(2h²)) is 2^{−u}, u the scaled squared distance, so the
/// argument needs no multiplication and its reduction is exact: u = m + f with m = round(u), f ∈ [−½, ½], and
/// 2^{−u} = 2^{−m}·2^{−f}. 2^{−f} is the degree-10 polynomial interpolating it at the Chebyshev nodes of [−½, ½]
/// (relative error below 5e-16, i.e. a few ulps as <see cref="LaneMath.ExpOfModerate{TLane}"/>, with 10 fused
/// multiply-adds instead of an argument scaling, a two-part reduction and a degree-12 polynomial), and p(0) = 1 exactly,
/// so a particle's own kernel is exactly 1. u is cut off at 1021, where the kernel (≈ 2^{−1021}) has underflowed
/// relative to any sum that holds the self term, so every 2^{−m} is a normal number and every lane width gives the same
/// bits.
/// </summary>
internal static class GaussianKernelExponential
{
    private const double RoundingShifter = 6755399441055744.0;  // 1.5·2⁵²: adding it rounds to an integer (ties to even)
    private const double CutOff = 1021;

    /// <summary>2^{−u} for u ≥ 0 (u above the cut-off gives 2^{−1021}).</summary>
    /// <typeparam name="TLane">The lane width.</typeparam>
    /// <param name="u">The scaled squared distances, ≥ 0.</param>
    /// <returns>2^{−u}.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLane TwoToMinus<TLane>(TLane u) where TLane : struct, ILane<TLane>
    {
        u = TLane.Min(u, TLane.Create(CutOff));
        var shifter = TLane.Create(RoundingShifter);
        var minusM = shifter - (u + shifter);
        var f = u + minusM;

        // Horner: the pair loop is throughput-bound (its iterations are independent), so the fewest operations win.
        var p = TLane.MultiplyAdd(TLane.Create(7.0725778740586186e-09), f, TLane.Create(-1.0208690408540145e-07));
        p = TLane.MultiplyAdd(p, f, TLane.Create(1.3215442635154408e-06));
        p = TLane.MultiplyAdd(p, f, TLane.Create(-1.5252657259855662e-05));
        p = TLane.MultiplyAdd(p, f, TLane.Create(0.00015403530441641058));
        p = TLane.MultiplyAdd(p, f, TLane.Create(-0.0013333558230164773));
        p = TLane.MultiplyAdd(p, f, TLane.Create(0.009618129107606968));
        p = TLane.MultiplyAdd(p, f, TLane.Create(-0.05550410866444773));
        p = TLane.MultiplyAdd(p, f, TLane.Create(0.24022650695910097));
        p = TLane.MultiplyAdd(p, f, TLane.Create(-0.69314718055995));
        p = TLane.MultiplyAdd(p, f, TLane.Create(1.0));
        return TLane.ScaleB(p, minusM);
    }

    /// <summary>The factor that turns coordinates into the scaled ones: √(log₂e/(2h²)).</summary>
    /// <param name="bandwidth">h &gt; 0.</param>
    /// <returns>s with exp(−r²/(2h²)) = 2^{−(s r)²}.</returns>
    public static double CoordinateScale(double bandwidth) => Math.Sqrt(1.4426950408889634 / 2) / bandwidth;
}
