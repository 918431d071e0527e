using Dynamics.Examples.Experiments.Classical;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Analysis;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core.Models.Classical;

public class ClassicalProblemTests
{
    // The gallery's solve: stop events on the capture radius and on passing the target, Verner 8 at rtol 1e-12, atol 1e-12·L.
    private static Solution Pursue(MissilePursuit model, double endTime, double captureDistance) =>
        PursuitExperiment.Pursue(model, endTime, captureDistance);

    [Fact]
    public void Variant_A_ship_is_hit_after_five_eighteenths_of_an_hour_25_km_along_its_course()
    {
        var model = new MissilePursuit();
        const double captureDistance = 1e-9;
        var solution = Pursue(model, 1, captureDistance);
        Assert.Equal(SolveStatus.StoppedByEvent, solution.Status);
        Assert.All(solution.FinalState.ToArray(), c => Assert.True(double.IsFinite(c)));
        Assert.Equal(5.0 / 18, model.CaptureTime, 1e-15);
        Assert.Equal(25, model.CaptureY, 1e-12);
        Assert.Equal(125, model.PathLength, 1e-12);
        // The event fires 1e-9 km short of the target, (v − u)⁻¹·1e-9 = 3e-12 h early; the solver adds ~3e-11 h.
        Assert.Equal(5.0 / 18, solution.FinalTime, 1e-10);
        Assert.Equal(120, solution.FinalState[0], 1e-8);
        Assert.Equal(25, solution.FinalState[1], 1e-8);
    }

    [Fact]
    public void Variant_B_target_is_hit_after_moving_five_twentyfourths()
    {
        var model = MissilePursuit.VariantB();
        var solution = Pursue(model, 1, 1e-10);
        Assert.Equal(5.0 / 24, model.CaptureTime, 1e-15);
        // The event's offset 1e-10/(v − u), or, when a step jumps over the capture ball, a crossing of the target's track
        // located on a step that straddles the singular target: that crossing lands within a few 1e-10 of t* (seen
        // between −1.4e-10 and +3e-10 as the step sequence varies), so 1e-9 absolute.
        Assert.Equal(5.0 / 24, solution.FinalTime, 1e-9);
        Assert.Equal(5.0 / 24, solution.FinalState[1], 1e-9);
        Assert.Equal(model.TargetSpeed * solution.FinalTime, solution.FinalState[1], 1e-9);
    }

    [Theory]
    [InlineData(0.2)]
    [InlineData(0.6)]
    [InlineData(1.0)]
    [InlineData(2.0)]
    public void The_computed_path_follows_the_closed_form_and_keeps_both_invariants(double k)
    {
        var model = new MissilePursuit(1, k, 1);
        double end = k < 1 ? model.CaptureTime : 5;
        var solution = Pursue(model, end, 1e-7);
        double worstPath = 0;
        for (int i = 0; i < solution.Count; i++)
        {
            var p = solution.State(i);
            // Stay clear of the singular end of the closed form, whose slope blows up like s^{−k} at x = L.
            if (1 - p[0] > 1e-3) worstPath = Math.Max(worstPath, Math.Abs(p[1] - model.PathY(p[0])));
        }

        // Verner 8 at 1e-12 follows the curve to ~1e-11; the closed form is evaluated to rounding.
        Assert.InRange(worstPath, 0, 1e-9);
        var drifts = InvariantMonitor.Measure(solution, model);
        Assert.Equal(model.TargetDistance * model.MissileSpeed, drifts[0].Values[0], 1e-15);
        Assert.Equal(model.TargetDistance, drifts[1].Values[0], 1e-15);
        // The linear invariant holds to the solver's tolerance; the shape invariant amplifies relative errors of
        // tan(α/2) by v/u ≤ 5 as α → 0 near capture, so it is checked away from the last states.
        Assert.InRange(drifts[0].Violation, 0, 1e-9);
        for (int i = 0; i < solution.Count; i++)
        {
            // (L − x)^{1 − v/u} magnifies the relative error of L − x by v/u − 1 ≤ 4: where L − x ≥ L/100 that is
            // at most 4·1e-12·100 = 4e-10.
            if (1 - solution.State(i)[0] >= 1e-2) Assert.Equal(model.TargetDistance, drifts[1].Values[i], 1e-8);
        }
    }

    [Fact]
    public void With_equal_speeds_the_missile_ends_trailing_at_half_the_initial_distance()
    {
        var model = new MissilePursuit(1, 1, 1);
        var solution = Pursue(model, 20, 1e-9);
        Assert.Equal(SolveStatus.Success, solution.Status);
        // r(1 + cos α) = L and α decays like e^{−2ut/L}: at t = 20 the gap to L/2 is ~e^{−80}, below rounding.
        Assert.Equal(0.5, model.Distance(solution.FinalTime, solution.FinalState), 1e-9);
    }

    [Fact]
    public void A_faster_target_escapes_after_the_distance_first_shrinks()
    {
        var model = new MissilePursuit(1, 2, 1);
        var solution = Pursue(model, 50, 1e-9);
        var distances = Enumerable.Range(0, solution.Count).Select(i => model.Distance(solution.Times[i], solution.State(i))).ToArray();
        Assert.True(distances.Min() < 1, "the distance should first shrink (ṙ(0) = −v)");
        // Eventually the missile trails straight behind, so ṙ → u − v = 1; over the last 10 time units the average
        // rate is within e^{−…} of that (the dense solution gives r(40), wherever the steps fell).
        double rate = (model.Distance(50, solution.Evaluate(50)) - model.Distance(40, solution.Evaluate(40))) / 10;
        Assert.Equal(1, rate, 1e-6);
    }

    [Fact]
    public void A_coarse_tolerance_stops_cleanly_when_a_step_jumps_over_the_capture_ball()
    {
        // At rtol 1e-6 a step carries the missile past the target; without the along-track event the singular field
        // would make the solver chatter around it until MaxSteps.
        var solution = PursuitExperiment.Pursue(new MissilePursuit(), 1, 1e-9, tolerance: 1e-6);
        Assert.Equal(SolveStatus.StoppedByEvent, solution.Status);
        Assert.Equal("passed the target", solution.Events[^1].Name);
        Assert.True(solution.Statistics.AcceptedSteps < 100, $"{solution.Statistics.AcceptedSteps} steps");
        // The stop is within the last step of the capture: a few seconds at this tolerance.
        Assert.Equal(5.0 / 18, solution.FinalTime, 1e-3);
    }

    [Fact]
    public void A_faster_target_comes_closest_where_cos_alpha_is_one_over_k()
    {
        var model = new MissilePursuit(1, 1.5, 1);
        var solution = Pursue(model, 5, 1e-9);
        var path = Trajectory.Refine(solution, 16);
        int best = Enumerable.Range(0, path.Count).MinBy(i => model.Distance(path.Times[i], path.State(i)));
        // Golden-section search on the dense output between the neighbouring samples of the sampled minimum.
        double a = path.Times[best - 1], b = path.Times[best + 1];
        double r(double t) => model.Distance(t, solution.Evaluate(t));
        for (int k = 0; k < 80; k++)
        {
            double c = b - 0.618 * (b - a), d = a + 0.618 * (b - a);
            if (r(c) < r(d)) b = d; else a = c;
        }

        // r is stationary at the minimum, so the dense output's ~1e-12 error in position is all that remains.
        Assert.Equal(PursuitExperiment.ClosestApproach(model), r(0.5 * (a + b)), 1e-10);
    }

    [Fact]
    public void Pursuit_closed_forms_for_k_at_least_one_say_never()
    {
        var escape = new MissilePursuit(1, 2, 1);
        Assert.Equal(double.PositiveInfinity, escape.CaptureTime);
        Assert.Equal(double.PositiveInfinity, escape.CaptureY);
        Assert.Equal(0, new MissilePursuit(1, 1, 1).PathY(0), 1e-15);
        Assert.True(double.IsNaN(new MissilePursuit(1, 1, 1).ShapeInvariant(0, [1.0, 0.0])), "the shape invariant is undefined at capture");
    }

    private const double X0 = -0.3, Y0 = 1.2;

    [Fact]
    public void The_mirror_integrated_in_x_keeps_the_first_integral_and_lies_on_the_parabola()
    {
        double c = SolarFurnace.Constant(X0, Y0);
        // docs/classical.md, "Solar-furnace mirror": C = √(x² + y²) − x = 1.5369316877 from (−0.3, 1.2).
        Assert.Equal(1.5369316877, c, 1e-10);
        var solution = Ode.Solve(OdeProblem.Create(new ReflectorProfile(), [Y0], X0, 3), new Verner8(), SolverOptions.WithTolerance(1e-13));
        var drift = InvariantMonitor.Measure(solution, new ReflectorProfile()).Single();
        // Local tolerance 1e-13 on values of size ~3 over a few dozen steps.
        Assert.InRange(drift.Violation, 0, 1e-12);
        for (int i = 0; i < solution.Count; i++)
            Assert.InRange(Math.Abs(SolarFurnace.ParabolaResidual(solution.Times[i], solution.State(i)[0], c)), 0, 1e-11);
    }

    [Fact]
    public void Integrating_in_x_cannot_pass_the_vertex_where_the_slope_blows_up()
    {
        double c = SolarFurnace.Constant(X0, Y0);
        var solution = Ode.Solve(OdeProblem.Create(new ReflectorProfile(), [Y0], X0, -1.5), new Verner8(), SolverOptions.WithTolerance(1e-10));
        Assert.False(solution.IsSuccess, solution.Message);
        // It stops near the vertex x = −C/2 (where y → 0 like √(x + C/2)), never beyond it.
        Assert.InRange(solution.FinalTime, SolarFurnace.VertexX(c) - 1e-9, SolarFurnace.VertexX(c) + 1e-3);
    }

    [Theory]
    [InlineData(ReflectorParameterisation.ArcLength)]
    [InlineData(ReflectorParameterisation.CurveParameter)]
    public void Regular_parameterisations_pass_through_the_vertex_to_the_other_branch(ReflectorParameterisation parameterisation)
    {
        double c = SolarFurnace.Constant(X0, Y0);
        var options = SolverOptions.WithTolerance(1e-12) with { Events = [OdeEvent.Record("axis", (t, y) => y[1])] };
        var solution = Ode.Solve(OdeProblem.Create(new ReflectorCurve(parameterisation), [X0, Y0], 0, -4), new Verner8(), options);
        Assert.Equal(SolveStatus.Success, solution.Status);
        var crossing = Assert.Single(solution.Events);
        // The axis is crossed at the vertex (−C/2, 0), located on the interpolant.
        Assert.Equal(SolarFurnace.VertexX(c), crossing.State[0], 1e-10);
        Assert.True(solution.FinalState[1] < -1, "the solve should continue well onto the lower branch");
        Assert.InRange(InvariantMonitor.Measure(solution, new ReflectorCurve(parameterisation)).Single().Violation, 0, 1e-10);
    }

    [Fact]
    public void The_slope_vector_parameterisation_stalls_at_the_vertex_an_equilibrium()
    {
        var solution = Ode.Solve(OdeProblem.Create(new ReflectorCurve(ReflectorParameterisation.SlopeVector), [X0, Y0], 0, -40), new Verner8(),
            SolverOptions.WithTolerance(1e-12));
        var y = solution.Component(1);
        // It never reaches the lower branch: y stays above −atol (1e-12), the solver's noise level near y = 0.
        Assert.All(y, value => Assert.True(value > -1e-12, $"y = {value} crossed the axis"));
        // Near the vertex (x + r, y) ≈ (y²/C, y): y decays like e^{τ}, so after 40 units it is ~e^{−40}·1, and x
        // creeps to the vertex −C/2.
        Assert.InRange(Math.Abs(y[^1]), 0, 1e-12);
        Assert.Equal(SolarFurnace.VertexX(SolarFurnace.Constant(X0, Y0)), solution.FinalState[0], 1e-9);
    }

    [Fact]
    public void Rays_reflected_by_a_parabola_pass_through_its_focus_and_other_mirrors_miss()
    {
        const double c = 2;
        foreach (double y in new[] { 0.1, 1, 3, -2 })
        {
            double x = (y * y - c * c) / (2 * c);
            // Tangent (y, r − x) of the parabola through (x, y): an exact mirror focuses to rounding.
            double r = Math.Sqrt(x * x + y * y);
            Assert.InRange(SolarFurnace.FocusMiss(x, y, y, r - x), 0, 1e-14);
            // A flat mirror tilted 45° sends the ray straight down (−y): it passes the focus at distance |x| when it starts
            // above the axis, and starts at its closest point, (x, y) itself, below it.
            Assert.Equal(y > 0 ? Math.Abs(x) : Math.Sqrt(x * x + y * y), SolarFurnace.FocusMiss(x, y, 1, 1), 1e-12);
        }

        // A dish of aperture radius R = 2 and depth h cut from y² = 2Cx + C² has h = R²/(2C): f = R²/(4h) = C/2.
        Assert.Equal(SolarFurnace.FocalLength(c), SolarFurnace.DishFocalLength(2, 4 / (2 * c)), 1e-15);
    }
}
