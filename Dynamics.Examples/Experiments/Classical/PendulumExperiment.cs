using Dynamics.Analysis;
using Dynamics.Examples.Gallery;
using Dynamics.Models.Classical;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Analysis;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Examples.Experiments.Classical;

/// <summary>
/// The damped pendulum θ'' + bθ' + (g/L) sin θ = 0: trajectories spiral into the rest states 2πk and are separated
/// by the stable manifolds of the saddles at (2k+1)π; the energy is a Lyapunov function. Checks: the equilibria and
/// their classes and eigenvalues, energy never increases, every trajectory ends at the rest state it should, small
/// oscillations have the linear frequency √(g/L − b²/4) and decay rate b/2, and without friction the energy is
/// conserved and the separatrix is the level E = 2g/L.
/// </summary>
public sealed class PendulumExperiment : IExperiment
{
    private const double EndTime = 80;

    /// <inheritdoc/>
    public string Name => "pendulum";

    /// <inheritdoc/>
    public string Description => "Damped pendulum: spirals into rest, saddles at ±π and their separatrices, energy as a Lyapunov function.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var pendulum = new DampedPendulum();
        context.Progress("phase portrait: direction field, nullclines, equilibria, separatrices");
        // The window reaches above the nullcline ω = −(g/L) sin θ / b (whose peaks are at ω = 4) to leave a strip for the legend.
        var portrait = PhasePortrait.Of(pendulum, (-7.5, 7.5), (-3.6, 6.2))
            .Trajectories([[-5.0, 3.2], [0.2, 3.3], [1.5, -3.3], [-4.0, -1.0]], forward: 30)
            .LegendInside(ScottPlot.Alignment.UpperRight);
        FigureStyle.PiTicks(portrait.Plot.Axes.Bottom, -7.5, 7.5);
        portrait.SavePng(context.FigurePath("phase-portrait.png", "Damped pendulum θ″ + bθ′ + sin θ = 0, b = 0.25: trajectories spiral into the rest states 2πk (filled diamonds: stable spirals); the stable manifolds of the saddles at ±π (open squares) separate the basins."));
        CheckEquilibria(context, pendulum, portrait.Data);

        double[][] starts = [[-3.0, 2.2], [3.0, -2.2], [0.5, 2.6], [-0.5, -2.6], [2.9, 0.0], [-2.9, 0.0], [1.0, 3.3], [-1.0, -3.3], [-6.0, 2.0], [6.0, -2.0]];
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Uniform(0, EndTime, 4001) };
        context.Progress($"integrating {starts.Length} trajectories to t = {EndTime}");
        var solutions = TrajectoryBatch.Solve(pendulum, starts, 0, EndTime, new DormandPrince5(), options);
        var energy = new TimeSeriesFigure(FigureStyle.Title(pendulum.Name + ": energy, a Lyapunov function", pendulum.Parameters),
            "E = ½ω² + (g/L)(1 − cos θ) (log scale)", "t (s)") { LegendCorner = ScottPlot.Alignment.UpperRight };
        energy.Plot.Axes.Left.TickGenerator = new LogTickGenerator();
        double worstIncrease = 0, worstRest = 0;
        for (int m = 0; m < starts.Length; m++)
        {
            var drift = InvariantMonitor.Measure(solutions[m], pendulum.Invariants[0]);
            if (m % 2 == 0 && m < 8) energy.AddSeries([.. drift.Times], [.. drift.Values.Select(e => Math.Log10(Math.Max(e, 1e-300)))], $"θ₀ = {FigureText.Number(starts[m][0], 2)}, ω₀ = {FigureText.Number(starts[m][1], 2)}");
            worstIncrease = Math.Max(worstIncrease, drift.Violation);
            var end = solutions[m].FinalState;
            double restAngle = 2 * Math.PI * Math.Round(end[0] / (2 * Math.PI));
            worstRest = Math.Max(worstRest, Math.Max(Math.Abs(end[0] - restAngle), Math.Abs(end[1])));
        }

        // dE/dt = −bω² ≤ 0; the solver's local error (rtol 1e-10 on states of size ≤ 7) bounds any apparent increase
        // between samples by about 1e-9.
        context.CheckAtMost("largest energy increase between samples", worstIncrease, 1e-9);
        // After t = 80 the slowest mode has decayed by e^{−(b/2)·80} = e^{−10} ≈ 5e-5 of its initial size (≤ 3.5).
        context.CheckAtMost("distance of every end state from its rest state 2πk", worstRest, 1e-3);
        // Near rest the energy of the linear oscillator decays like e^{−bt} on average (dE/dt = −bω² and ⟨ω²⟩ = E).
        energy.AddSeries([0, EndTime], [0, -pendulum.Damping * EndTime / Math.Log(10)], "E ∝ exp(−bt) (small swings)", dashed: true);
        energy.SavePng(context.FigurePath("energy.png", "Energy E = ½ω² + (1 − cos θ) along four trajectories (log scale, b = 0.25): it never increases, and near rest it decays like exp(−bt)."));

        CheckSmallOscillations(context, pendulum);
        CheckConservationWithoutFriction(context, pendulum with { Damping = 0 });
    }

    private static void CheckEquilibria(ExperimentContext context, DampedPendulum pendulum, PhasePlaneAnalysis data)
    {
        var points = data.FixedPoints;
        // Counts are exact: tolerance 0.
        context.Check("equilibria found in θ ∈ [−7.5, 7.5] (θ = kπ, k = −2 … 2)", points.Count, 5, 0);
        context.Check("stable spirals among them (k even)", points.Count(p => p.Class == FixedPointClass.StableSpiral), 3, 0);
        context.Check("saddles among them (k odd)", points.Count(p => p.Class == FixedPointClass.Saddle), 2, 0);
        // Newton with the analytic Jacobian converges quadratically: the equilibria are exact to rounding of π.
        context.CheckAtMost("largest |θ* − kπ| + |ω*|", points.Max(p => Math.Abs(p.Point[0] - Math.PI * Math.Round(p.Point[0] / Math.PI)) + Math.Abs(p.Point[1])), 1e-12);
        double b = pendulum.Damping, w2 = pendulum.GravityOverLength;
        var saddle = points.First(p => p.Class == FixedPointClass.Saddle);
        var spiral = points.First(p => p.Class == FixedPointClass.StableSpiral);
        // Eigenvalues of an analytic 2 × 2 Jacobian from MathNet's EVD: exact to a few ulps, hence 1e-12 for all three.
        context.Check("saddle's unstable eigenvalue (−b + √(b² + 4g/L))/2", saddle.Eigenvalues[1].Real, (-b + Math.Sqrt(b * b + 4 * w2)) / 2, 1e-12);
        context.Check("spiral's decay rate Re λ = −b/2", spiral.Eigenvalues[0].Real, -b / 2, 1e-12);
        context.Check("spiral's frequency |Im λ| = √(g/L − b²/4)", Math.Abs(spiral.Eigenvalues[0].Imaginary), Math.Sqrt(w2 - b * b / 4), 1e-12);
        // Each saddle (k odd) sends one unstable branch into each neighbouring well, (k − 1)π and (k + 1)π: a branch that
        // ends with E below the saddle's level 2g/L inside a well can never leave it (E never increases). Counted over
        // both saddles (4 branches, each well reached once per saddle): tolerance 0.
        context.Check("unstable branches trapped in the neighbouring wells (k ± 1)π, one each per saddle", TrappedUnstableBranches(pendulum, data), 4, 0);
    }

    private static int TrappedUnstableBranches(DampedPendulum pendulum, PhasePlaneAnalysis data)
    {
        int trapped = 0;
        foreach (var saddle in data.FixedPoints.Where(p => p.Class == FixedPointClass.Saddle))
        {
            var wells = data.Separatrices.Where(s => s.Saddle == saddle && s.Kind == ManifoldKind.Unstable)
                .Select(s => s.Path.State(s.Path.Count - 1).ToArray())
                .Where(end => pendulum.Energy(end) < 2 * pendulum.GravityOverLength)
                .Select(end => 2 * Math.Round(end[0] / (2 * Math.PI)))
                .ToHashSet();
            // The wells are numbered in units of π: the neighbours of the saddle at kπ are k − 1 and k + 1.
            double k = Math.Round(saddle.Point[0] / Math.PI);
            trapped += wells.Count(w => w == k - 1 || w == k + 1);
        }

        return trapped;
    }

    private static void CheckSmallOscillations(ExperimentContext context, DampedPendulum pendulum)
    {
        // Linearised: θ'' + bθ' + (g/L)θ = 0, θ ∝ e^{−bt/2} cos(Ωt) with Ω = √(g/L − b²/4). Successive upward zero
        // crossings of θ are 2π/Ω apart; successive maxima shrink by e^{−bπ/Ω}. The nonlinear correction to the period
        // is about A²/16 relative for amplitude A = 0.01, i.e. 6.3e-6 relative, 4e-5 absolute on the period (observed
        // 6e-6, as the amplitude decays): the period's tolerance is that bound. The same longer period lowers the ratio
        // of successive maxima by about (b/2)·(2π/Ω)·A²/16 ≈ 5e-6 relative, 2.3e-6 absolute (observed 4e-7): 1e-5 allows
        // for it and the next terms; Verner 8 at 1e-12 is far below both.
        double omega = Math.Sqrt(pendulum.GravityOverLength - pendulum.Damping * pendulum.Damping / 4);
        var options = SolverOptions.WithTolerance(1e-12) with
        {
            SaveAt = SaveAt.End,
            Events = [OdeEvent.Record("θ = 0 rising", (t, y) => y[0], EventDirection.Rising), OdeEvent.Record("ω = 0 falling", (t, y) => y[1], EventDirection.Falling)],
        };
        var solution = Ode.Solve(OdeProblem.Create(pendulum, [0.01, 0.0], 0, 20), new Verner8(), options);
        var crossings = solution.Events.Where(e => e.EventIndex == 0).Select(e => e.Time).ToArray();
        var maxima = solution.Events.Where(e => e.EventIndex == 1).Select(e => e.State[0]).ToArray();
        context.Check("small-oscillation period 2π/√(g/L − b²/4)", crossings[1] - crossings[0], 2 * Math.PI / omega, 4e-5);
        context.Check("amplitude ratio per period exp(−bπ/Ω)", maxima[1] / maxima[0], Math.Exp(-pendulum.Damping * Math.PI / omega), 1e-5);
    }

    private static void CheckConservationWithoutFriction(ExperimentContext context, DampedPendulum frictionless)
    {
        var solution = Ode.Solve(OdeProblem.Create(frictionless, [2.0, 0.0], 0, 100), new DormandPrince5(), SolverOptions.WithTolerance(1e-10));
        var drift = InvariantMonitor.Measure(solution, frictionless).Single();
        // DP5 is not symplectic, so energy drifts linearly; at local tolerance 1e-10 over ~2,000 steps that is ≲ 1e-7.
        context.CheckAtMost("energy drift without friction (b = 0, t ≤ 100)", drift.Violation, 1e-7);
        context.Report("frictionless_steps", solution.Statistics.AcceptedSteps);

        var saddle = FixedPoints.Find(frictionless, (2, 4), (-1, 1)).Single();
        var separatrices = Separatrices.Trace(frictionless, saddle, new SeparatrixOptions { Duration = 12, Tolerance = 1e-11 });
        double worst = separatrices.Max(s => InvariantMonitor.Measure(s.Path, frictionless.Invariants[0]).Values.Max(e => Math.Abs(e - 2 * frictionless.GravityOverLength)));
        // The heteroclinic orbits through the saddles are the level set E = 2g/L; starting 1e-6·π off the saddle along
        // the eigenvector changes E by ~1e-12, and the solver (tolerance 1e-11, 12 time units) keeps E to a few 1e-13
        // (observed 3.8e-13): 1e-11, the solver's tolerance, is the bound.
        context.CheckAtMost("|E − 2g/L| along the frictionless separatrices", worst, 1e-11);
        // The highest level drawn, E = 5g/L, peaks at ω = √10 ≈ 3.16: the window reaches ω = 4.4 to leave a strip for the legend.
        var drawn = PhasePortrait.Of(frictionless, (-7.5, 7.5), (-3.6, 4.4))
            .Background(FieldBackground.None)
            .Nullclines(false)
            .Separatrices(false)
            .LegendInside(ScottPlot.Alignment.UpperRight)
            .Title($"Pendulum without friction — g/L = {frictionless.GravityOverLength}: levels of the energy");
        DrawEnergyLevels(drawn.Plot, frictionless.GravityOverLength);
        FigureStyle.PiTicks(drawn.Plot.Axes.Bottom, -7.5, 7.5);
        drawn.SavePng(context.FigurePath("frictionless.png", "Pendulum without friction (b = 0, g/L = 1): the orbits are level sets of the energy E = ½ω² + (g/L)(1 − cos θ), drawn exactly: closed librations inside the separatrix E = 2g/L (heavy), rotations outside it; centres (open triangles) at 2πk, saddles (open squares) at odd multiples of π."));
    }

    // Levels of E = ½ω² + w²(1 − cos θ) as ω = ±√(2(E − w²(1 − cos θ))), each branch closed off at its turning points
    // (found by bisection) so that librations visibly close; the separatrix E = 2w² heavier. Exact curves, no integration.
    private static void DrawEnergyLevels(ScottPlot.Plot plot, double w2)
    {
        double[] levels = [0.25, 0.75, 1.25, 1.75, 2, 2.5, 3.5, 5];
        const int n = 3000;
        bool labelledLevel = false, labelledSeparatrix = false;
        foreach (double level in levels)
        {
            double energy = level * w2;
            double Room(double theta) => 2 * (energy - w2 * (1 - Math.Cos(theta)));
            bool separatrix = level == 2;
            foreach (int sign in new[] { 1, -1 })
            {
                var xs = new List<double>();
                var ys = new List<double>();
                for (int i = 0; i <= n; i++)
                {
                    double theta = -7.5 + 15.0 * i / n;
                    if (Room(theta) >= 0)
                    {
                        if (xs.Count == 0 && i > 0) xs.Add(Turning(Room, theta - 15.0 / n, theta));
                        if (ys.Count < xs.Count) ys.Add(0);
                        xs.Add(theta);
                        ys.Add(sign * Math.Sqrt(Room(theta)));
                        continue;
                    }

                    if (xs.Count > 0)
                    {
                        xs.Add(Turning(Room, theta, theta - 15.0 / n));
                        ys.Add(0);
                    }

                    Flush(plot, xs, ys, separatrix, ref separatrix ? ref labelledSeparatrix : ref labelledLevel);
                }

                Flush(plot, xs, ys, separatrix, ref separatrix ? ref labelledSeparatrix : ref labelledLevel);
            }
        }
    }

    // The angle between outside (room < 0) and inside (room ≥ 0) where room = 0, by bisection.
    private static double Turning(Func<double, double> room, double outside, double inside)
    {
        for (int k = 0; k < 60; k++)
        {
            double middle = 0.5 * (outside + inside);
            if (room(middle) >= 0) inside = middle;
            else outside = middle;
        }

        return inside;
    }

    private static void Flush(ScottPlot.Plot plot, List<double> xs, List<double> ys, bool separatrix, ref bool labelled)
    {
        if (xs.Count >= 2)
        {
            var line = plot.Add.ScatterLine(xs.ToArray(), ys.ToArray(), separatrix ? FigureColors.At(1) : FigureColors.At(0));
            line.LineWidth = separatrix ? 3 : 1.5f;
            if (!labelled) line.LegendText = separatrix ? "separatrix E = 2g/L" : "levels of E (orbits)";
            labelled = true;
        }

        xs.Clear();
        ys.Clear();
    }
}
