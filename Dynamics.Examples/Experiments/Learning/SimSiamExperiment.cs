using Dynamics.Examples.Gallery;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Learning;

/// <summary>
/// Su's SimSiam toy l = ½(φθ − θ)² (kexue.fm/archives/7980, docs/learning.md): with stop-gradient the encoder θ does not
/// collapse (θ → √0.65), with the full gradient or only the target's term it collapses to 0; each variant keeps a
/// conserved quantity that predicts its limit exactly.
/// </summary>
public sealed class SimSiamExperiment : IExperiment
{
    private const double End = 200;

    /// <inheritdoc/>
    public string Name => "simsiam";

    /// <inheritdoc/>
    public string Description => "SimSiam toy: stop-gradient prevents collapse; invariants predict every limit.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        double[] start = [.. SimSiamToy.SuInitialState];
        (SimSiamGradient Gradient, double Invariant, double Phi, double Theta)[] cases =
        [
            (SimSiamGradient.StopGradient, -0.35, 1, 0.8062258),
            (SimSiamGradient.Full, 0.15, 0.6127017, 0),
            (SimSiamGradient.SecondTermOnly, 0.605, 0.605, 0),
        ];
        var series = new TimeSeriesFigure("SimSiam toy ½(φθ − θ)² from (φ, θ) = (0.6, 0.1)", "value", "t");
        var plane = new TrajectoryFigure("SimSiam toy: trajectories on their invariant curves", "φ (predictor)", "θ (encoder)") { LegendCorner = Alignment.UpperLeft };
        var zoom = new TrajectoryFigure("zoom: where the collapsing variants end", "φ (predictor)", "θ (encoder)") { LegendCorner = Alignment.LowerLeft };
        for (int k = 0; k < cases.Length; k++)
        {
            var (gradient, invariant, phi, theta) = cases[k];
            var toy = new SimSiamToy(gradient);
            var solution = Ode.Solve(OdeProblem.Create(toy, start, 0, End), new Verner8(), SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(0, End, 4001) });
            var conserved = toy.Invariants[0];
            // The final approach is linear: with u = φ − φ∞ and residual θ(φ − 1), the slow rate is θ∞² (stop-gradient),
            // (1 − φ∞)² (full gradient) or 1 − φ∞ (second term only). Fitted to ln of the distance to the limit while it
            // falls from 1e-4 to 1e-10, where the neglected quadratic terms change the rate by ~1e-4 relative.
            double rate = gradient switch
            {
                SimSiamGradient.StopGradient => theta * theta,
                SimSiamGradient.Full => (1 - phi) * (1 - phi),
                _ => 1 - phi,
            };
            context.Check($"{toy.Parameters}: rate of the final approach to the limit", ApproachRate(solution, solution.FinalState[0], solution.FinalState[1]), rate, 2e-3 * rate);
            // Verner 8 at 1e-12: the invariant holds to ~1e-12.
            context.CheckAtMost($"{toy.Parameters}: drift of {conserved.Name}", conserved.Measure(solution.Times, solution.States, 2).Violation, 1e-10);
            // The slowest approach, θ̇ ≈ −0.15θ (full gradient), has decayed by e^{−30} ≈ 1e-13 at t = 200, so the
            // tolerance is the rounding of the seven quoted decimals.
            context.Check($"{toy.Parameters}: φ(∞)", solution.FinalState[0], phi, 5e-8);
            context.Check($"{toy.Parameters}: θ(∞)", solution.FinalState[1], theta, 5e-8);

            string name = toy.Parameters;
            var color = FigureColors.At(k);
            var phiLine = series.Plot.Add.ScatterLine([.. solution.Times], solution.Component(0), color);
            phiLine.LineWidth = 2;
            // The collapsing variants' φ end 0.008 apart (0.613, 0.605): dotted for the second-term one so both stay visible.
            phiLine.LinePattern = gradient == SimSiamGradient.SecondTermOnly ? LinePattern.Dotted : LinePattern.Dashed;
            phiLine.LegendText = $"{name}: φ → {phi:G3}";
            var thetaLine = series.Plot.Add.ScatterLine([.. solution.Times], solution.Component(1), color);
            thetaLine.LineWidth = 3;
            thetaLine.LegendText = $"{name}: θ → {theta:G3}{(theta == 0 ? " (collapse)" : " (no collapse)")}";

            // The three variants share the start (0.6, 0.1): it is marked once (below), not by three piled crosses.
            plane.AddPath(solution.Component(0), solution.Component(1), FigureText.Minuses($"{name}: {conserved.Name} = {invariant}"), color, arrows: 2, startMarker: false);
            zoom.AddPath(solution.Component(0), solution.Component(1), name, color, arrows: 2, startMarker: false);
            var curve = InvariantCurve(gradient, invariant);
            var dashed = plane.Plot.Add.ScatterLine(curve.Phi, curve.Theta, color.WithAlpha(0.5));
            dashed.LinePattern = LinePattern.Dashed;
            dashed.LineWidth = 1.5f;
        }

        // The band between the collapsed θ and the φ's at 0.6 is empty from t ≈ 15 on: the legend goes there.
        series.Plot.Axes.SetLimits(0, 40, -0.3, 1.05);
        series.LegendCorner = Alignment.MiddleRight;
        series.SavePng(context.FigurePath("time-series.png", "SimSiam toy L = ½(φθ − θ)² from (φ, θ) = (0.6, 0.1): φ (dashed; dotted for the second-term variant, whose limit 0.605 lies just under the full gradient's 0.613) and θ (solid) for three gradient variants; only the stop-gradient keeps θ away from 0 (no collapse)."), 1500, 850);
        // The lines of equilibria and their stability. φ = 1 attracts in every variant (φ′ = −θ²(φ − 1)). On θ = 0 with
        // 0 < φ < 1 the θ-eigenvalue is −φ(φ − 1) > 0 with stop-gradient (repelling: no collapse), −(φ − 1)² < 0 with the
        // full gradient and φ − 1 < 0 with the second term only (attracting: collapse).
        foreach (var figure in new[] { plane, zoom })
        {
            figure.AddPoint(0.6, 0.1, figure == plane ? "common start (0.6, 0.1)" : "", FixedPointStyle.StartShape, FigureColors.Reference);
            var attracting = figure.Plot.Add.VerticalLine(1, 3, FigureColors.Reference);
            if (figure == plane) attracting.LegendText = "φ = 1: equilibria, attracting";
            var line = figure.Plot.Add.HorizontalLine(0, 3, FigureColors.Reference, LinePattern.Dotted);
            if (figure == plane) line.LegendText = "θ = 0, 0 < φ < 1: repels stop-gradient, attracts the others";
        }

        plane.Plot.Axes.SetLimits(0.2, 1.2, -0.1, 1.0);
        plane.Plot.Axes.SquareUnits();
        // Equal units in the zoom as well: the collapsing variants fall almost straight down, and a stretched φ-axis
        // would show them bending sideways.
        LearningFigures.SetWindow(zoom.Plot, 0.585, 0.625, -0.005, 0.105);
        FigureStyle.ShowLegendInside(plane.Plot, Alignment.UpperLeft);
        FigureStyle.ShowLegendInside(zoom.Plot, Alignment.LowerLeft);
        new MultiPanelFigure(1, 2).Add(plane.Plot).Add(zoom.Plot).SavePng(context.FigurePath("phase-plane.png",
            "SimSiam toy L = ½(φθ − θ)² in the (φ, θ) plane from (0.6, 0.1): each trajectory runs along its conserved curve (dashed) to a line of equilibria. Left, equal units: with stop-gradient it climbs to φ = 1, θ = √0.65. Right, zoomed: the full-gradient and second-term variants fall onto θ = 0 at φ = 0.6127 and 0.605. The line θ = 0 (0 < φ < 1) repels the stop-gradient flow and attracts the others; φ = 1 attracts all three."), 2200, 900);
    }

    // −d ln(distance to the end state, within 1e-13 of the limit)/dt by least squares over the samples where the distance lies in [1e-10, 1e-4].
    private static double ApproachRate(Solution solution, double phi, double theta)
    {
        double n = 0, st = 0, sy = 0, stt = 0, sty = 0;
        for (int i = 0; i < solution.Count; i++)
        {
            var y = solution.State(i);
            double d = Math.Abs(y[0] - phi) + Math.Abs(y[1] - theta);
            if (d is < 1e-10 or > 1e-4) continue;
            double t = solution.Times[i], l = Math.Log(d);
            n++;
            st += t;
            sy += l;
            stt += t * t;
            sty += t * l;
        }

        return -(n * sty - st * sy) / (n * stt - st * st);
    }

    // The conserved level set through the start, drawn over the plotted window.
    private static (double[] Phi, double[] Theta) InvariantCurve(SimSiamGradient gradient, double level)
    {
        var phi = Enumerable.Range(0, 400).Select(i => 0.2 + i / 399.0).ToArray();
        var theta = phi.Select(p => gradient switch
        {
            SimSiamGradient.StopGradient => Math.Sqrt(level + p * p),
            SimSiamGradient.Full => (p - 1) * (p - 1) - level >= 0 ? Math.Sqrt((p - 1) * (p - 1) - level) : double.NaN,
            _ => level - p >= 0 ? Math.Sqrt(2 * (level - p)) : double.NaN,
        }).ToArray();
        var keep = Enumerable.Range(0, phi.Length).Where(i => double.IsFinite(theta[i]) && (gradient != SimSiamGradient.Full || phi[i] < 1)).ToArray();
        return ([.. keep.Select(i => phi[i])], [.. keep.Select(i => theta[i])]);
    }
}
