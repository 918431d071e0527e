using Dynamics.Numerics;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// The categorical family on logits o ∈ ℝᴷ, p = softmax(o), and the Gumbel machinery of kexue.fm/archives/6705:
/// Gumbel-max, y = argmaxₖ(oₖ + gₖ) with gₖ ∼ Gumbel(0, 1) (in law −ln(−ln uₖ); drawn by <see cref="CounterRandom.Gumbel"/>'s
/// ziggurat, without a logarithm), is an exact sample of p (Gumbel 1954; Maddison et al.
/// 2014), and its relaxation ỹ = softmax((o + g)/τ) (Jang, Gu &amp; Poole 2017; Maddison, Mnih &amp; Teh 2017) is
/// differentiable, ∂ỹᵢ/∂oⱼ = ỹᵢ(δᵢⱼ − ỹⱼ)/τ. Sample s reads its K Gumbel numbers at counters s·K … s·K + K − 1.
/// </summary>
public static class Categorical
{
    /// <summary>The Euler–Mascheroni constant γ_E, the mean of Gumbel(0, 1).</summary>
    public const double EulerGamma = 0.57721566490153286061;

    /// <summary>The variance of Gumbel(0, 1): π²/6 ≈ 1.644934.</summary>
    public const double GumbelVariance = Math.PI * Math.PI / 6;

    /// <summary>p = softmax(o), computed as e^{oᵢ − max o}/Σ so that large logits do not overflow.</summary>
    /// <param name="logits">o, finite, length K ≥ 1.</param>
    /// <param name="probabilities">Receives p, length K.</param>
    public static void Softmax(ReadOnlySpan<double> logits, Span<double> probabilities)
    {
        CheckLogits(logits);
        Require.Length(probabilities.Length, logits.Length, nameof(probabilities));
        double max = double.NegativeInfinity;
        foreach (double o in logits) max = Math.Max(max, o);
        double sum = 0;
        for (int k = 0; k < logits.Length; k++) sum += probabilities[k] = Math.Exp(logits[k] - max);
        for (int k = 0; k < logits.Length; k++) probabilities[k] /= sum;
    }

    /// <summary>The logistic density σ′(u) = σ(u)(1 − σ(u)), the law of the difference of two independent Gumbel(0, 1) numbers.</summary>
    /// <param name="u">The argument.</param>
    /// <returns>σ′(u).</returns>
    public static double LogisticDensity(double u)
    {
        double e = Math.Exp(-Math.Abs(u));
        return e / ((1 + e) * (1 + e));
    }

    /// <summary>
    /// The mean Gumbel-softmax gradient ∂/∂o₁ of a linear cost for K = 2, the relaxation's bias as a function of τ in closed
    /// form up to one quadrature: ỹ₁ = σ((Δ + l)/τ) with Δ = o₁ − o₂ and l = g₁ − g₂ ∼ Logistic(0, 1), so
    /// E ∂(c·ỹ)/∂o₁ = (c₁ − c₂) ∫ σ′((Δ + l)/τ)/τ · σ′(l) dl (trapezoid with 4·10⁵ nodes on [−40, 40], whose error is below
    /// 1e-9 for τ ≥ 0.01; the tails beyond ±40 weigh e^{−40}). The exact gradient is (c₁ − c₂)σ′(Δ); τ → 0 recovers it.
    /// </summary>
    /// <param name="logitGap">Δ = o₁ − o₂, finite.</param>
    /// <param name="costGap">c₁ − c₂, finite.</param>
    /// <param name="temperature">τ ≥ 0.01.</param>
    /// <returns>E ∂f(ỹ)/∂o₁.</returns>
    public static double BinaryRelaxedMeanGradient(double logitGap, double costGap, double temperature)
    {
        Require.Finite(logitGap, nameof(logitGap));
        Require.Finite(costGap, nameof(costGap));
        if (!(temperature >= 0.01)) throw new ArgumentOutOfRangeException(nameof(temperature), temperature, $"temperature must be at least 0.01, but was {Require.Format(temperature)}.");
        const int nodes = 400_000;
        const double half = 40;
        double h = 2 * half / nodes, integral = 0;
        for (int i = 0; i <= nodes; i++)
        {
            double l = -half + i * h;
            integral += (i == 0 || i == nodes ? 0.5 : 1) * LogisticDensity((logitGap + l) / temperature) / temperature * LogisticDensity(l);
        }

        return costGap * integral * h;
    }

    /// <summary>log Σₖ e^{oₖ}, the location of max_k(oₖ + gₖ) (which is Gumbel(logsumexp o, 1) distributed).</summary>
    /// <param name="logits">o, finite, length K ≥ 1.</param>
    /// <returns>logsumexp(o).</returns>
    public static double LogSumExp(ReadOnlySpan<double> logits)
    {
        CheckLogits(logits);
        double max = double.NegativeInfinity;
        foreach (double o in logits) max = Math.Max(max, o);
        double sum = 0;
        foreach (double o in logits) sum += Math.Exp(o - max);
        return max + Math.Log(sum);
    }

    /// <summary>The Gumbel-max sample number <paramref name="sample"/>: argmaxₖ(oₖ + gₖ) and the maximum itself.</summary>
    /// <param name="logits">o, finite, length K ≥ 1.</param>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="sample">The sample's index s ≥ 0.</param>
    /// <returns>The category y (distributed as softmax(o)) and max_k(oₖ + gₖ).</returns>
    public static (int Category, double Maximum) GumbelMax(ReadOnlySpan<double> logits, ulong seed, long sample)
    {
        CheckLogits(logits);
        CheckSample(sample);
        return GumbelMaxUnchecked(logits, seed, (ulong)sample);
    }

    /// <summary>
    /// The Gumbel-softmax sample number <paramref name="sample"/>, ỹ = softmax((o + g)/τ): a point inside the simplex, not
    /// a category; it tends to one-hot(argmax(o + g)) as τ → 0 and to (1/K, …, 1/K) as τ → ∞. Returns the Gumbel-max
    /// category of the same numbers (the straight-through forward value).
    /// </summary>
    /// <param name="logits">o, finite, length K ≥ 1.</param>
    /// <param name="temperature">τ &gt; 0.</param>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="sample">The sample's index s ≥ 0.</param>
    /// <param name="relaxed">Receives ỹ, length K.</param>
    /// <returns>argmaxₖ(oₖ + gₖ).</returns>
    public static int GumbelSoftmax(ReadOnlySpan<double> logits, double temperature, ulong seed, long sample, Span<double> relaxed)
    {
        CheckLogits(logits);
        Require.Positive(temperature, nameof(temperature));
        CheckSample(sample);
        Require.Length(relaxed.Length, logits.Length, nameof(relaxed));
        return GumbelSoftmaxUnchecked(logits, temperature, seed, (ulong)sample, relaxed);
    }

    internal static (int Category, double Maximum) GumbelMaxUnchecked(ReadOnlySpan<double> logits, ulong seed, ulong sample)
    {
        int K = logits.Length, best = 0;
        double max = double.NegativeInfinity;
        ulong first = sample * (ulong)K;
        for (int k = 0; k < K; k++)
        {
            double v = logits[k] + CounterRandom.Gumbel(seed, first + (ulong)k);
            if (v > max)
            {
                max = v;
                best = k;
            }
        }

        return (best, max);
    }

    internal static int GumbelSoftmaxUnchecked(ReadOnlySpan<double> logits, double temperature, ulong seed, ulong sample, Span<double> relaxed)
    {
        int K = logits.Length, best = 0;
        double inverse = 1 / temperature, max = double.NegativeInfinity;
        ulong first = sample * (ulong)K;
        for (int k = 0; k < K; k++)
        {
            double v = (logits[k] + CounterRandom.Gumbel(seed, first + (ulong)k)) * inverse;
            relaxed[k] = v;
            if (v > max)
            {
                max = v;
                best = k;
            }
        }

        // Arguments are ≤ 0 and the largest term is 1, so the table exponential's clamp at −708 (e^−708 ≈ 3e-308 for smaller
        // arguments) changes nothing that matters; the vectorised kernel uses the same call, bit for bit.
        double sum = 0;
        for (int k = 0; k < K; k++) sum += relaxed[k] = LaneMath.ExpOfNonPositiveByTable(ScalarLane.Create(relaxed[k] - max)).Value;
        double scale = 1 / sum;
        for (int k = 0; k < K; k++) relaxed[k] *= scale;
        return best;
    }

    internal static void CheckLogits(ReadOnlySpan<double> logits)
    {
        Require.AtLeast(logits.Length, 1, "logits.Length");
        Require.AllFinite(logits, nameof(logits));
    }

    private static void CheckSample(long sample)
    {
        if (sample < 0) throw new ArgumentOutOfRangeException(nameof(sample), sample, $"sample must be ≥ 0, but was {sample}.");
    }
}
