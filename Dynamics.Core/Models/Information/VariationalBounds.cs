using System.Runtime.InteropServices;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// Sample estimates of the variational objectives of mutual information (Poole et al., "On variational bounds of mutual
/// information", ICML 2019; kexue.fm/archives/6024), with P the joint (positive pairs) and Q the product of marginals
/// (negative pairs) of a <see cref="CriticSample"/>:
/// JS objective E_P log σ(T) + E_Q log(1 − σ(T)) = 2 JS − ln 4 at the optimum (not a bound on I; JS ≤ ln 2: docs/corrections.md, E4);
/// Donsker–Varadhan (MINE) E_P T − ln E_Q e^T; NWJ E_P f − e^{−1} E_Q e^f, evaluated at f = 1 + T so that a critic that
/// estimates ln(dP/dQ) is tight; InfoNCE with batches of K, which never exceeds ln K.
/// </summary>
public static class VariationalBounds
{
    /// <summary>The JS critic objective E_P log σ(T) + E_Q log(1 − σ(T)) ∈ [−∞, 0]; −ln 4 when P = Q or T = 0.</summary>
    /// <param name="critic">T.</param>
    /// <param name="sample">The pairs.</param>
    /// <returns>The objective.</returns>
    public static double JensenShannonObjective(QuadraticCritic critic, CriticSample sample) =>
        Estimate(CriticObjective.JensenShannon, critic, sample, 0);

    /// <summary>The JS divergence read off the critic objective: (objective + ln 4)/2, within [0, ln 2] at the optimum.</summary>
    /// <param name="objective">The JS critic objective.</param>
    /// <returns>The JS estimate.</returns>
    public static double JensenShannonFromObjective(double objective) => (objective + Math.Log(4)) / 2;

    /// <summary>Donsker–Varadhan (MINE): E_P T − ln E_Q e^T ≤ I; tight at T = ln(dP/dQ) + c.</summary>
    /// <param name="critic">T.</param>
    /// <param name="sample">The pairs.</param>
    /// <returns>The bound's estimate.</returns>
    public static double DonskerVaradhan(QuadraticCritic critic, CriticSample sample) =>
        Estimate(CriticObjective.DonskerVaradhan, critic, sample, 0);

    /// <summary>NWJ with f = 1 + T: E_P(1 + T) − E_Q e^T ≤ I; tight at T = ln(dP/dQ).</summary>
    /// <param name="critic">T.</param>
    /// <param name="sample">The pairs.</param>
    /// <returns>The bound's estimate.</returns>
    public static double NguyenWainwrightJordan(QuadraticCritic critic, CriticSample sample) =>
        Estimate(CriticObjective.NguyenWainwrightJordan, critic, sample, 0);

    /// <summary>
    /// InfoNCE over consecutive batches of K pairs: the mean over rows i of T(xᵢ, zᵢ) − ln((1/K) Σⱼ e^{T(xᵢ, zⱼ)}), j over
    /// the row's batch; at most ln K whatever the critic. A trailing partial batch is dropped.
    /// </summary>
    /// <param name="critic">T.</param>
    /// <param name="sample">The pairs.</param>
    /// <param name="batch">K ∈ [2, N].</param>
    /// <returns>The bound's estimate.</returns>
    public static double InfoNce(QuadraticCritic critic, CriticSample sample, int batch) =>
        Estimate(CriticObjective.InfoNce, critic, sample, batch);

    /// <summary>The sample estimate of <paramref name="objective"/> (the quantity a critic trained on it maximises).</summary>
    /// <param name="objective">Which objective.</param>
    /// <param name="critic">T.</param>
    /// <param name="sample">The pairs.</param>
    /// <param name="batch">K for InfoNCE (∈ [2, N]); ignored otherwise.</param>
    /// <returns>The objective's estimate.</returns>
    public static double Value(CriticObjective objective, QuadraticCritic critic, CriticSample sample, int batch = 0) =>
        Estimate(objective, critic, sample, batch);

    /// <summary>
    /// The gradient of the sample objective with respect to the critic's six coefficients w (T = w·φ), the ascent
    /// direction of critic training: JS Σ_P (1 − σ(T))φ/N − Σ_Q σ(T)φ/(NS); DV mean_P φ − Σ_Q softmax(T)φ;
    /// NWJ mean_P φ − mean_Q e^T φ; InfoNCE the row mean of φᵢᵢ − Σⱼ softmaxⱼ(Tᵢⱼ) φᵢⱼ within each batch. The same
    /// formulas, written once over the number type, give <see cref="CriticLoss"/>'s lane and dual-number gradients.
    /// </summary>
    /// <param name="objective">Which objective.</param>
    /// <param name="coefficients">w, length 6.</param>
    /// <param name="sample">The pairs.</param>
    /// <param name="batch">K for InfoNCE (∈ [2, N]); ignored otherwise.</param>
    /// <param name="gradient">Receives ∂objective/∂w, length 6.</param>
    public static void Gradient(CriticObjective objective, ReadOnlySpan<double> coefficients, CriticSample sample, int batch, Span<double> gradient)
    {
        ArgumentNullException.ThrowIfNull(sample);
        Require.Length(coefficients.Length, QuadraticCritic.ParameterCount, nameof(coefficients));
        Require.Length(gradient.Length, QuadraticCritic.ParameterCount, nameof(gradient));
        var w = LossGradient.ScalarView(coefficients);
        var result = new SpanVector<ScalarLane>(MemoryMarshal.Cast<double, ScalarLane>(gradient));
        CriticGradient.Evaluate<ScalarLane, SpanVector<ScalarLane>>(objective, in w, sample, batch, ref result);
    }

    internal static double Dot(ReadOnlySpan<double> w, ReadOnlySpan<double> features)
    {
        double t = 0;
        for (int k = 0; k < w.Length; k++) t += w[k] * features[k];
        return t;
    }

    // The objective's one formula (CriticValue) on doubles.
    private static double Estimate(CriticObjective objective, QuadraticCritic critic, CriticSample sample, int batch)
    {
        ArgumentNullException.ThrowIfNull(critic);
        ArgumentNullException.ThrowIfNull(sample);
        var w = LossGradient.ScalarView(critic.Coefficients());
        return CriticValue.Evaluate<ScalarLane, SpanVector<ScalarLane>>(objective, in w, sample, batch).Value;
    }

    internal static void CheckBatch(CriticSample sample, int batch)
    {
        Require.AtLeast(batch, 2, nameof(batch));
        if (batch > sample.Count) throw new ArgumentOutOfRangeException(nameof(batch), batch, $"batch must be at most the sample's {sample.Count} pairs, but was {batch}.");
    }
}
