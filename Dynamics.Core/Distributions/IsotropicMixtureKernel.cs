using System.Runtime.CompilerServices;
using Dynamics.Numerics;
using Dynamics.Simd;

namespace Dynamics.Distributions;

/// <summary>
/// The batch evaluation of <see cref="MixtureKernel"/> for a mixture whose components are all isotropic,
/// N(μ_k, I/p_k): the precision is one number per component, so a component's log-weight is
/// l_k = c_k − ½p_k‖x − μ_k‖² and its score −p_k(x − μ_k). Three passes over the components per group of points keep
/// every accumulator in a register: the log-weights and their maximum m; then e_k = e^{l_k − m} (one exponential per
/// point and component, its argument ≤ 0, so nothing overflows however far a point is) with S = Σe_k; then, two
/// coordinates at a time, a_i = Σ e_k p_k(x_i − μ_{k,i}), so the score is −a/S. Differences x − μ are formed before they
/// are squared or weighted, so no digits cancel near a sharp component.
/// </summary>
internal ref struct IsotropicMixtureKernel : ILaneKernel
{
    public ReadOnlySpan<double> Points;
    public int Count;
    public int Dimension;
    public int Components;
    public ReadOnlySpan<double> Means;             // K·d, component k's mean at k·d
    public ReadOnlySpan<double> MeansByCoordinate; // d·K, the same numbers with coordinate i of every mean at i·K
    public ReadOnlySpan<double> Precisions;        // p_k, K entries
    public ReadOnlySpan<double> LogConstants;      // log w_k + ½d log(p_k/2π)
    public Span<double> Work;                      // 2·K·(widest lane, 8): log-weights, then e_k p_k, at [k·w]; squared distances at [(K + k)·w]
    public double ScoreFactor;                     // the score is written times this (−σ: the noise prediction)
    public Span<double> LogDensity;                // count, or empty
    public Span<double> Score;                     // d·count component-major, or empty
    public Span<double> Divergence;                // count, or empty

    public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane>
    {
        // The spans are read into locals once: read through the fields inside the loops, every access reloads the span
        // (the stores to Work might alias them), and the slices below let the JIT drop the bounds checks.
        ReadOnlySpan<double> points = Points, means = Means, logConstants = LogConstants[..Components], precisions = Precisions[..Components];
        Span<double> work = Work;
        // Converted once: done inside the (cold) divergence branch, the conversion stayed a call, and every accumulator
        // of the exponential pass was spilled around it.
        ReadOnlySpan<double> stored = work;
        int d = Dimension;
        int count = Count;
        int components = precisions.Length;
        int w = TLane.Count;
        bool wantDivergence = !Divergence.IsEmpty;
        var max = TLane.Create(double.NegativeInfinity);
        for (int k = 0; k < components; k++)
        {
            var mean = means.Slice(k * d, d);
            var squared = TLane.Create(0);
            // Two coordinates per trip (half the loop overhead at d = 2), summed in coordinate order as one at a time.
            int i = 0;
            for (; i + 1 < mean.Length; i += 2)
            {
                var difference0 = TLane.Load(points, i * count + offset) - TLane.Create(mean[i]);
                var difference1 = TLane.Load(points, (i + 1) * count + offset) - TLane.Create(mean[i + 1]);
                squared = TLane.MultiplyAdd(difference1, difference1, TLane.MultiplyAdd(difference0, difference0, squared));
            }

            if (i < mean.Length)
            {
                var difference = TLane.Load(points, i * count + offset) - TLane.Create(mean[i]);
                squared = TLane.MultiplyAdd(difference, difference, squared);
            }

            var l = TLane.MultiplyAdd(TLane.Create(-0.5 * precisions[k]), squared, TLane.Create(logConstants[k]));
            l.Store(work, k * w);
            if (wantDivergence) squared.Store(work, (components + k) * w);
            max = TLane.Max(max, l);
        }

        var sum = TLane.Create(0);
        var divergence = TLane.Create(0);
        for (int k = 0; k < components; k++)
        {
            // l − m ∈ [−∞, 0]: the exponential's clamp at −708 leaves a weight of 1e-308 against S ≥ 1.
            var e = LaneMath.ExpOfNonPositive(TLane.Load(stored, k * w) - max);
            double p = precisions[k];
            sum += e;
            (e * TLane.Create(p)).Store(work, k * w);
            // ‖Σ_k⁻¹(x − μ_k)‖² − tr Σ_k⁻¹ = p_k²‖x − μ_k‖² − d·p_k.
            if (wantDivergence)
                divergence = TLane.MultiplyAdd(e, TLane.MultiplyAdd(TLane.Create(p * p), TLane.Load(stored, (components + k) * w), TLane.Create(-d * p)), divergence);
        }

        if (!LogDensity.IsEmpty) (max + LaneMath.Log(sum)).Store(LogDensity, offset);
        if (Score.IsEmpty && !wantDivergence) return;
        var inverse = TLane.Create(-1) / sum;
        var factor = inverse * TLane.Create(ScoreFactor);
        var norm = TLane.Create(0);
        Span<double> score = Score;
        ReadOnlySpan<double> meansByCoordinate = MeansByCoordinate;
        // Two coordinates per pass over the components (each weight loaded once for both); each sum runs over k in the
        // same order as for one coordinate alone.
        int i0 = 0;
        for (; i0 + 1 < d; i0 += 2)
        {
            var x0 = TLane.Load(points, i0 * count + offset);
            var x1 = TLane.Load(points, (i0 + 1) * count + offset);
            var mean0 = meansByCoordinate.Slice(i0 * components, components);
            var mean1 = meansByCoordinate.Slice((i0 + 1) * components, components);
            var a0 = TLane.Create(0);
            var a1 = TLane.Create(0);
            for (int k = 0; k < mean0.Length; k++)
            {
                var weight = TLane.Load(stored, k * w);
                a0 = TLane.MultiplyAdd(weight, x0 - TLane.Create(mean0[k]), a0);
                a1 = TLane.MultiplyAdd(weight, x1 - TLane.Create(mean1[k]), a1);
            }

            norm = Accumulate(a0, i0, offset, factor, inverse, norm, score, count);
            norm = Accumulate(a1, i0 + 1, offset, factor, inverse, norm, score, count);
        }

        if (i0 < d)
        {
            var x = TLane.Load(points, i0 * count + offset);
            var mean = meansByCoordinate.Slice(i0 * components, components);
            var a = TLane.Create(0);
            for (int k = 0; k < mean.Length; k++) a = TLane.MultiplyAdd(TLane.Load(stored, k * w), x - TLane.Create(mean[k]), a);
            norm = Accumulate(a, i0, offset, factor, inverse, norm, score, count);
        }

        // tr ∇² log p = Σ γ_k (‖s_k‖² − tr Σ_k⁻¹) − ‖Σ γ_k s_k‖².
        if (wantDivergence) (-(divergence * inverse) - norm).Store(Divergence, offset);
    }

    // Coordinate i's a_i = Σ e_k p_k(x_i − μ_{k,i}): stores the (scaled) score, returns ‖s‖² so far.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static TLane Accumulate<TLane>(TLane a, int i, int offset, TLane factor, TLane inverse, TLane norm, Span<double> score, int count)
        where TLane : struct, ILane<TLane>
    {
        if (!score.IsEmpty) (a * factor).Store(score, i * count + offset);
        var s = a * inverse;
        return TLane.MultiplyAdd(s, s, norm);
    }
}
