using Dynamics.Numerics;
using Dynamics.Simd;

namespace Dynamics.Distributions;

/// <summary>
/// The batch evaluation of <see cref="MixtureKernel"/> for a mixture whose components are all isotropic,
/// N(μ_k, I/p_k): the precision is one number per component, so a component's log-weight is
/// l_k = c_k − ½p_k‖x − μ_k‖² and its score −p_k(x − μ_k). Three passes over the components per group of points keep
/// every accumulator in a register: the log-weights and their maximum m; then e_k = e^{l_k − m} (one exponential per
/// point and component, its argument ≤ 0, so nothing overflows however far a point is) with S = Σe_k; then, one
/// coordinate at a time, a_i = Σ e_k p_k(x_i − μ_{k,i}), so the score is −a/S. Differences x − μ are formed before they
/// are squared or weighted, so no digits cancel near a sharp component.
/// </summary>
internal ref struct IsotropicMixtureKernel : ILaneKernel
{
    public ReadOnlySpan<double> Points;
    public int Count;
    public int Dimension;
    public int Components;
    public ReadOnlySpan<double> Means;           // K·d, component k's mean at k·d
    public ReadOnlySpan<double> Precisions;      // p_k, K entries
    public ReadOnlySpan<double> LogConstants;    // log w_k + ½d log(p_k/2π)
    public Span<double> Work;                    // 2·K·(widest lane, 8): log-weights, then e_k p_k, at [k·w]; squared distances at [(K + k)·w]
    public double ScoreFactor;                   // the score is written times this (−σ: the noise prediction)
    public Span<double> LogDensity;              // count, or empty
    public Span<double> Score;                   // d·count component-major, or empty
    public Span<double> Divergence;              // count, or empty

    public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane>
    {
        int d = Dimension;
        int components = Components;
        int w = TLane.Count;
        bool wantDivergence = !Divergence.IsEmpty;
        var max = TLane.Create(double.NegativeInfinity);
        for (int k = 0; k < components; k++)
        {
            var squared = TLane.Create(0);
            for (int i = 0; i < d; i++)
            {
                var difference = TLane.Load(Points, i * Count + offset) - TLane.Create(Means[k * d + i]);
                squared = TLane.MultiplyAdd(difference, difference, squared);
            }

            var l = TLane.MultiplyAdd(TLane.Create(-0.5 * Precisions[k]), squared, TLane.Create(LogConstants[k]));
            l.Store(Work, k * w);
            if (wantDivergence) squared.Store(Work, (components + k) * w);
            max = TLane.Max(max, l);
        }

        var sum = TLane.Create(0);
        var divergence = TLane.Create(0);
        for (int k = 0; k < components; k++)
        {
            // l − m ∈ [−∞, 0]: the moderate exponential's clamp at −708 leaves a weight of 1e-308 against S ≥ 1.
            var e = LaneMath.ExpOfModerate(TLane.Load(Work, k * w) - max);
            double p = Precisions[k];
            sum += e;
            (e * TLane.Create(p)).Store(Work, k * w);
            // ‖Σ_k⁻¹(x − μ_k)‖² − tr Σ_k⁻¹ = p_k²‖x − μ_k‖² − d·p_k.
            if (wantDivergence)
                divergence = TLane.MultiplyAdd(e, TLane.MultiplyAdd(TLane.Create(p * p), TLane.Load(Work, (components + k) * w), TLane.Create(-d * p)), divergence);
        }

        if (!LogDensity.IsEmpty) (max + LaneMath.Log(sum)).Store(LogDensity, offset);
        if (Score.IsEmpty && !wantDivergence) return;
        var inverse = TLane.Create(-1) / sum;
        var factor = inverse * TLane.Create(ScoreFactor);
        var norm = TLane.Create(0);
        for (int i = 0; i < d; i++)
        {
            var x = TLane.Load(Points, i * Count + offset);
            var a = TLane.Create(0);
            for (int k = 0; k < components; k++)
                a = TLane.MultiplyAdd(TLane.Load(Work, k * w), x - TLane.Create(Means[k * d + i]), a);
            if (!Score.IsEmpty) (a * factor).Store(Score, i * Count + offset);
            var s = a * inverse;
            norm = TLane.MultiplyAdd(s, s, norm);
        }

        // tr ∇² log p = Σ γ_k (‖s_k‖² − tr Σ_k⁻¹) − ‖Σ γ_k s_k‖².
        if (wantDivergence) (-(divergence * inverse) - norm).Store(Divergence, offset);
    }
}
