using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Solvers.StepSize;

/// <summary>
/// Step-size control as a digital filter on the error history (Söderlind 2003, "Digital filters in adaptive
/// time-stepping", ACM TOMS 29(1)). After an accepted step with normalised errors eₙ, eₙ₋₁, eₙ₋₂ (1 = exactly at
/// tolerance), the next step is scaled by safety · eₙ^{−β₁/k} · eₙ₋₁^{−β₂/k} · eₙ₋₂^{−β₃/k}, limited to
/// [<see cref="MinFactor"/>, <see cref="MaxFactor"/>], with k = (order of the error estimate) + 1. A rejected step
/// is always shrunk by the elementary rule safety · eₙ^{−1/k}, and the step after a rejection is not allowed to grow.
/// The controller is immutable; its memory lives in each integrator.
/// </summary>
/// <param name="Beta1">The weight of the current error (1 for pure integral control).</param>
/// <param name="Beta2">The weight of the previous error.</param>
/// <param name="Beta3">The weight of the error before that.</param>
public sealed record StepSizeController(double Beta1, double Beta2 = 0, double Beta3 = 0)
{
    /// <summary>Integral (I) control, the classical h ← h·(1/e)^{1/k} (Hairer, Nørsett &amp; Wanner I, II.4).</summary>
    public static StepSizeController I { get; } = new(1.0);

    /// <summary>
    /// Proportional–integral control β = (0.85, −0.2), the default: Hairer's DOPRI5 stabilisation (β = 0.04 in his
    /// notation, eₙ^{−0.17}·eₙ₋₁^{0.04} for k = 5). It keeps the step near the tolerance, so it does the work of integral
    /// control (11,342 against 10,940 RHS evaluations for DP5 on Lorenz at 1e-8) with a tenth of its rejections.
    /// </summary>
    public static StepSizeController PI { get; } = new(0.85, -0.2);

    /// <summary>
    /// Söderlind's smoother PI.4.2 filter β = (0.7, −0.4): the smoothest step sequence, almost no rejections, and a
    /// step that stays further below the tolerance (13,634 RHS evaluations for DP5 on Lorenz at 1e-8, at lower error).
    /// </summary>
    public static StepSizeController SmoothPI { get; } = new(0.7, -0.4);

    /// <summary>PID control β = (0.49, −0.34, 0.10), Söderlind's H312-type filter tuned for non-stiff problems.</summary>
    public static StepSizeController PID { get; } = new(0.49, -0.34, 0.10);

    /// <summary>The safety factor applied to every proposal, in (0, 1]; 0.9 by default.</summary>
    public double Safety { get; init; } = 0.9;

    /// <summary>The smallest allowed scaling of the step, in (0, 1); 0.2 by default.</summary>
    public double MinFactor { get; init; } = 0.2;

    /// <summary>The largest allowed scaling of the step, &gt; 1; 10 by default.</summary>
    public double MaxFactor { get; init; } = 10.0;

    /// <summary>The scaling of the next step after an accepted one.</summary>
    /// <param name="error">The current normalised error eₙ ≤ 1.</param>
    /// <param name="previousError">eₙ₋₁ (1 when there is no history).</param>
    /// <param name="errorBeforeThat">eₙ₋₂ (1 when there is no history).</param>
    /// <param name="k">The order of the error estimate plus one.</param>
    /// <returns>The factor, within the limits.</returns>
    public double AcceptedFactor(double error, double previousError, double errorBeforeThat, int k) =>
        AcceptedFactorFromLogs(LogOf(error), LogOf(previousError), LogOf(errorBeforeThat), k);

    /// <summary>
    /// <see cref="AcceptedFactor"/> from the logarithms of the errors: safety · exp(−(β₁/k) ln eₙ − (β₂/k) ln eₙ₋₁ − (β₃/k) ln eₙ₋₂).
    /// An integrator keeps the logarithms of past errors, so each step costs one logarithm and one exponential
    /// instead of a power per weight; the ensemble lanes use the same form.
    /// </summary>
    /// <param name="logError">ln eₙ (floored, see <see cref="LogOf"/>).</param>
    /// <param name="logPreviousError">ln eₙ₋₁.</param>
    /// <param name="logErrorBeforeThat">ln eₙ₋₂.</param>
    /// <param name="k">The order of the error estimate plus one.</param>
    /// <returns>The factor, within the limits.</returns>
    public double AcceptedFactorFromLogs(double logError, double logPreviousError, double logErrorBeforeThat, int k)
    {
        // The weights −β/k do not depend on the errors, so only a multiply and two adds lie between ln eₙ and the
        // exponential on the step's critical path; the ensemble lanes evaluate the same expression in the same order.
        double exponent = -Beta1 / k * logError + -Beta2 / k * logPreviousError + -Beta3 / k * logErrorBeforeThat;
        double factor = Safety * LaneMath.ExpOfModerate(exponent);
        return Math.Clamp(double.IsNaN(factor) ? MaxFactor : factor, MinFactor, MaxFactor);
    }

    /// <summary>
    /// ln e with e floored at 1e-300, so an exact step (e = 0) asks for the largest growth instead of −∞. Computed as
    /// the SIMD lanes compute it (<see cref="LaneMath"/>), so the ensemble lanes reproduce an integrator's steps exactly.
    /// </summary>
    /// <param name="error">A normalised error.</param>
    /// <returns>ln max(e, 1e-300).</returns>
    public static double LogOf(double error) => LaneMath.LogOfNormal(Math.Max(error, 1e-300));

    /// <summary>The scaling of a rejected step, safety · e^{−1/k}, at least <see cref="MinFactor"/>.</summary>
    /// <param name="error">The normalised error e &gt; 1, or a non-finite value.</param>
    /// <param name="k">The order of the error estimate plus one.</param>
    /// <returns>The factor (&lt; 1).</returns>
    public double RejectedFactor(double error, int k) =>
        double.IsFinite(error) ? RejectedFactorFromLog(LogOf(error), k) : MinFactor;

    /// <summary>
    /// <see cref="RejectedFactor"/> from ln e: safety · exp(−(1/k) ln e), within [<see cref="MinFactor"/>, safety]
    /// (the form the ensemble lanes use, so both shrink a rejected step identically).
    /// </summary>
    /// <param name="logError">ln e of a finite error e &gt; 1.</param>
    /// <param name="k">The order of the error estimate plus one.</param>
    /// <returns>The factor (&lt; 1).</returns>
    public double RejectedFactorFromLog(double logError, int k) =>
        Math.Clamp(Safety * LaneMath.ExpOfModerate(-1.0 / k * logError), MinFactor, Safety);

    /// <summary>Checks that the limits make sense; called when an integrator is created.</summary>
    public void Validate()
    {
        Require.Finite(Beta1, nameof(Beta1));
        Require.Finite(Beta2, nameof(Beta2));
        Require.Finite(Beta3, nameof(Beta3));
        if (!(Safety > 0 && Safety <= 1))
            throw new ArgumentOutOfRangeException(nameof(Safety), Safety, $"Safety must lie in (0, 1], but was {Require.Format(Safety)}.");
        if (!(MinFactor > 0 && MinFactor < 1))
            throw new ArgumentOutOfRangeException(nameof(MinFactor), MinFactor, $"MinFactor must lie in (0, 1), but was {Require.Format(MinFactor)}.");
        if (!(MaxFactor > 1) || !double.IsFinite(MaxFactor))
            throw new ArgumentOutOfRangeException(nameof(MaxFactor), MaxFactor, $"MaxFactor must be a finite number > 1, but was {Require.Format(MaxFactor)}.");
    }
}
