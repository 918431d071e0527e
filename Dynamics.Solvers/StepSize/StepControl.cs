using System.Runtime.CompilerServices;
using Dynamics.Numerics;
using Dynamics.Simd;

namespace Dynamics.Solvers.StepSize;

/// <summary>
/// The one step-control core of every adaptive path, lane-wise: one trajectory (<see cref="ScalarLane"/>), per-lane SIMD
/// ensembles (each lane its own step) and lockstep batches (one lane: the batch's shared step). It owns the step to
/// attempt (the maximum step, Hairer's last-step rule, the minimum step), the RMS error norm and the controller law of
/// <see cref="StepSizeController"/> with its history (<see cref="StepHistory{TLane}"/>: the last two errors, floored at
/// 1e-4 as in Hairer's DOPRI5, and no growth right after a rejection). Hairer's initial step is
/// <see cref="InitialStepSize"/>. Every operation is the same at every width, so a lane reproduces a lone trajectory
/// bit for bit.
/// </summary>
/// <typeparam name="TLane">The lane type.</typeparam>
internal readonly struct StepControl<TLane> where TLane : struct, ILane<TLane>
{
    private const double Epsilon = 2.220446049250313e-16;

    // ln 1e-4: the floor of the remembered error, so one tiny error cannot dominate the history (Hairer's DOPRI5).
    private static readonly double LogErrorFloor = LaneMath.LogOfNormal(1e-4);

    // The controller's weights −βᵢ/k and −1/k (those of ln eₙ halved: see Adapt), the factor limits and the step limits,
    // broadcast once.
    private readonly TLane _halfBeta1, _beta2, _beta3, _halfRejectedExponent, _safety, _minFactor, _maxFactor, _maxFactorAfterRejection;
    private readonly TLane _maxStep, _minStep;

    /// <summary>Broadcasts a controller's constants for a method whose error estimate has order k − 1.</summary>
    /// <param name="controller">The controller.</param>
    /// <param name="errorExponent">k, the order of the error estimate plus one.</param>
    /// <param name="maxStep">The largest |h| (∞ for none).</param>
    /// <param name="minStep">The smallest |h| below which a step that does not end the solve fails (0 for only the round-off floor).</param>
    public StepControl(StepSizeController controller, int errorExponent, double maxStep = double.PositiveInfinity, double minStep = 0)
    {
        // The weights −β/k do not depend on the errors, so only a multiply and two adds lie between ln eₙ and the
        // exponential on the step's critical path.
        _halfBeta1 = TLane.Create(0.5 * (-controller.Beta1 / errorExponent));
        _beta2 = TLane.Create(-controller.Beta2 / errorExponent);
        _beta3 = TLane.Create(-controller.Beta3 / errorExponent);
        _halfRejectedExponent = TLane.Create(0.5 * (-1.0 / errorExponent));
        _safety = TLane.Create(controller.Safety);
        _minFactor = TLane.Create(controller.MinFactor);
        _maxFactor = TLane.Create(controller.MaxFactor);
        _maxFactorAfterRejection = TLane.Create(Math.Min(controller.MaxFactor, 1.0));
        _maxStep = TLane.Create(maxStep);
        _minStep = TLane.Create(minStep);
    }

    /// <summary>
    /// The signed step to attempt from <paramref name="t"/>: the proposal limited to the maximum step, stretched to the
    /// end when the end lies within 1.01 proposals (so no sliver of a step is left; Hairer), and whether a step that
    /// does not end the solve has fallen below max(minimum step, 16 ulp(t)) (a failure: step-size underflow).
    /// </summary>
    /// <param name="t">The current time.</param>
    /// <param name="proposal">The proposed step (its sign is ignored).</param>
    /// <param name="endTime">The final time.</param>
    /// <param name="direction">+1 forwards, −1 backwards.</param>
    /// <param name="landsOnEnd">The mask of lanes whose step ends the solve (take the end time exactly, not t + h).</param>
    /// <param name="tooSmall">Bit l set when lane l's step is below the minimum.</param>
    /// <returns>The step.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLane NextStep(TLane t, TLane proposal, TLane endTime, TLane direction, out TLane landsOnEnd, out uint tooSmall)
    {
        var zero = TLane.Create(0.0);
        var h = direction * TLane.Min(TLane.Abs(proposal), _maxStep);
        landsOnEnd = TLane.LessThanOrEqual(zero, direction * (t + TLane.Create(1.01) * h - endTime));
        h = Select(landsOnEnd, endTime - t, h);
        var minStep = TLane.Max(_minStep, TLane.Create(16 * Epsilon) * TLane.Abs(t));
        tooSmall = ~TLane.MaskBits(landsOnEnd) & ~TLane.MaskBits(TLane.LessThanOrEqual(minStep, TLane.Abs(h))) & (uint.MaxValue >> (32 - TLane.Count));
        return h;
    }

    /// <summary>
    /// Decides the attempted step from its squared error e² (accepted when e² ≤ 1 and the lane is active) and returns
    /// the factor for the next step, updating the history: after an acceptance
    /// safety·eₙ^{−β₁/k}·eₙ₋₁^{−β₂/k}·eₙ₋₂^{−β₃/k} within [MinFactor, MaxFactor] (at most 1 right after a rejection),
    /// after a rejection safety·eₙ^{−1/k} within [MinFactor, safety], and MinFactor for a non-finite error. Each power is
    /// exp(β ln e) with ln e = ½ ln e², so no square root lies on the critical path.
    /// </summary>
    /// <param name="errorSquared">e² (NaN for a non-finite proposal).</param>
    /// <param name="active">The mask of lanes whose attempt counts.</param>
    /// <param name="history">The lanes' error history, updated.</param>
    /// <param name="accepted">The mask of accepted lanes.</param>
    /// <returns>The factor by which to scale the attempted step for the next attempt.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public TLane Adapt(TLane errorSquared, TLane active, ref StepHistory<TLane> history, out TLane accepted)
    {
        var zero = TLane.Create(0.0);
        var allTrue = TLane.LessThanOrEqual(zero, zero);
        var accept = TLane.BothTrue(TLane.LessThanOrEqual(errorSquared, TLane.Create(1.0)), active);
        var finite = TLane.IsFinite(errorSquared);
        // ln e² with e² floored at 1e-300, so an exact step (e = 0) asks for the largest growth instead of −∞.
        var logErrorSquared = LaneMath.LogOfNormal(TLane.Max(errorSquared, TLane.Create(1e-300)));
        var logError = TLane.Create(0.5) * logErrorSquared;
        var logPrevious = history.LogPrevious;
        var logBefore = history.LogBefore;
        // β·(½ ln e²) = (½β)·ln e² bit for bit (halving is exact for these normal numbers, so both products round the
        // same real number), and the halved weight keeps the multiply by ½ off the step's critical path.
        var exponent = Select(accept,
            _halfBeta1 * logErrorSquared + _beta2 * logPrevious + _beta3 * logBefore,
            _halfRejectedExponent * logErrorSquared);
        var upper = Select(accept, Select(history.LastRejected, _maxFactorAfterRejection, _maxFactor), _safety);
        var factor = TLane.Min(TLane.Max(_safety * LaneMath.ExpOfModerate(exponent), _minFactor), upper);

        history.LogPrevious = Select(accept, TLane.Max(logError, TLane.Create(LogErrorFloor)), logPrevious);
        history.LogBefore = Select(accept, logPrevious, logBefore);
        history.LastRejected = Select(accept, zero, allTrue);
        history.LastNonFinite = Select(finite, zero, allTrue);
        accepted = accept;
        return Select(finite, factor, _minFactor);
    }

    /// <summary>
    /// mask ? a : b for the controller's masks (accepted, finite, lands on the end, last rejected, zero error). For one
    /// trajectory they keep their value for many steps in a row, so a predicted branch is cheaper than the scalar lane's
    /// bitwise blend, which waits for the comparison; lanes blend. Both give the same bits for a mask (all bits set or zero).
    /// </summary>
    /// <param name="mask">The mask.</param>
    /// <param name="whenTrue">Taken where the mask is set.</param>
    /// <param name="whenFalse">Taken elsewhere.</param>
    /// <returns>The selection.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLane Select(TLane mask, TLane whenTrue, TLane whenFalse) =>
        TLane.Count == 1 ? (TLane.MaskBits(mask) != 0 ? whenTrue : whenFalse) : TLane.ConditionalSelect(mask, whenTrue, whenFalse);

    /// <summary>
    /// The squared RMS norm of an error estimate, Σⱼ (eⱼ/sⱼ)²/n with sⱼ = atolⱼ + rtolⱼ·max(|y₀ⱼ|, |y₁ⱼ|) (Hairer,
    /// Nørsett &amp; Wanner I, eq. II.4.11), lane-wise; component j of the lanes starts at <c>offset + j·stride</c>. An
    /// exactly zero error counts 0 even where the scale is 0 (atol = 0 and a component exactly 0); a non-finite
    /// proposed state gives NaN, which rejects the step (an infinite y₁ would otherwise give a scaled error of 0).
    /// </summary>
    /// <param name="error">The error estimates.</param>
    /// <param name="y0">The states at the step's start.</param>
    /// <param name="y1">The proposed states.</param>
    /// <param name="offset">Where component 0 of the lanes starts.</param>
    /// <param name="stride">The distance between consecutive components.</param>
    /// <param name="absoluteTolerances">atolⱼ, one per component (its length is n).</param>
    /// <param name="relativeTolerances">rtolⱼ, one per component, or a single rtol for all.</param>
    /// <returns>e² per lane.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLane RmsErrorSquared(ReadOnlySpan<double> error, ReadOnlySpan<double> y0, ReadOnlySpan<double> y1, int offset, int stride,
        ReadOnlySpan<double> absoluteTolerances, ReadOnlySpan<double> relativeTolerances)
    {
        int n = absoluteTolerances.Length, rtolStride = relativeTolerances.Length == n ? 1 : 0;
        var zero = TLane.Create(0.0);
        var sum = zero;
        var finite = TLane.IsFinite(sum);
        for (int j = 0; j < n; j++)
        {
            int i = offset + j * stride;
            var proposed = TLane.Load(y1, i);
            var scaled = ScaledError(TLane.Load(error, i), TLane.Load(y0, i), proposed, TLane.Create(absoluteTolerances[j]), TLane.Create(relativeTolerances[j * rtolStride]));
            sum += scaled * scaled;
            finite = TLane.BothTrue(finite, TLane.IsFinite(proposed));
        }

        return Select(finite, sum / TLane.Create(n), TLane.Create(double.NaN));
    }

    /// <summary>
    /// One component of <see cref="RmsErrorSquared"/>'s sum before squaring, e/(atol + rtol·max(|y₀|, |y₁|)), and 0 for an
    /// exactly zero error; the register path of one trajectory sums its components with it too.
    /// </summary>
    /// <param name="error">e.</param>
    /// <param name="y0">The state at the step's start.</param>
    /// <param name="y1">The proposed state.</param>
    /// <param name="absoluteTolerance">atol.</param>
    /// <param name="relativeTolerance">rtol.</param>
    /// <returns>The scaled error.</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static TLane ScaledError(TLane error, TLane y0, TLane y1, TLane absoluteTolerance, TLane relativeTolerance)
    {
        var zero = TLane.Create(0.0);
        var scaled = error / (absoluteTolerance + relativeTolerance * TLane.Max(TLane.Abs(y0), TLane.Abs(y1)));
        return Select(TLane.LessThanOrEqual(TLane.Abs(error), zero), zero, scaled);
    }
}
