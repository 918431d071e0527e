using Dynamics.Numerics;
using Dynamics.Simd;

namespace Dynamics.Distributions;

/// <summary>
/// The batch evaluation of a Gaussian mixture's log-density, score and score divergence over points stored
/// component-major (x[j·count + m] = coordinate j of point m), vectorised across points. One pass over the components
/// keeps a running log-sum-exp: the running maximum m, the sum S = Σ e^{l_k − m}, the weighted score accumulators
/// a = Σ e^{l_k − m} Σ_k⁻¹(x − μ_k) and the divergence accumulator; when a component raises the maximum the old sums are rescaled,
/// so each component costs one exponential (e^{−|l − m|} serves both cases) and nothing overflows however far a point is.
/// </summary>
internal ref struct MixtureKernel : ILaneKernel
{
    public ReadOnlySpan<double> Points;
    public int Count;
    public int Dimension;
    public int Components;
    public ReadOnlySpan<double> Means;           // K·d, component k's mean at k·d
    public ReadOnlySpan<double> Precisions;      // K·d·d row-major
    public ReadOnlySpan<double> LogConstants;    // log w_k − ½ log det(2πΣ_k)
    public ReadOnlySpan<double> PrecisionTraces; // tr Σ_k⁻¹
    public double ScoreFactor;                   // the score is written times this (−σ: the noise prediction)
    public Span<double> LogDensity;              // count, or empty
    public Span<double> Score;                   // d·count component-major, or empty
    public Span<double> Divergence;              // count, or empty

    public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane>
    {
        int d = Dimension;
        int w = TLane.Count;
        bool wantScore = !Score.IsEmpty || !Divergence.IsEmpty;
        bool wantDivergence = !Divergence.IsEmpty;
        // u_i = (Σ_k⁻¹(x − μ_k))_i at [i·w], accumulators a_i at [(d + i)·w].
        Span<double> scratch = stackalloc double[2 * d * w];
        if (wantScore) scratch[(d * w)..].Clear();

        var zero = TLane.Create(0);
        var one = TLane.Create(1);
        var half = TLane.Create(0.5);
        var max = TLane.Create(double.NegativeInfinity);
        var sum = zero;
        var divergence = zero;
        for (int k = 0; k < Components; k++)
        {
            var quadratic = zero;
            var uu = zero;
            int meanBase = k * d;
            int precisionBase = k * d * d;
            for (int i = 0; i < d; i++)
            {
                var ui = zero;
                int row = precisionBase + i * d;
                for (int j = 0; j < d; j++)
                {
                    var diff = TLane.Load(Points, j * Count + offset) - TLane.Create(Means[meanBase + j]);
                    ui = TLane.MultiplyAdd(TLane.Create(Precisions[row + j]), diff, ui);
                }

                var di = TLane.Load(Points, i * Count + offset) - TLane.Create(Means[meanBase + i]);
                quadratic = TLane.MultiplyAdd(di, ui, quadratic);
                uu = TLane.MultiplyAdd(ui, ui, uu);
                if (wantScore) ui.Store(scratch, i * w);
            }

            var l = TLane.Create(LogConstants[k]) - half * quadratic;
            var raises = TLane.LessThanOrEqual(max, l);
            var e = LaneMath.Exp(-TLane.Abs(l - max));
            var scaleOld = TLane.ConditionalSelect(raises, e, one);
            var scaleNew = TLane.ConditionalSelect(raises, one, e);
            max = TLane.Max(max, l);
            sum = TLane.MultiplyAdd(sum, scaleOld, scaleNew);
            if (wantScore)
            {
                for (int i = 0; i < d; i++)
                {
                    var a = TLane.Load(scratch, (d + i) * w);
                    var u = TLane.Load(scratch, i * w);
                    // The component's score is −u; a accumulates Σ e^{l_k − m} u_k and is negated at the end.
                    TLane.MultiplyAdd(scaleNew, u, a * scaleOld).Store(scratch, (d + i) * w);
                }
            }

            if (wantDivergence)
                divergence = TLane.MultiplyAdd(divergence, scaleOld, scaleNew * (uu - TLane.Create(PrecisionTraces[k])));
        }

        if (!LogDensity.IsEmpty) (max + LaneMath.Log(sum)).Store(LogDensity, offset);
        if (!wantScore) return;
        var inverse = -one / sum;
        var squared = zero;
        for (int i = 0; i < d; i++)
        {
            var s = TLane.Load(scratch, (d + i) * w) * inverse;
            squared = TLane.MultiplyAdd(s, s, squared);
            if (!Score.IsEmpty) (s * TLane.Create(ScoreFactor)).Store(Score, i * Count + offset);
        }

        // tr ∇² log p = Σ γ_k (‖s_k‖² − tr Σ_k⁻¹) − ‖Σ γ_k s_k‖².
        if (wantDivergence) (-(divergence * inverse) - squared).Store(Divergence, offset);
    }
}
