using Dynamics.Analysis;
using Dynamics.Examples.Gallery;
using Dynamics.Models.Classical;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Analysis;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Examples.Experiments.Classical;

/// <summary>
/// The Van der Pol oscillator: every trajectory except the unstable focus at the origin is drawn onto one limit cycle.
/// The cycle is detected from Poincaré-section returns (<see cref="LimitCycles"/>) and its period and amplitude checked
/// against their high-precision values to 1e-6, from inside and outside; the origin's class and eigenvalues, the three
/// branches of the cubic nullcline, and the small-μ period 2π(1 + μ²/16 − 5μ⁴/3072) are checked as well.
/// </summary>
public sealed class VanDerPolExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "van-der-pol";

    /// <inheritdoc/>
    public string Description => "Van der Pol oscillator: the limit cycle, its period and amplitude, and its shape as μ grows.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var model = new VanDerPol();
        double[][] starts = [[0.1, 0.0], [4.0, 0.0], [-3.0, 3.5], [0.0, -4.0]];
        foreach (var start in starts)
        {
            var cycle = LimitCycles.Detect(model, start);
            string where = start[0] * start[0] + start[1] * start[1] < 1 ? "inside" : "outside";
            // Section crossings come from Verner 8's 8th-order interpolant at rtol 1e-12; the measured errors are
            // 2e-13 to 6e-12 in the period and ~1e-14 in the amplitude, so 5e-11 and 1e-12 keep a margin of ~10.
            context.Check(FigureText.Minuses($"period from ({start[0]}, {start[1]}) ({where})"), cycle.Period, VanDerPol.PeriodAtMuOne, 5e-11);
            context.Check(FigureText.Minuses($"amplitude from ({start[0]}, {start[1]}) ({where})"), cycle.Amplitude, VanDerPol.AmplitudeAtMuOne, 1e-12);
        }

        context.Progress("phase portrait with the limit cycle");
        // Tall enough for the trajectory from (0, −4), which dips to y ≈ −5 before it turns onto the cycle.
        var portrait = PhasePortrait.Of(model, (-3.4, 3.4), (-5.6, 5.6))
            .Trajectories([[0.1, 0.0], [-3.0, 3.5], [0.0, -4.0], [3.0, -1.0]], forward: 15)
            .LimitCycleFrom(0.1, 0.0)
            // Above the right branch of the y-nullcline the window holds arrows only: room for the legend.
            .LegendInside(ScottPlot.Alignment.UpperRight);
        portrait.SavePng(context.FigurePath("phase-portrait.png", "Van der Pol oscillator, μ = 1: trajectories from inside and outside wind onto the limit cycle (period 6.66329, amplitude 2.00862); the origin is an unstable spiral (open diamond)."));
        var data = portrait.Data;
        var origin = data.FixedPoints.Single();
        // Counts and classes are exact: tolerance 0.
        context.Check("equilibria in the window (the origin only)", data.FixedPoints.Count, 1, 0);
        context.Check("the origin is an unstable spiral (1 = yes)", origin.Class == FixedPointClass.UnstableSpiral ? 1 : 0, 1, 0);
        // J = [[0, 1], [−1, μ]] analytically: λ = (μ ± i√(4 − μ²))/2, exact to a few ulps from MathNet's EVD (both parts).
        context.Check("Re λ at the origin = μ/2", origin.Eigenvalues[0].Real, model.Mu / 2, 1e-12);
        context.Check("|Im λ| at the origin = √(4 − μ²)/2", Math.Abs(origin.Eigenvalues[0].Imaginary), Math.Sqrt(4 - model.Mu * model.Mu) / 2, 1e-12);
        // A count: tolerance 0.
        context.Check("branches of the nullcline y = x/(μ(1 − x²)) (split by x = ±1)", data.Nullclines!.YNullclines.Count, 3, 0);

        DrawTimeSeries(context, model);
        DrawFamily(context, model);
    }

    private static void DrawTimeSeries(ExperimentContext context, VanDerPol model)
    {
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Uniform(0, 30, 1501) };
        var solutions = TrajectoryBatch.Solve(model, [[0.1, 0.0], [4.0, 0.0]], 0, 30, new DormandPrince5(), options);
        var figure = new TimeSeriesFigure(FigureStyle.Title(model.Name + ": approach to the cycle", model.Parameters), "x", "t")
        {
            LegendCorner = ScottPlot.Alignment.UpperRight,
        };
        figure.AddComponent(solutions[0], 0, "from (0.1, 0), inside").AddComponent(solutions[1], 0, "from (4, 0), outside");
        figure.AddSeries([0, 30], [VanDerPol.AmplitudeAtMuOne, VanDerPol.AmplitudeAtMuOne], "± amplitude of the cycle", dashed: true);
        figure.AddSeries([0, 30], [-VanDerPol.AmplitudeAtMuOne, -VanDerPol.AmplitudeAtMuOne], "", dashed: true);
        figure.SavePng(context.FigurePath("time-series.png", "x(t) for μ = 1 from (0.1, 0) and (4, 0): both settle on the cycle's amplitude 2.00862 within a few periods."));
    }

    private static void DrawFamily(ExperimentContext context, VanDerPol model)
    {
        var family = new TrajectoryFigure("Van der Pol limit cycles as μ grows", "x", "y = dx/dt") { LegendCorner = ScottPlot.Alignment.UpperLeft };
        double[] mus = [0.25, 1.0, 2.0, 4.0];
        // Colour encodes the continuous parameter μ, dark to light.
        var scale = new Plotting.Styling.SequentialScale(mus[0], mus[^1]);
        var periods = new List<string>();
        foreach (double mu in mus)
        {
            var cycle = LimitCycles.Detect(model with { Mu = mu }, [2.0, 0.0]);
            // A cycle has no start; each is traced from its crossing of y = 0 near x = 2, where four crosses would pile up.
            family.AddPath(cycle.Orbit.Component(0), cycle.Orbit.Component(1), $"μ = {mu}", scale.ColorOf(mu), arrows: 2, lineWidth: 2.5f, startMarker: false);
            periods.Add($"T = {Plotting.Styling.FigureText.Number(cycle.Period, 5)} for μ = {mu}");
            context.Report($"period_mu_{mu}", cycle.Period);
            context.Report($"amplitude_mu_{mu}", cycle.Amplitude);
            if (mu == 0.25)
            {
                // Poincaré–Lindstedt: T = 2π(1 + μ²/16 − 5μ⁴/3072 + O(μ⁶)); the O(μ⁶) term is ~1e-6 at μ = 1/4, while an
                // error in the μ⁴ coefficient would show as ~4e-5.
                double expected = 2 * Math.PI * (1 + mu * mu / 16 - 5 * Math.Pow(mu, 4) / 3072);
                context.Check("small-μ period 2π(1 + μ²/16 − 5μ⁴/3072), μ = 1/4", cycle.Period, expected, 3e-6);
            }
        }

        family.Plot.Axes.SetLimits(-2.6, 2.6, -7.5, 8.5);
        family.SavePng(context.FigurePath("mu-family.png", $"Van der Pol limit cycles for μ = 0.25, 1, 2, 4 (colour from dark to light as μ grows; arrows give the direction of motion): from a near-circle to a relaxation oscillation; periods {string.Join(", ", periods)}."));
    }
}
