using Dynamics.Examples.Gallery;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Optimization;
using Dynamics.Solvers.RungeKutta;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Learning;

/// <summary>
/// Why the learning rate should not be too small (kexue.fm/archives/7787; Barrett &amp; Dherin, arXiv 2009.11162;
/// docs/learning.md): gradient descent with step γ follows the modified flow θ̇ = −∇(L + (γ/4)‖∇L‖²) to O(γ²) and the
/// plain gradient flow only to O(γ). Reproduces the numbers of docs/learning.md ("The modified equation") and measures both orders on a curved valley.
/// </summary>
public sealed class ModifiedEquationExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "modified-equation";

    /// <inheritdoc/>
    public string Description => "Finite-step GD follows the modified flow L + (γ/4)‖∇L‖² to O(γ²), the plain flow to O(γ).";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        Table(context);
        Rates(context);
        Valley(context);
    }

    private static void Table(ExperimentContext context)
    {
        var loss = QuadraticLoss.Diagonal(1.0);
        (double Gamma, double Gd, double Modified, double Plain)[] table = [(0.1, 0.34868, 0.34994, 0.36788), (0.05, 0.35849, 0.35880, 0.36788)];
        foreach (var (gamma, _, modified, plain) in table)
        {
            var run = OptimizerRun.Iterate(new GradientDescent(gamma), loss, [1.0], (long)Math.Round(1 / gamma), recordEvery: 0);
            double modifiedEnd = Solve(new ModifiedGradientFlow<QuadraticLoss>(loss, gamma), [1.0], run.FinalTime)[0];
            // The table's five decimals: ±5e-6 is its rounding.
            context.Check($"published table, γ = {gamma}: modified flow θ(1)", modifiedEnd, modified, 5e-6);
            context.Check($"published table, γ = {gamma}: plain flow θ(1)", Solve(new GradientFlow<QuadraticLoss>(loss), [1.0], run.FinalTime)[0], plain, 5e-6);
            // GD's rate −ln(1 − γa)/γ exceeds the modified flow's a + γa²/2 by γ²a³/3 + γ³a⁴/4 + γ⁴a⁵/5 + …, so at t = 1
            // GD falls short of the solved modified flow by θ(1)(γ²/3 + γ³/4) (a = 1) up to a remainder ≈ 0.14·θ(1)γ⁴;
            // the tolerance θ(1)γ⁴/2 bounds that remainder.
            context.Check($"γ = {gamma}: modified flow θ(1) − GD θ(1), the O(γ²) gap", modifiedEnd - run.FinalState[0],
                modifiedEnd * (gamma * gamma / 3 + gamma * gamma * gamma / 4), modifiedEnd * Math.Pow(gamma, 4) / 2);
        }
    }

    private static void Rates(ExperimentContext context)
    {
        const double a = 1.0, gamma = 0.25, end = 10;
        var loss = QuadraticLoss.Diagonal(a);
        var run = OptimizerRun.Iterate(new GradientDescent(gamma), loss, [1.0], (long)(end / gamma));
        var modified = Ode.Solve(OdeProblem.Create(new ModifiedGradientFlow<QuadraticLoss>(loss, gamma), [1.0], 0, end), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(0, end, 201) });
        var plain = Ode.Solve(OdeProblem.Create(new GradientFlow<QuadraticLoss>(loss), [1.0], 0, end), new Verner8(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(0, end, 201) });
        // The modified flow's decay rate, fitted by least squares to ln θ(t) of the solved trajectory, against a + γa²/2.
        // Verner 8 at 1e-12 on a linear decay: the fitted slope is exact to ~1e-11.
        context.Check($"modified flow's decay rate from the solution, against a + γa²/2 (γ = {gamma})", -Slope(modified.Times, modified.Component(0)), a + gamma * a * a / 2, 1e-9);
        var figure = new TimeSeriesFigure("Gradient descent on ½aθ² against its flows", "θ(t) (log scale)", "t") { LegendCorner = Alignment.LowerLeft };
        LearningFigures.UseLogTicks(figure.Plot.Axes.Left);
        var markers = figure.Plot.Add.Markers([.. run.Times], LearningFigures.Log10(run.Component(0)), MarkerShape.FilledCircle, 9, FigureColors.At(0));
        markers.LegendText = "GD iterates (1 − γa)ⁿ";
        var lines = figure.Plot.Add.ScatterLine([.. modified.Times], LearningFigures.Log10(modified.Component(0)), FigureColors.At(1));
        lines.LineWidth = 2;
        lines.LegendText = "modified flow";
        figure.AddSeries([.. plain.Times], LearningFigures.Log10(plain.Component(0)), "gradient flow", dashed: true);
        figure.SavePng(context.FigurePath("quadratic-rates.png", $"Gradient descent on L = ½aθ² (a = {a}, γ = {gamma}) from θ₀ = 1, log scale, where slopes are rates: the GD iterates (markers) decay at −ln(1 − γa)/γ = {FigureText.Number(-Math.Log(1 - gamma * a) / gamma, 4)}, the modified flow −∇(L + (γ/4)‖∇L‖²) (solid) at a + γa²/2 = {FigureText.Number(a + gamma * a * a / 2, 4)}, the plain gradient flow (dashed) at a = {FigureText.Number(a, 4)}."), 1500, 850);
    }

    private static void Valley(ExperimentContext context)
    {
        context.Progress("GD against both flows on a curved valley");
        var loss = new RosenbrockLoss(1.0, 5.0);
        double[] theta0 = [-1.2, 1.6];
        // Sixteen-fold in γ (over a decade), so the fitted orders are not an accident of two neighbouring points.
        double[] gammas = [0.004, 0.002, 0.001, 0.0005, 0.00025];
        var modified = MapFlowComparison.Scaling(gammas, g => Compare(loss, theta0, g, new ModifiedGradientFlow<RosenbrockLoss>(loss, g)));
        var plain = MapFlowComparison.Scaling(gammas, g => Compare(loss, theta0, g, new GradientFlow<RosenbrockLoss>(loss)));
        // γ times the largest curvature (≈ 30 on this path) stays ≤ 0.12, so the next-order terms bend the slopes by < 0.15.
        context.Check("order of GD − modified flow (Rosenbrock b = 5, T = 1)", modified.Order, 2, 0.15);
        context.Check("order of GD − plain flow (Rosenbrock b = 5, T = 1)", plain.Order, 1, 0.15);
        var scaling = new ConvergenceFigure($"GD against the two flows on {loss.Name} ({loss.Parameters}), T = 1", "learning rate γ (log scale)", "‖GD iterate − flow‖ at T = 1 (log scale)") { LegendCorner = Alignment.UpperLeft };
        scaling.AddSeries(gammas, plain.Gaps, $"plain gradient flow: slope {plain.Order:F2}");
        scaling.AddSeries(gammas, modified.Gaps, $"modified flow: slope {modified.Order:F2}");
        scaling.AddSlope(1, gammas[0], plain.Gaps[0] * 2, gammas[^1], gammas[0], "slope 1");
        scaling.AddSlope(2, gammas[0], modified.Gaps[0] / 2, gammas[^1], gammas[0], "slope 2");
        scaling.SavePng(context.FigurePath("gap-scaling.png", "Gap between GD and each flow at T = 1 on the Rosenbrock valley (b = 5) from (−1.2, 1.6), against the learning rate γ over a sixteen-fold range (log–log): slope 1 for the plain flow, 2 for the modified flow."), 1400, 900);

        const double gamma = 0.01, end = 3;
        var run = OptimizerRun.Iterate(new GradientDescent(gamma), loss, theta0, (long)Math.Round(end / gamma));
        var figure = new TimeSeriesFigure($"Distance of GD from each flow on {loss.Name}", "‖θₙ − θ(nγ)‖ (log scale)", "t = nγ") { LegendCorner = Alignment.UpperRight };
        var finals = new List<string>();
        LearningFigures.UseLogTicks(figure.Plot.Axes.Left);
        foreach (var (label, gap) in new[]
        {
            ("gradient flow −∇L", MapFlowComparison.Compare(run, new GradientFlow<RosenbrockLoss>(loss), theta0, 2)),
            ("modified flow −∇(L + (γ/4)‖∇L‖²)", MapFlowComparison.Compare(run, new ModifiedGradientFlow<RosenbrockLoss>(loss, gamma), theta0, 2)),
        })
        {
            var times = gap.Times.Skip(1).ToArray();
            figure.AddSeries(times, LearningFigures.Log10(gap.Gaps.Skip(1)), label);
            finals.Add($"{FigureText.Number(gap.FinalGap, 2)} from the {label.Split(' ')[0]} flow");
        }

        figure.SavePng(context.FigurePath("gap-over-time.png", $"Gap between gradient descent (γ = {gamma}) and each flow along the run, log scale, on the Rosenbrock valley ({loss.Parameters}): the modified flow tracks GD an order of γ closer than the plain gradient flow (O(γ²) against O(γ)); at t = {end} the gaps are {string.Join(" and ", finals)}."), 1500, 850);
    }

    private static MapFlowGap Compare<TField>(RosenbrockLoss loss, double[] theta0, double gamma, TField flow) where TField : IVectorField
    {
        var run = OptimizerRun.Iterate(new GradientDescent(gamma), loss, theta0, (long)Math.Round(1.0 / gamma), recordEvery: 0);
        return MapFlowComparison.Compare(run, flow, theta0, 2);
    }

    private static double[] Solve<TField>(TField flow, double[] start, double end) where TField : IVectorField =>
        Ode.Solve(OdeProblem.Create(flow, start, 0, end), new Verner8(), SolverOptions.WithTolerance(1e-13) with { SaveAt = SaveAt.End }).FinalState.ToArray();

    // Least-squares slope of ln y against t.
    private static double Slope(IReadOnlyList<double> times, double[] values)
    {
        double n = times.Count, st = 0, sy = 0, stt = 0, sty = 0;
        for (int i = 0; i < times.Count; i++)
        {
            double t = times[i], y = Math.Log(values[i]);
            st += t;
            sy += y;
            stt += t * t;
            sty += t * y;
        }

        return (n * sty - st * sy) / (n * stt - st * st);
    }
}
