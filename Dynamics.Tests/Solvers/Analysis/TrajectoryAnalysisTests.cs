using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Analysis;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Solvers.Analysis;

public class TrajectoryAnalysisTests
{
    [Fact]
    public void Separatrices_of_a_linear_saddle_run_along_its_eigenvectors_and_stop_at_the_window()
    {
        var saddle = VectorField.Create(2, (t, y, dy) => { dy[0] = y[0]; dy[1] = -2 * y[1]; });
        var point = Assert.Single(FixedPoints.Find(saddle, (-2, 2), (-2, 2)));
        var branches = Separatrices.Trace(saddle, point, new SeparatrixOptions { XRange = (-2, 2), YRange = (-2, 2) });
        Assert.Equal(4, branches.Count);
        foreach (var branch in branches)
        {
            Assert.Equal(SolveStatus.StoppedByEvent, branch.Status);
            int along = branch.Kind == ManifoldKind.Unstable ? 0 : 1;
            var across = branch.Path.Component(1 - along);
            // The start lies exactly on the axis, and the axis is invariant: the other coordinate stays 0 (to rounding
            // of the eigenvector, ~1e-16 times the offset).
            Assert.All(across, c => Assert.InRange(Math.Abs(c), 0, 1e-15));
            var outer = branch.Kind == ManifoldKind.Unstable ? branch.Path.State(branch.Path.Count - 1) : branch.Path.State(0);
            Assert.Equal(2, Math.Abs(outer[along]), 1e-9);
            Assert.Equal(branch.Branch, Math.Sign(outer[along]) * Math.Sign(point.Eigenvectors[along, branch.Kind == ManifoldKind.Unstable ? 1 : 0].Real));
        }
    }

    [Fact]
    public void The_frictionless_pendulum_separatrix_is_the_energy_two_heteroclinic_orbit()
    {
        var pendulum = new DampedPendulum() with { Damping = 0 };
        var saddle = FixedPoints.Find(pendulum, (2, 4), (-1, 1)).Single(p => p.Class == FixedPointClass.Saddle);
        var branches = Separatrices.Trace(pendulum, saddle, new SeparatrixOptions { Duration = 12, Tolerance = 1e-11 });
        Assert.Equal(4, branches.Count);
        foreach (var branch in branches)
        {
            var energy = InvariantMonitor.Measure(branch.Path, pendulum.Invariants[0]);
            // E = 2 on the heteroclinic orbit; the offset 1e-6·π changes it by ~1e-12, the solver (tol 1e-11) by ~1e-9.
            Assert.All(energy.Values, e => Assert.Equal(2, e, 1e-8));
        }
    }

    [Fact]
    public void Damped_pendulum_unstable_manifolds_fall_into_the_neighbouring_rest_states()
    {
        var pendulum = new DampedPendulum();
        var saddle = FixedPoints.Find(pendulum, (2, 4), (-1, 1)).Single();
        var unstable = Separatrices.Trace(pendulum, saddle, new SeparatrixOptions { Duration = 80 }).Where(s => s.Kind == ManifoldKind.Unstable).ToList();
        Assert.Equal(2, unstable.Count);
        var ends = unstable.Select(s => s.Path.State(s.Path.Count - 1).ToArray()).OrderBy(e => e[0]).ToList();
        // After 80 time units the spiral has decayed by e^{−b·80/2} = e^{−10} from an amplitude below π.
        Assert.Equal(0, ends[0][0], 1e-3);
        Assert.Equal(2 * Math.PI, ends[1][0], 1e-3);
    }

    [Fact]
    public void Only_the_one_dimensional_unstable_manifold_of_the_Lorenz_origin_is_traced()
    {
        var lorenz = new Lorenz();
        var origin = FixedPoints.Find(lorenz, [(-1, 1), (-1, 1), (-1, 1)], new FixedPointOptions { SeedsPerAxis = 2 }).Single();
        var branches = Separatrices.Trace(lorenz, origin, new SeparatrixOptions { Duration = 2 });
        Assert.Equal(2, branches.Count);
        Assert.All(branches, b => Assert.Equal(ManifoldKind.Unstable, b.Kind));
        // The two branches are mirror images under (x, y, z) → (−x, −y, z), the symmetry of the Lorenz equations.
        var a = branches[0].Path.State(branches[0].Path.Count - 1);
        var b = branches[1].Path.State(branches[1].Path.Count - 1);
        Assert.Equal(a[0], -b[0], 1e-9);
        Assert.Equal(a[2], b[2], 1e-9);
    }

    [Fact]
    public void Van_der_Pol_limit_cycle_has_the_reference_period_and_amplitude_from_inside_and_outside()
    {
        foreach (var start in new[] { new[] { 0.1, 0.0 }, new[] { 4.0, 0.0 } })
        {
            var cycle = LimitCycles.Detect(new VanDerPol(), start);
            Assert.True(cycle.Converged, cycle.Message);
            // Section crossings from Verner 8's 8th-order interpolant at rtol 1e-12 once successive returns agree to 1e-9.
            Assert.Equal(VanDerPol.PeriodAtMuOne, cycle.Period, 1e-8);
            Assert.Equal(VanDerPol.AmplitudeAtMuOne, cycle.Amplitude, 1e-8);
            Assert.Equal(VanDerPol.AmplitudeAtMuOne, cycle.Maximum, 1e-8);
            // One period from the section point returns to it (to the solver's 1e-12 and the period's ~1e-12 error).
            var last = cycle.Orbit.State(cycle.Orbit.Count - 1);
            Assert.Equal(cycle.PointOnCycle[0], last[0], 1e-9);
            Assert.Equal(cycle.PointOnCycle[1], last[1], 1e-9);
        }
    }

    [Fact]
    public void An_unstable_cycle_is_found_backwards_in_time()
    {
        // μ = −1 reverses time in Van der Pol: the same closed curve becomes a repeller.
        var cycle = LimitCycles.Detect(new VanDerPol() with { Mu = -1 }, [0.1, 0.0], new LimitCycleOptions { Backward = true });
        Assert.True(cycle.Converged, cycle.Message);
        Assert.Equal(VanDerPol.PeriodAtMuOne, cycle.Period, 1e-8);
        Assert.Equal(VanDerPol.AmplitudeAtMuOne, cycle.Amplitude, 1e-8);
    }

    [Fact]
    public void Every_orbit_around_a_centre_is_periodic_and_a_damped_spiral_is_not_a_cycle()
    {
        var centre = LimitCycles.Detect(new HarmonicOscillator(2.0), [1.0, 0.0]);
        Assert.True(centre.Converged, centre.Message);
        Assert.Equal(Math.PI, centre.Period, 1e-10);
        Assert.Equal(1, centre.Amplitude, 1e-10);

        // After 60 time units the swing has shrunk by e^{−7.5} but is far above rounding: still oscillating, never settled.
        var spiral = LimitCycles.Detect(new DampedPendulum(), [1.0, 0.0], new LimitCycleOptions { MaxTime = 60 });
        Assert.False(spiral.Converged);
        Assert.Equal(LimitCycleStatus.NotConverged, spiral.Status);
        var decay = LimitCycles.Detect(new ExponentialDecay(), [1.0]);
        Assert.Equal(LimitCycleStatus.NoOscillation, decay.Status);
        var bad = Assert.Throws<ArgumentOutOfRangeException>(() => LimitCycles.Detect(new VanDerPol(), [1.0, 0.0], new LimitCycleOptions { Component = 2 }));
        Assert.Equal("Component", bad.ParamName);
    }

    [Fact]
    public void Duffing_basins_are_symmetric_and_contain_their_wells()
    {
        var duffing = new Duffing();
        var grid = new PlaneGrid((-2, 2), (-2, 2), 21, 21);
        var map = Basins.Compute(duffing, PlaneSlice.Of(duffing), grid, [[-1.0, 0.0], [1.0, 0.0]]);
        // The field is odd, f(−y) = −f(y), in floating point as well, so the start −y ends in the mirror well exactly.
        for (int m = 0; m < grid.Count; m++)
        {
            int mirror = grid.Count - 1 - m;
            int expected = map.Labels[m] < 0 ? -1 : 1 - map.Labels[m];
            Assert.Equal(expected, map.Labels[mirror]);
        }

        Assert.Equal(map.Fraction(0), map.Fraction(1));
        // Only the saddle itself, at the centre of the grid, reaches neither well.
        Assert.Equal(1.0 / grid.Count, map.Fraction(-1), 1e-15);
        Assert.Equal(-1, map.Labels[grid.IndexOf(10, 10)]);
        Assert.Equal(1, map.Labels[grid.IndexOf(15, 10)]);
        Assert.Equal(0, map.Labels[grid.IndexOf(5, 10)]);
    }

    [Fact]
    public void Batch_solves_equal_one_by_one_solves()
    {
        var model = new VanDerPol();
        double[][] starts = [[0.5, 0.0], [2.0, 1.0], [-1.0, 3.0]];
        var options = SolverOptions.WithTolerance(1e-9);
        var batch = TrajectoryBatch.Solve(model, starts, 0, 10, new DormandPrince5(), options);
        for (int m = 0; m < starts.Length; m++)
        {
            var single = Ode.Solve(OdeProblem.Create(model, starts[m], 0, 10), new DormandPrince5(), options);
            Assert.Equal(single.States.ToArray(), batch[m].States.ToArray());
        }

        var bad = Assert.Throws<ArgumentException>(() => TrajectoryBatch.Solve(model, [[0.0, double.NaN]], 0, 1, new DormandPrince5()));
        Assert.Contains("initialState[1]", bad.Message);
    }

    [Fact]
    public void Trajectories_reverse_and_join_without_repeating_the_shared_point()
    {
        var forward = new Trajectory([0, 1, 2], [0, 0, 1, 1, 2, 2], 2);
        var backward = new Trajectory([0, -1], [0, 0, -1, -1], 2);
        var joined = backward.Reversed().Then(forward);
        Assert.Equal([-1.0, 0, 1, 2], joined.Times);
        Assert.Equal([-1.0, 0, 1, 2], joined.Component(0));
    }

    [Fact]
    public void Models_declare_invariants_that_their_solutions_keep()
    {
        var kepler = Ode.Solve(OdeProblem.Create(new Kepler(), Kepler.InitialStateForEccentricity(0.5), 0, 20), new Verner8(), SolverOptions.WithTolerance(1e-12));
        var drifts = InvariantMonitor.Measure(kepler, new Kepler());
        Assert.Equal(2, drifts.Count);
        // Verner 8 at tolerance 1e-12 over ~3 orbits keeps H and L to ~1e-11.
        Assert.All(drifts, d => Assert.InRange(d.Violation, 0, 1e-10));

        var arenstorf = new Arenstorf();
        var orbit = Ode.Solve(OdeProblem.Create(arenstorf, Arenstorf.PeriodicInitialState, 0, Arenstorf.Period), new Verner8(), SolverOptions.WithTolerance(1e-12));
        // The Jacobi integral through the close lunar passage: tolerance 1e-12 per step over ~10³ steps.
        Assert.InRange(InvariantMonitor.Measure(orbit, arenstorf).Single().Violation, 0, 1e-8);

        var duffing = new Duffing();
        var damped = Ode.Solve(OdeProblem.Create(duffing, [2.0, 0.0], 0, 30), new DormandPrince5(), SolverOptions.WithTolerance(1e-10));
        Assert.Equal(InvariantKind.NonIncreasing, duffing.Invariants[0].Kind);
        // dE/dt = −δv² ≤ 0: any increase between steps is local error, ~1e-10.
        Assert.InRange(InvariantMonitor.Measure(damped, duffing).Single().Violation, 0, 1e-9);
        Assert.Equal(InvariantKind.Conserved, (duffing with { Damping = 0 }).Invariants[0].Kind);
        Assert.Equal(InvariantKind.NonDecreasing, (duffing with { Damping = -0.1 }).Invariants[0].Kind);
    }
}
