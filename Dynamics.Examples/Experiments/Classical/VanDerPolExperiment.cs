using Dynamics.Examples.Gallery;
using Dynamics.Models.Classical;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Classical;

/// <summary>
/// The Van der Pol oscillator: every trajectory except the unstable focus at the origin is drawn onto one limit cycle.
/// Checks the μ = 1 cycle's period and amplitude against their high-precision values to 1e-6, from inside and outside.
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
        var portrait = new TrajectoryFigure(FigureStyle.Title(model.Name, model.Parameters), model.ComponentNames[0], model.ComponentNames[1]);
        double[][] starts = [[0.1, 0.0], [4.0, 0.0], [-3.0, 3.5], [0.0, -4.0]];
        foreach (var start in starts)
        {
            var (period, amplitude, solution) = MeasureCycle(model, start);
            string where = start[0] * start[0] + start[1] * start[1] < 1 ? "inside" : "outside";
            // Event times and states come from Verner 8's 8th-order interpolant at rtol 1e-12 after 15 periods of
            // contraction (Floquet multiplier ≈ e^{−1.06} per period), so 1e-6 is a loose bound.
            context.Check($"period from ({start[0]}, {start[1]}) ({where})", period, VanDerPol.PeriodAtMuOne, 1e-6);
            context.Check($"amplitude from ({start[0]}, {start[1]}) ({where})", amplitude, VanDerPol.AmplitudeAtMuOne, 1e-6);
            var x = solution.Component(0);
            var y = solution.Component(1);
            int shown = Array.FindIndex(solution.Times.ToArray(), t => t > 20);
            portrait.AddPath(x[..shown], y[..shown], $"from ({start[0]:0.#}, {start[1]:0.#})");
        }

        var cycle = Ode.Solve(OdeProblem.Create(model, [VanDerPol.AmplitudeAtMuOne, 0.0], 0, VanDerPol.PeriodAtMuOne), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(0, VanDerPol.PeriodAtMuOne, 600) });
        var line = portrait.Plot.Add.ScatterLine(cycle.Component(0), cycle.Component(1), FigureColors.Reference);
        line.LineWidth = 4;
        line.LinePattern = LinePattern.Dashed;
        line.LegendText = $"limit cycle, T = {VanDerPol.PeriodAtMuOne:F6}";
        portrait.AddPoint(0, 0, "unstable focus (0, 0)", MarkerShape.OpenCircle, FigureColors.At(1));
        portrait.SavePng(context.FigurePath("phase-portrait.png"));

        var family = new TrajectoryFigure("Van der Pol limit cycles as μ grows", "x", "y = dx/dt");
        foreach (double mu in new[] { 0.25, 1.0, 2.0, 4.0 })
        {
            var (period, _, solution) = MeasureCycle(model with { Mu = mu }, [2.0, 0.0]);
            var last = Enumerable.Range(0, solution.Count).Where(i => solution.Times[i] >= solution.FinalTime - period).ToArray();
            family.AddPath([.. last.Select(i => solution.State(i)[0])], [.. last.Select(i => solution.State(i)[1])], $"μ = {mu}, T = {period:F3}", arrows: 1);
            context.Report($"period_mu_{mu}", period);
        }

        family.SavePng(context.FigurePath("mu-family.png"));
    }

    /// <summary>Integrates 15 periods' worth and measures the last full cycle between maxima of x (where y falls through 0).</summary>
    private static (double Period, double Amplitude, Solution Solution) MeasureCycle(VanDerPol model, double[] start)
    {
        double horizon = 15 * (3 - 2 * Math.Log(2)) * Math.Max(model.Mu, 1) + 40;
        var options = SolverOptions.WithTolerance(1e-12) with
        {
            SaveAt = SaveAt.Uniform(0, horizon, 8000),
            Events = [OdeEvent.Record("x maximum", (t, y) => y[1], EventDirection.Falling)],
        };
        var solution = Ode.Solve(OdeProblem.Create(model, start, 0, horizon), new Verner8(), options);
        var maxima = solution.Events;
        return (maxima[^1].Time - maxima[^2].Time, maxima[^1].State[0], solution);
    }
}
