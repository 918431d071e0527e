using Dynamics.Analysis;
using Dynamics.Examples.Gallery;
using Dynamics.Models.Classical;
using Dynamics.Plotting.Figures;
using Dynamics.Solvers;
using Dynamics.Solvers.Analysis;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Examples.Experiments.Classical;

/// <summary>
/// The unforced double-well Duffing oscillator x'' + δx' − x + x³ = 0: two stable spirals at (±1, 0), a saddle at the
/// origin, and basins of attraction computed over a grid of starts, bounded by the saddle's stable manifold. Checks:
/// the equilibria, their classes and eigenvalues, the exact mirror symmetry of the basins, that the traced stable
/// manifold separates them, and the energy as a Lyapunov function.
/// </summary>
public sealed class DuffingExperiment : IExperiment
{
    // Odd, so that the saddle (0, 0) is a grid node; 201 × 201 starts (cells of 0.02) with the map interpolated between
    // nodes keep the boundaries near x = ±2, where no traced manifold covers them, free of a visible staircase.
    private const int Resolution = 201;

    /// <inheritdoc/>
    public string Name => "duffing";

    /// <inheritdoc/>
    public string Description => "Duffing double well: two stable spirals, a saddle, its separatrices and the basins of attraction.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var duffing = new Duffing();
        Interval x = (-2, 2), v = (-2, 2);
        // The window reaches above the trajectories and separatrices (right of x = 0.7 they stay below v ≈ 2.1) to leave a
        // strip of arrows only for the legend.
        var portrait = PhasePortrait.Of(duffing, x, (-2, 3.4))
            .Trajectories([[-1.9, 1.2], [0.3, 1.6]], forward: 40)
            .LegendInside(ScottPlot.Alignment.UpperRight);
        portrait.SavePng(context.FigurePath("phase-portrait.png", "Unforced Duffing oscillator ẍ + δẋ − x + x³ = 0, δ = 0.25: two stable spirals at x = ±1 (filled diamonds), a saddle at the origin (open square) and its separatrices."));
        var points = portrait.Data.FixedPoints;
        CheckEquilibria(context, duffing, points);

        context.Progress($"basins of attraction from {Resolution} × {Resolution} starts");
        var wells = points.Where(p => p.IsStable).Select(p => p.Point).ToList();
        var grid = new PlaneGrid(x, v, Resolution, Resolution);
        // Within 0.3 of a well the energy is at most −0.13, below the saddle's E = 0, and E never increases: a trajectory
        // that comes that close can never leave the well, so the capture ball lies inside the basin.
        var basins = Basins.Compute(duffing, PlaneSlice.Of(duffing), grid, wells, new BasinOptions { CaptureRadius = 0.3 });
        CheckBasins(context, duffing, basins, points.Single(p => p.Class == FixedPointClass.Saddle));
        var map = PhasePortrait.Of(duffing, x, v)
            .Background(FieldBackground.None)
            .Nullclines(false)
            .Basins(basins, ["basin of the left well (−1, 0)", "basin of the right well (1, 0)"])
            .Separatrices(duration: 30)
            .Title($"{duffing.Name}: basins of attraction\n{duffing.Parameters}");
        map.SavePng(context.FigurePath("basins.png", $"Unforced Duffing oscillator, δ = 0.25, α = −1, β = 1: basins of attraction of the two wells from {Resolution} × {Resolution} starts on [−2, 2]², bounded by the stable manifold of the saddle at the origin (dark blue); the unstable manifold (dark red) spirals into the wells."));

        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Uniform(0, 40, 2001) };
        var solutions = TrajectoryBatch.Solve(duffing, [[-1.9, 1.2], [0.3, 1.6], [1.5, 0.0]], 0, 40, new DormandPrince5(), options);
        double worst = solutions.Max(s => InvariantMonitor.Measure(s, duffing).Single().Violation);
        // dE/dt = −δv² ≤ 0; an apparent increase between samples can only be the solver's local error (rtol 1e-10).
        context.CheckAtMost("largest energy increase between samples (E is a Lyapunov function)", worst, 1e-9);
    }

    private static void CheckEquilibria(ExperimentContext context, Duffing duffing, IReadOnlyList<FixedPoint> points)
    {
        // Counts and classes are exact: tolerance 0.
        context.Check("equilibria in [−2, 2]² (the saddle and two wells)", points.Count, 3, 0);
        context.Check("stable spirals (1 = both wells)", points.Count(p => p.Class == FixedPointClass.StableSpiral) == 2 ? 1 : 0, 1, 0);
        var saddle = points.Single(p => p.Class == FixedPointClass.Saddle);
        var well = points.Single(p => p.Class == FixedPointClass.StableSpiral && p.Point[0] > 0);
        double delta = duffing.Damping, alpha = duffing.Stiffness;
        // Newton with the analytic Jacobian; the wells are ±√(−α/β) to rounding.
        context.Check("right well x = √(−α/β)", well.Point[0], duffing.WellPosition, 1e-12);
        // λ² + δλ + α = 0 at the saddle and λ² + δλ − 2α = 0 at the wells, from MathNet's EVD of an exact 2 × 2 Jacobian.
        context.Check("saddle's unstable eigenvalue (−δ + √(δ² − 4α))/2", saddle.Eigenvalues[1].Real, (-delta + Math.Sqrt(delta * delta - 4 * alpha)) / 2, 1e-12);
        context.Check("saddle's stable eigenvalue (−δ − √(δ² − 4α))/2", saddle.Eigenvalues[0].Real, (-delta - Math.Sqrt(delta * delta - 4 * alpha)) / 2, 1e-12);
        context.Check("wells' decay rate Re λ = −δ/2", well.Eigenvalues[0].Real, -delta / 2, 1e-12);
        context.Check("wells' frequency |Im λ| = √(−8α − δ²)/2", Math.Abs(well.Eigenvalues[0].Imaginary), Math.Sqrt(-8 * alpha - delta * delta) / 2, 1e-12);
    }

    private static void CheckBasins(ExperimentContext context, Duffing duffing, BasinMap basins, FixedPoint saddle)
    {
        // E is a Lyapunov function and E = 0 at the saddle: a start with E < 0 can never climb over the saddle, so it
        // must end in the well on its own side (x < 0 left, x > 0 right). Every such start on the grid: a count, tolerance 0.
        var grid = basins.Grid;
        int trapped = 0, escaped = 0;
        for (int j = 0; j < grid.Rows; j++)
        {
            for (int i = 0; i < grid.Columns; i++)
            {
                double x = grid.XAt(i), v = grid.YAt(j);
                if (!(duffing.Energy([x, v]) < 0)) continue;
                trapped++;
                int label = basins.Labels[grid.IndexOf(i, j)];
                if (label < 0 || Math.Sign(basins.Attractors[label][0]) != Math.Sign(x)) escaped++;
            }
        }

        context.Check("starts below the saddle's energy (E < 0) that leave their own well", escaped, 0, 0);
        context.Report("starts_below_saddle_energy", trapped);
        // The field is odd in floating point too (f(−y) = −f(y) exactly), so on a grid symmetric about the origin the
        // start −y ends in the mirror well.
        int asymmetric = 0;
        for (int m = 0; m < grid.Count; m++)
        {
            int mirror = basins.Labels[grid.Count - 1 - m];
            asymmetric += basins.Labels[m] == (mirror < 0 ? -1 : 1 - mirror) ? 0 : 1;
        }

        // Exact symmetry, as above: not one start may break it.
        context.Check("starts whose mirror image ends in the other well's mirror (mismatches)", asymmetric, 0, 0);
        // Only starts on the saddle's stable manifold (measure zero) fail to reach a well. The grid's middle node is
        // the saddle (0, 0) itself, where f = 0 exactly and the start stays put; every other node must reach a well.
        // A count against that exact expectation, tolerance 0.
        int neither = basins.Labels.Count(label => label < 0);
        context.Check("starts reaching neither well (only the saddle (0, 0), a grid node)", neither, 1, 0);
        context.Report("left_basin_fraction", basins.Fraction(0));

        // Points just either side of the traced stable manifold must end in different wells: it is the basin boundary.
        var stable = Separatrices.Trace(duffing, saddle, new SeparatrixOptions { Duration = 6 }).Where(s => s.Kind == ManifoldKind.Stable).ToList();
        var pairs = new List<double[]>();
        foreach (var branch in stable)
        {
            for (int k = branch.Path.Count / 10; k < branch.Path.Count - 10; k += branch.Path.Count / 10)
            {
                var p = branch.Path.State(k);
                var q = branch.Path.State(k + 1);
                double tx = q[0] - p[0], ty = q[1] - p[1], norm = Math.Sqrt(tx * tx + ty * ty);
                // 1e-3 across the manifold: far beyond its ~1e-9 tracing error, and close enough that no other
                // boundary lies between.
                pairs.Add([p[0] - 1e-3 * ty / norm, p[1] + 1e-3 * tx / norm]);
                pairs.Add([p[0] + 1e-3 * ty / norm, p[1] - 1e-3 * tx / norm]);
            }
        }

        var ends = TrajectoryBatch.Solve(duffing, pairs, 0, 200, new DormandPrince5(), SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.End });
        // Every pair must separate: a count, tolerance 0.
        int separated = 0;
        for (int k = 0; k < ends.Length; k += 2) separated += Math.Sign(ends[k].FinalState[0]) != Math.Sign(ends[k + 1].FinalState[0]) ? 1 : 0;
        context.Check("pairs straddling the stable manifold that end in different wells", separated, pairs.Count / 2, 0);
    }
}
