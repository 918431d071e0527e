using CsCheck;
using Dynamics.Simd;
using Dynamics.Solvers.StepSize;

namespace Dynamics.Tests.Solvers;

/// <summary>
/// The one step-control core that the integrator, the SIMD lanes and lockstep batches share, against the definitions:
/// the controller law with its history, the rejection rule, the error floor, the step to attempt (maximum, minimum,
/// last step), the RMS norm and Hairer's initial step.
/// </summary>
public class StepControlTests
{
    private static readonly ScalarLane True = ScalarLane.Create(BitConverter.Int64BitsToDouble(-1));

    private static double Adapt(StepControl<ScalarLane> control, ref StepHistory<ScalarLane> history, double error, out bool accepted)
    {
        double factor = control.Adapt(ScalarLane.Create(error * error), True, ref history, out var mask).Value;
        accepted = ScalarLane.MaskBits(mask) != 0;
        return factor;
    }

    [Fact]
    public void Accepted_factor_is_the_filter_of_the_last_three_errors_with_the_remembered_ones_floored()
    {
        // PID (β = 0.49, −0.34, 0.10), k = 5: factor = 0.9·eₙ^{−0.49/5}·eₙ₋₁^{0.34/5}·eₙ₋₂^{−0.10/5} within [0.2, 10], where
        // the remembered errors are floored at 1e-4. The core evaluates the powers as exp(Σ β ln e) with its own exp and
        // log (each within an ulp or two), so the definition by Math.Pow agrees to 1e-14 relative.
        var control = new StepControl<ScalarLane>(StepSizeController.PID, 5);
        Gen.Select(Gen.Double[1e-9, 1], Gen.Double[1e-9, 1], Gen.Double[1e-12, 1]).Sample(sample =>
        {
            var (first, second, third) = sample;
            var history = default(StepHistory<ScalarLane>);
            double f1 = Adapt(control, ref history, first, out bool a1);
            double f2 = Adapt(control, ref history, second, out bool a2);
            double f3 = Adapt(control, ref history, third, out bool a3);
            double Definition(double e, double previous, double before) =>
                Math.Clamp(0.9 * Math.Pow(e, -0.49 / 5) * Math.Pow(previous, 0.34 / 5) * Math.Pow(before, -0.10 / 5), 0.2, 10);
            double Floored(double e) => Math.Max(e, 1e-4);
            bool Close(double actual, double expected) => Math.Abs(actual - expected) <= 1e-14 * expected;
            return a1 && a2 && a3
                && Close(f1, Definition(first, 1, 1))
                && Close(f2, Definition(second, Floored(first), 1))
                && Close(f3, Definition(third, Floored(second), Floored(first)));
        }, iter: 300);
    }

    [Fact]
    public void Halved_weights_give_the_factor_of_the_halved_logarithm_bit_for_bit()
    {
        // The core multiplies ln e² by ½β instead of ln e = ½ ln e² by β, which takes a multiply off the step's critical
        // path; halving is exact, so both products round the same real number. Checked against the definition in the
        // first order, e² from 1e-24 to 1e4 (acceptances and rejections), with the history the core remembers.
        foreach (var controller in new[] { StepSizeController.PI, StepSizeController.PID })
        {
            var control = new StepControl<ScalarLane>(controller, 5);
            var history = default(StepHistory<ScalarLane>);
            double beta1 = -controller.Beta1 / 5, beta2 = -controller.Beta2 / 5, beta3 = -controller.Beta3 / 5;
            var random = new Random(20);
            for (int i = 0; i < 2000; i++)
            {
                double errorSquared = Math.Pow(10, random.NextDouble() * 28 - 24);
                double previous = history.LogPrevious.Value, before = history.LogBefore.Value;
                bool afterRejection = ScalarLane.MaskBits(history.LastRejected) != 0;
                double logError = 0.5 * LaneMath.LogOfNormal(Math.Max(errorSquared, 1e-300));
                double expected = errorSquared <= 1
                    ? Math.Min(Math.Max(0.9 * LaneMath.ExpOfModerate(beta1 * logError + beta2 * previous + beta3 * before), 0.2), afterRejection ? 1 : 10)
                    : Math.Min(Math.Max(0.9 * LaneMath.ExpOfModerate(-1.0 / 5 * logError), 0.2), 0.9);
                double factor = control.Adapt(ScalarLane.Create(errorSquared), True, ref history, out _).Value;
                Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(factor));
            }
        }
    }

    [Fact]
    public void A_rejection_shrinks_by_the_elementary_rule_keeps_the_history_and_forbids_growth_on_the_next_step()
    {
        var control = new StepControl<ScalarLane>(StepSizeController.PI, 5);
        var history = default(StepHistory<ScalarLane>);
        Adapt(control, ref history, 0.5, out _);
        var before = history;

        // e = 2 > 1: rejected, shrunk by 0.9·2^{−1/5} (within [0.2, 0.9]); the accepted errors are not touched.
        double shrink = Adapt(control, ref history, 2.0, out bool accepted);
        Assert.False(accepted);
        Assert.Equal(0.9 * Math.Pow(2.0, -1.0 / 5), shrink, 1e-15);
        Assert.Equal(before.LogPrevious.Value, history.LogPrevious.Value);
        Assert.Equal(before.LogBefore.Value, history.LogBefore.Value);
        Assert.NotEqual(0u, ScalarLane.MaskBits(history.LastRejected));

        // A tiny error right after the rejection would ask for tenfold growth: the step may not grow (factor 1).
        Assert.Equal(1.0, Adapt(control, ref history, 1e-10, out accepted));
        Assert.True(accepted);
        Assert.Equal(0u, ScalarLane.MaskBits(history.LastRejected));
        // The next one may: the error 1e-10 was remembered as the floor 1e-4, so e = 1e-3 gives 0.9·(1e-3)^{−0.17}·(1e-4)^{0.04} ≈ 2.
        double expected = 0.9 * Math.Pow(1e-3, -0.85 / 5) * Math.Pow(1e-4, 0.2 / 5);
        Assert.Equal(expected, Adapt(control, ref history, 1e-3, out _), 1e-14 * expected);

        // A huge or non-finite error shrinks by MinFactor, and the history notes a non-finite one.
        Assert.Equal(0.2, Adapt(control, ref history, 1e10, out _));
        Assert.Equal(0u, ScalarLane.MaskBits(history.LastNonFinite));
        Assert.Equal(0.2, Adapt(control, ref history, double.NaN, out accepted));
        Assert.False(accepted);
        Assert.NotEqual(0u, ScalarLane.MaskBits(history.LastNonFinite));
    }

    [Fact]
    public void Each_lane_of_a_SIMD_group_decides_exactly_as_a_lone_trajectory()
    {
        // The per-lane ensembles rely on this: lane l of a Lane256 step control, fed lane l's errors, returns the same
        // bits as the scalar core fed the same errors, including rejections, inactive lanes and non-finite errors.
        var scalar = new StepControl<ScalarLane>(StepSizeController.PI, 5);
        var lanes = new StepControl<Lane256>(StepSizeController.PI, 5);
        double[][] errors =
        [
            [0.3, 1.5, 1e-20, double.NaN],
            [0.9, 0.2, 3.0, 0.7],
            [1e-3, 0.99, 0.5, 1.01],
        ];
        var histories = new StepHistory<ScalarLane>[4];
        var history = default(StepHistory<Lane256>);
        var buffer = new double[4];
        foreach (var row in errors)
        {
            var squared = row.Select(e => e * e).ToArray();
            var factors = new double[4];
            lanes.Adapt(Lane256.Load(squared, 0), Lane256.Create(BitConverter.Int64BitsToDouble(-1)), ref history, out var accepted).Store(factors, 0);
            accepted.Store(buffer, 0);
            for (int l = 0; l < 4; l++)
            {
                double alone = scalar.Adapt(ScalarLane.Create(squared[l]), True, ref histories[l], out var acceptedAlone).Value;
                Assert.Equal(BitConverter.DoubleToInt64Bits(alone), BitConverter.DoubleToInt64Bits(factors[l]));
                Assert.Equal(ScalarLane.MaskBits(acceptedAlone) != 0, BitConverter.DoubleToInt64Bits(buffer[l]) != 0);
            }
        }
    }

    [Fact]
    public void The_controllers_predicted_selection_is_the_lanes_blend_for_every_mask()
    {
        // For one trajectory Select branches on the mask instead of blending; for masks (all bits set or zero, as the
        // comparisons produce) both give the bits of the chosen operand, ±0 and NaN included.
        double[] values = [1.5, -0.0, 0.0, double.NaN, double.NegativeInfinity];
        foreach (double a in values)
        {
            foreach (double b in values)
            {
                var mask = ScalarLane.LessThanOrEqual(ScalarLane.Create(a), ScalarLane.Create(b));
                var x = ScalarLane.Create(a);
                var y = ScalarLane.Create(-b);
                Assert.Equal(BitConverter.DoubleToInt64Bits(ScalarLane.ConditionalSelect(mask, x, y).Value),
                    BitConverter.DoubleToInt64Bits(StepControl<ScalarLane>.Select(mask, x, y).Value));
            }
        }
    }

    [Fact]
    public void Next_step_applies_the_maximum_step_the_last_step_rule_and_the_minimum_step()
    {
        var control = new StepControl<ScalarLane>(StepSizeController.PI, 5, maxStep: 0.5, minStep: 1e-3);
        (double H, bool Lands, bool TooSmall) Next(double t, double proposal, double end)
        {
            var direction = ScalarLane.Create(Math.Sign(end - t));
            double h = control.NextStep(ScalarLane.Create(t), ScalarLane.Create(proposal), ScalarLane.Create(end), direction, out var lands, out uint tooSmall).Value;
            return (h, ScalarLane.MaskBits(lands) != 0, tooSmall != 0);
        }

        Assert.Equal((0.3, false, false), Next(0, 0.3, 1));
        Assert.Equal((0.5, false, false), Next(0, 7, 1));               // limited to the maximum step
        Assert.Equal((-0.3, false, false), Next(1, 0.3, 0));            // signed by the direction
        // The end within 1.01 proposals is taken in one step, exactly: 0.6 + 0.397·1.01 ≥ 1, but 0.6 + 0.39·1.01 < 1.
        Assert.Equal((1 - 0.6, true, false), Next(0.6, 0.397, 1));
        Assert.Equal((0.39, false, false), Next(0.6, 0.39, 1));
        // Below the minimum step a step fails, unless it is the last one.
        Assert.Equal((1e-4, false, true), Next(0, 1e-4, 1));
        Assert.Equal((1 - 0.99995, true, false), Next(0.99995, 1e-4, 1));
        // Without a minimum step the floor is 16 ulp of t: at t = 1e6 that is 3.6e-9.
        var floorOnly = new StepControl<ScalarLane>(StepSizeController.PI, 5);
        floorOnly.NextStep(ScalarLane.Create(1e6), ScalarLane.Create(3e-9), ScalarLane.Create(2e6), ScalarLane.Create(1), out _, out uint small);
        floorOnly.NextStep(ScalarLane.Create(1e6), ScalarLane.Create(4e-9), ScalarLane.Create(2e6), ScalarLane.Create(1), out _, out uint large);
        Assert.Equal((1u, 0u), (small, large));
    }

    [Fact]
    public void Rms_norm_scales_each_component_and_rejects_non_finite_proposals()
    {
        // sⱼ = atolⱼ + rtolⱼ·max(|y₀ⱼ|, |y₁ⱼ|): s = (1e-6 + 1e-3·2, 1e-6 + 1e-3·4, 0 + 0) → e² = ((1e-3/2.001e-3)² + (2e-3/4.001e-3)² + 0)/3;
        // the third component has scale 0 and error 0 and counts 0.
        double[] error = [1e-3, -2e-3, 0], y0 = [2, -1, 0], y1 = [1.5, -4, 0], atol = [1e-6, 1e-6, 0], rtol = [1e-3, 1e-3, 1e-3];
        double expected = (Math.Pow(1e-3 / 2.001e-3, 2) + Math.Pow(2e-3 / 4.001e-3, 2)) / 3;
        Assert.Equal(expected, StepControl<ScalarLane>.RmsErrorSquared(error, y0, y1, 0, 1, atol, rtol).Value, 1e-15);
        Assert.Equal(expected, StepControl<ScalarLane>.RmsErrorSquared(error, y0, y1, 0, 1, atol, [1e-3]).Value, 1e-15);
        Assert.True(double.IsNaN(StepControl<ScalarLane>.RmsErrorSquared(error, y0, [1.5, double.PositiveInfinity, 0], 0, 1, atol, rtol).Value));

        // Strided: the same member stored component-major among three others (lockstep layout) measures the same.
        var strided = new double[3][];
        foreach (var (source, index) in new[] { error, y0, y1 }.Select((v, i) => (v, i)))
        {
            strided[index] = new double[12];
            for (int j = 0; j < 3; j++) strided[index][j * 4 + 2] = source[j];
        }

        Assert.Equal(expected, StepControl<ScalarLane>.RmsErrorSquared(strided[0], strided[1], strided[2], 2, 4, atol, rtol).Value, 1e-15);
    }

    [Fact]
    public void Initial_step_follows_Hairers_estimate_in_closed_form()
    {
        // y' = λy, y₀ = 1, λ = −2, rtol = atol = 1e-6: s = 2e-6, d₀ = 1/s, d₁ = 2/s, so h₀ = 0.01·d₀/d₁ = 0.005; f₁ − f₀ = λ²h₀,
        // so d₂ = λ²/s = 4/s; h₁ = (0.01/max(d₁, d₂))^{1/(p+1)} = (0.01·s/4)^{1/6} for p = 5, below 100·h₀ = 0.5 and the span.
        double[] y0 = [1.0], f0 = [-2.0], f1 = [-2.0 * (1 - 2 * 0.005)], tol = [1e-6];
        double h0 = InitialStepSize.FirstGuess(y0, f0, 0, 1, tol, tol, span: 10, maxStep: double.PositiveInfinity, out double d1);
        Assert.Equal(0.005, h0, 1e-17);
        Assert.Equal(2 / 2e-6, d1, 1e-9);
        double h = InitialStepSize.Proposal(y0, f0, f1, 0, 1, tol, tol, h0, d1, order: 5, span: 10, maxStep: double.PositiveInfinity);
        // Round-off in f₁ − f₀ (a difference of two numbers near 2) limits the agreement to about 1e-13 relative.
        Assert.Equal(Math.Pow(0.01 * 2e-6 / 4, 1.0 / 6), h, 1e-13);
        // The span and the maximum step bound it.
        Assert.Equal(0.01, InitialStepSize.Proposal(y0, f0, f1, 0, 1, tol, tol, h0, d1, 5, span: 10, maxStep: 0.01));
        Assert.Equal(0.02, InitialStepSize.Proposal(y0, f0, f1, 0, 1, tol, tol, h0, d1, 5, span: 0.02, maxStep: 1));
    }
}
