using Dynamics.Analysis;
using Dynamics.Examples.Gallery;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Analysis;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Examples.Experiments.Classical;

/// <summary>
/// The Lotka–Volterra predator–prey model: a saddle at extinction, a centre at (γ/δ, α/β) surrounded by closed orbits,
/// the level sets of the conserved V = δx − γ ln x + βy − α ln y. Checks: the equilibria, classes and eigenvalues, the
/// conservation of V along computed orbits, the small-oscillation period 2π/√(αγ), and that the time averages of
/// both populations over a cycle equal the equilibrium values (Volterra's principle).
/// </summary>
public sealed class LotkaVolterraExperiment : IExperiment
{
    // The default parameters as the fractions the model uses.
    private const string Fractions = "α = 2/3, β = 4/3, γ = δ = 1";

    /// <inheritdoc/>
    public string Name => "lotka-volterra";

    /// <inheritdoc/>
    public string Description => "Lotka–Volterra: closed orbits around a centre, the conserved quantity, periods and Volterra's averages.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var model = new LotkaVolterra();
        double[][] starts = [[1.0, 0.2], [1.0, 0.1], [1.0, 0.35], [0.3, 0.5]];
        var portrait = PhasePortrait.Of(model, (-0.2, 3.2), (-0.2, 2.4))
            .Background(FieldBackground.Streamlines)
            .Trajectories(starts, forward: 12)
            .Title(FigureStyle.Title(model.Name, Fractions))
            // The orbits stay below y ≈ 1.5: above them, right of the nullcline x = 1, only background streamlines run.
            .LegendInside(ScottPlot.Alignment.UpperRight);
        portrait.SavePng(context.FigurePath("phase-portrait.png", "Lotka–Volterra, α = 2/3, β = 4/3, γ = δ = 1: closed orbits around the centre (γ/δ, α/β) = (1, 1/2), levels of the conserved quantity, with the direction field and nullclines."));
        CheckEquilibria(context, model, portrait.Data.FixedPoints);

        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Uniform(0, 40, 2001) };
        var solutions = TrajectoryBatch.Solve(model, starts, 0, 40, new DormandPrince5(), options);
        var drifts = solutions.Select(s => InvariantMonitor.Measure(s, model).Single()).ToList();
        // DP5 at tolerance 1e-10 over 40 time units (~5 cycles, ~10³ steps): V drifts by ≲ 1e-9.
        context.CheckAtMost("largest drift of V over t ≤ 40 (four orbits)", drifts.Max(d => d.Violation), 1e-8);
        DrawTimeSeries(context, model, solutions, drifts);

        double centreX = model.Gamma / model.Delta, centreY = model.Alpha / model.Beta;
        var small = LimitCycles.Detect(model, [centreX * 1.001, centreY]);
        // A tiny orbit around the centre: the linearisation's period 2π/√(αγ), corrected by O(ε²) ≈ 1e-6 for ε = 1e-3.
        context.Check("small-orbit period 2π/√(αγ)", small.Period, 2 * Math.PI / Math.Sqrt(model.Alpha * model.Gamma), 1e-5);

        // Volterra's principle: over one period ∫ẋ/x dt = 0 = ∫(α − βy) dt, so ⟨y⟩ = α/β, and likewise ⟨x⟩ = γ/δ.
        var cycle = LimitCycles.Detect(model, starts[0]);
        var orbit = Ode.Solve(OdeProblem.Create(model, cycle.PointOnCycle, 0, cycle.Period), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(0, cycle.Period, 513) });
        // The period is known to ~1e-12 and the rule below is spectrally accurate (observed errors 3e-14 and 2.5e-15):
        // 1e-11 is the period's error with a margin of ten.
        context.Check("large orbit: time average of prey over a period = γ/δ", PeriodicMean(orbit, 0), centreX, 1e-11);
        context.Check("large orbit: time average of predators over a period = α/β", PeriodicMean(orbit, 1), centreY, 1e-11);
        context.Report("large_orbit_period", cycle.Period);
    }

    // The trapezoidal rule on equally spaced samples of one period (the last repeats the first): for a smooth periodic
    // function it converges geometrically with the number of samples (Trefethen & Weideman 2014).
    private static double PeriodicMean(Solution orbit, int component)
    {
        var values = orbit.Component(component);
        double sum = 0;
        for (int k = 0; k < values.Length - 1; k++) sum += values[k];
        return sum / (values.Length - 1);
    }

    private static void CheckEquilibria(ExperimentContext context, LotkaVolterra model, IReadOnlyList<FixedPoint> points)
    {
        // A count: tolerance 0.
        context.Check("equilibria found (extinction and coexistence)", points.Count, 2, 0);
        var saddle = points.Single(p => p.Class == FixedPointClass.Saddle);
        var centre = points.Single(p => p.Class == FixedPointClass.Centre);
        // Newton with the analytic Jacobian converges to rounding, for both equilibria.
        context.CheckAtMost("extinction equilibrium |(x, y)|", Math.Abs(saddle.Point[0]) + Math.Abs(saddle.Point[1]), 1e-12);
        context.Check("coexistence prey x* = γ/δ", centre.Point[0], model.Gamma / model.Delta, 1e-12);
        context.Check("coexistence predators y* = α/β", centre.Point[1], model.Alpha / model.Beta, 1e-12);
        // J at the centre is [[0, −βγ/δ], [δα/β, 0]]: λ = ±i√(αγ), and at the origin diag(α, −γ); MathNet's EVD of
        // these exact 2 × 2 matrices is accurate to a few ulps, hence 1e-12 for all four.
        context.Check("centre frequency |Im λ| = √(αγ)", Math.Abs(centre.Eigenvalues[0].Imaginary), Math.Sqrt(model.Alpha * model.Gamma), 1e-12);
        context.CheckAtMost("centre |Re λ|", Math.Abs(centre.Eigenvalues[0].Real), 1e-12);
        context.Check("saddle's eigenvalues: prey growth α", saddle.Eigenvalues[1].Real, model.Alpha, 1e-12);
        context.Check("saddle's eigenvalues: predator death −γ", saddle.Eigenvalues[0].Real, -model.Gamma, 1e-12);
    }

    private static void DrawTimeSeries(ExperimentContext context, LotkaVolterra model, Solution[] solutions, List<InvariantDrift> drifts)
    {
        var populations = new TimeSeriesFigure(FigureStyle.Title(model.Name, Fractions) + "\npopulations from (1, 0.2)", "population", "t");
        populations.AddComponent(solutions[0], 0, "prey x").AddComponent(solutions[0], 1, "predators y");
        populations.AddSeries([0, 40], [model.Gamma / model.Delta, model.Gamma / model.Delta], "x* = γ/δ", dashed: true);
        // One clean curve instead of four noisy overlapping ones: the largest relative drift so far over all the orbits
        // (a running maximum, so the trend shows and the sampling noise does not), on a log axis.
        var drift = new TimeSeriesFigure("Drift of the conserved V = δx − γ ln x + βy − α ln y\nDormand–Prince 5(4), tolerance 10⁻¹⁰", "largest |V(t) − V(0)| / max(1, |V(0)|) so far (log scale)", "t");
        LearningLogTicks(drift.Plot.Axes.Left);
        var times = drifts[0].Times.ToArray();
        var envelope = new double[times.Length];
        double worst = 1e-17;
        for (int i = 0; i < times.Length; i++)
        {
            foreach (var d in drifts)
            {
                double scale = Math.Max(1, Math.Abs(d.Values[0]));
                if (i < d.Values.Count) worst = Math.Max(worst, Math.Abs(d.Values[i] - d.Values[0]) / scale);
            }

            envelope[i] = Math.Log10(worst);
        }

        drift.AddSeries(times, envelope, $"worst of the {drifts.Count} orbits");
        drift.AddSeries([times[0], times[^1]], [-10, -10], "local tolerance per step, 10⁻¹⁰", dashed: true);
        // From rounding level up: the drift leaves 10⁻¹⁶ within the first step, so lower decades would be empty.
        drift.Plot.Axes.SetLimitsY(-13.5, -8);
        FigureStyle.ShowLegendInside(populations.Plot, ScottPlot.Alignment.UpperRight);
        FigureStyle.ShowLegendInside(drift.Plot, ScottPlot.Alignment.LowerRight);
        new MultiPanelFigure(1, 2).Add(populations.Plot).Add(drift.Plot).SavePng(context.FigurePath("time-series.png", "Lotka–Volterra (α = 2/3, β = 4/3, γ = δ = 1): prey and predators against time from (1, 0.2), oscillating about x* = γ/δ (left); the largest relative drift of the conserved V so far over the four orbits of the portrait, log scale (right): it rises in steps to a few times the solver's local tolerance 10⁻¹⁰ per step within the first period and then hardly grows."), 2000, 750);
    }

    private static void LearningLogTicks(ScottPlot.IAxis axis) => axis.TickGenerator = new LogTickGenerator();
}
