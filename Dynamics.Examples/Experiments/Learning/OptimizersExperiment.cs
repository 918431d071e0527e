using Dynamics.Analysis;
using Dynamics.Examples.Gallery;
using Dynamics.Fields;
using Dynamics.Maps;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Optimization;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.Stochastic;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Learning;

/// <summary>
/// Optimizers as discretised flows (kexue.fm/archives/5655, 6234, 6261): GD, momentum, Nesterov, RMSprop and Adam on
/// the classic test landscapes; each map against the ODE it discretises, with the gap's order in the learning rate;
/// RMSprop's cycles; and SGD as Langevin dynamics with its stationary variance in the exp(−2L/σ²) convention.
/// </summary>
public sealed class OptimizersExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "optimizers";

    /// <inheritdoc/>
    public string Description => "Optimizers as discretised flows: landscapes, map-versus-flow orders, RMSprop cycles, Langevin SGD.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        Landscapes(context);
        Orders(context);
        RmsPropCycles(context);
        Langevin(context);
    }

    private static void Landscapes(ExperimentContext context)
    {
        context.Progress("optimizers on Rosenbrock, Himmelblau and Beale");
        var rosenbrock = new RosenbrockLoss();
        IOptimizer[] optimizers =
        [
            new GradientDescent(1e-3), new MomentumDescent(0.03, 2.0), new NesterovMomentum(0.03, 2.0), new RmsProp(2e-3, 0.9), new Adam(2e-2),
        ];
        // Small multiples, one panel per optimizer with equal units, so no path hides another; contours of log₁₀(L + 0.01)
        // reach down into the valley.
        var panels = new MultiPanelFigure(2, 3);
        bool first = true;
        foreach (var optimizer in optimizers)
        {
            var run = OptimizerRun.Iterate(optimizer, rosenbrock, [-1.2, 1.0], 5000);
            double distance = Distance(run.FinalState, rosenbrock.Minimizers[0]);
            // Each panel's end distance in its title, so that the legend (the same in every panel) is shown once.
            string title = $"{optimizer.Name}\n{LearningFigures.Pretty(optimizer.Parameters)}; end: ‖θ − θ*‖ = {FigureText.Number(distance, 2)}";
            var panel = new TrajectoryFigure(title, "θ₁", "θ₂");
            // The valley floor is ~0.03 wide at the lowest levels: 300 × 300 values over the visible window only (cells of
            // 0.011 × 0.010, against 0.048 × 0.036 for 100² over a wider box) trace it without jagged or broken lines.
            LearningFigures.AddLossContours(panel.Plot, rosenbrock, -1.7, 1.7, -0.9, 2.1, 14);
            // Labelled in the first panel only, which carries the one legend.
            panel.AddPath(run.Component(0), run.Component(1), first ? "path (× start)" : "", arrows: 2);
            // The minimum first, the end over it as an open square, so that an end on the minimum leaves both visible.
            panel.AddPoint(1, 1, first ? "minimum (1, 1)" : "", FixedPointStyle.Shape(FixedPointClass.StableNode), FixedPointStyle.Color(FixedPointClass.StableNode));
            panel.AddPoint(run.FinalState[0], run.FinalState[1], first ? "end after 5000 steps" : "", MarkerShape.OpenSquare, FigureColors.At(0), size: 22);
            LearningFigures.SetWindow(panel.Plot, -1.6, 1.6, -0.6, 1.8);
            panel.Plot.Title(title, size: 16);
            if (first) FigureStyle.ShowLegendInside(panel.Plot, Alignment.LowerRight);
            first = false;
            panels.Add(panel.Plot);
            context.Report($"rosenbrock_distance_{Key(optimizer.Name)}", distance);
        }

        panels.SavePng(context.FigurePath("rosenbrock.png",
            $"Five optimizers on the Rosenbrock function ({rosenbrock.Parameters}), 5000 steps each from (−1.2, 1), one panel each with equal units, over contours of log₁₀(L + 0.01); × marks the start, a square the end (its distance to the minimum in each title), the filled circle the minimum (1, 1)."), 2100, 1300);

        var himmelblau = new HimmelblauLoss();
        // The upper-right corner holds contours only: the legend goes there, inside the frame.
        var basins = new TrajectoryFigure("Gradient descent on Himmelblau — γ = 0.01: the start decides the minimum", "θ₁", "θ₂") { LegendCorner = Alignment.UpperRight };
        LearningFigures.AddLossContours(basins.Plot, himmelblau, -6, 6, -5.2, 5.2, 20);
        double[][] starts = [[0.5, 0.5], [-0.5, 0.5], [-1.0, -1.0], [0.5, -0.5]];
        for (int k = 0; k < starts.Length; k++)
        {
            var run = OptimizerRun.Iterate(new GradientDescent(0.01), himmelblau, starts[k], 2000);
            var target = HimmelblauLoss.Minimizers[k];
            // Each start lies in the basin of a different minimum, where GD contracts by ≥ (1 − 0.01·8.5) per step: after
            // 2,000 steps converged to rounding (observed ≤ 6e-16), so the bound is a few thousand ulps of |θ*| ≈ 4.
            context.CheckAtMost($"Himmelblau: GD from ({starts[k][0]}, {starts[k][1]}) reaches minimum ({target[0]:F4}, {target[1]:F4})",
                Distance(run.FinalState, target), 1e-12);
            basins.AddPath(run.Component(0), run.Component(1), FigureText.Minuses($"from ({starts[k][0]}, {starts[k][1]})"), arrows: 1);
        }

        for (int k = 0; k < 4; k++)
            basins.AddPoint(HimmelblauLoss.Minimizers[k][0], HimmelblauLoss.Minimizers[k][1], k == 0 ? "minima (L = 0)" : "", FixedPointStyle.Shape(FixedPointClass.StableNode), FixedPointStyle.Color(FixedPointClass.StableNode));
        basins.AddPoint(HimmelblauLoss.LocalMaximizer[0], HimmelblauLoss.LocalMaximizer[1], "local maximum", FixedPointStyle.Shape(FixedPointClass.UnstableNode), FixedPointStyle.Color(FixedPointClass.UnstableNode));
        LearningFigures.SetWindow(basins.Plot, -5, 5, -5, 5);
        basins.SavePng(context.FigurePath("himmelblau.png", "Gradient descent (γ = 0.01) on Himmelblau's function from four starts near the local maximum: each ends in a different one of the four minima (filled circles: stable); the open circle is the local maximum (unstable); contours of log₁₀(L + 0.01). Equal units."), 1100, 1000);

        var beale = new BealeLoss();
        var bealeParameters = new List<string>();
        IOptimizer[] bealeOptimizers = [new GradientDescent(0.005), new MomentumDescent(0.07, 3.0), new RmsProp(0.005, 0.9), new Adam(0.02)];
        var bealeRuns = new List<(IOptimizer Optimizer, MapTrajectory Run, double Distance)>();
        foreach (var optimizer in bealeOptimizers)
        {
            var run = OptimizerRun.Iterate(optimizer, beale, [1.0, 1.5], 3000);
            double distance = Distance(run.FinalState, BealeLoss.Minimizers[0]);
            bealeRuns.Add((optimizer, run, distance));
            bealeParameters.Add($"{optimizer.Name} {LearningFigures.Pretty(optimizer.Parameters)}");
            context.Report($"beale_distance_{Key(optimizer.Name)}", distance);
        }

        // The paths run together down the valley near the minimum: a second panel zooms on that neighbourhood (equal
        // units in both), where they separate.
        var whole = BealePanel("Optimizers on Beale — 3000 steps from (1, 1.5)", -1.5, 5, -2, 3.2, legend: true);
        LearningFigures.SetWindow(whole.Plot, -1, 4.5, -1.2, 2.5);
        var frame = whole.Plot.Add.Rectangle(2.9, 3.02, 0.45, 0.52);
        frame.FillStyle.Color = Colors.Transparent;
        frame.LineStyle.Color = FigureColors.Reference;
        var near = BealePanel("near the minimum (3, ½)", 2.85, 3.07, 0.4, 0.57, legend: false);
        LearningFigures.SetWindow(near.Plot, 2.9, 3.02, 0.45, 0.52);
        new MultiPanelFigure(1, 2).Add(whole.AsPanel()).Add(near.AsPanel()).SavePng(context.FigurePath("beale.png", $"Four optimizers on Beale's function, 3000 steps each from (1, 1.5) (×), over contours of log₁₀(L + 0.01); the legend gives each one's final distance to the minimum (3, ½) (filled circle); open squares mark where the runs end. Right: the neighbourhood of the minimum (grey box on the left), where the paths that share the valley floor on the left separate. Parameters: {string.Join("; ", bealeParameters)}. Equal units."), 2200, 950);

        TrajectoryFigure BealePanel(string title, double xMin, double xMax, double yMin, double yMax, bool legend)
        {
            var figure = new TrajectoryFigure(title, "θ₁", "θ₂") { LegendCorner = Alignment.UpperRight };
            // Three of the paths share the valley floor: line patterns tell them apart where they overlap.
            LinePattern[] patterns = [LinePattern.Dashed, LinePattern.Solid, LinePattern.Solid, LinePattern.Dotted];
            LearningFigures.AddLossContours(figure.Plot, beale, xMin, xMax, yMin, yMax, 24);
            // RMSprop zigzags across the valley floor near the minimum: drawn first and thin, it leaves the others visible.
            foreach (int i in new[] { 2, 0, 1, 3 })
            {
                var (optimizer, run, distance) = bealeRuns[i];
                // The legend names the optimizer and where it ended; its parameters go into the caption. All four share
                // the start, which is marked once below rather than by four crosses piled on one point.
                figure.AddPath(run.Component(0), run.Component(1), legend ? $"{optimizer.Name}: ‖θ − θ*‖ = {FigureText.Number(distance, 2)}" : "", FigureColors.At(i), arrows: 2,
                    lineWidth: i == 2 ? 1 : 2, startMarker: false, pattern: patterns[i]);
                // Where each run ends: near the minimum the ends of the runs that stop short are otherwise lost on the valley floor.
                figure.AddPoint(run.FinalState[0], run.FinalState[1], "", MarkerShape.OpenSquare, FigureColors.At(i), size: 9);
            }

            figure.AddPoint(1, 1.5, legend ? "common start (1, 1.5)" : "", FixedPointStyle.StartShape, FigureColors.Reference);
            figure.AddPoint(3, 0.5, legend ? "minimum (3, ½)" : "", FixedPointStyle.Shape(FixedPointClass.StableNode), FixedPointStyle.Color(FixedPointClass.StableNode));
            return figure;
        }
    }

    private static void Orders(ExperimentContext context)
    {
        context.Progress("map-versus-flow orders");
        var loss = new QuadraticLoss(new[,] { { 3.0, 1.0 }, { 1.0, 1.0 } }, [0.5, -0.5]);
        double[] theta0 = [-1.0, 1.0], moving = [-1.0, 1.0, 0.0, 0.0];
        // Sixteen-fold in γ, more than a decade, so a fitted order is not the accident of two neighbouring points.
        double[] rates = [0.01, 0.005, 0.0025, 0.00125, 0.000625];
        const double horizon = 2.0;
        var gradientFlow = new GradientFlow<QuadraticLoss>(loss);
        var heavyBall = new HeavyBallFlow<QuadraticLoss>(loss, 1.0);
        var rosenbrock = new RosenbrockLoss(1.0, 5.0);
        double[] rosenbrockStart = [-0.8, 1.2];

        // Each study: the check's full name (map → flow) and the legend's short one (the flows are in the caption).
        (string Name, string Short, double Expected, GapScaling Scaling)[] studies =
        [
            ("GD → gradient flow", "GD", 1, MapFlowComparison.Scaling(rates, g => Compare(new GradientDescent(g), loss, theta0, horizon, gradientFlow, theta0))),
            ("momentum, half-step start → heavy ball", "momentum, half-step start", 2, MapFlowComparison.Scaling(rates, g => Compare(new MomentumDescent(g, 1.0), loss, theta0, horizon, heavyBall, moving))),
            ("momentum, naive start → heavy ball", "momentum, naive start", 1, MapFlowComparison.Scaling(rates, g => Compare(new MomentumDescent(g, 1.0, MomentumStart.Naive), loss, theta0, horizon, heavyBall, moving))),
            ("Nesterov, midpoint look-ahead → heavy ball", "Nesterov", 1, MapFlowComparison.Scaling(rates, g => Compare(new NesterovMomentum(g, 1.0), loss, theta0, horizon, heavyBall, moving))),
            ("scalar RMSprop → gradient flow", "scalar RMSprop", 1, MapFlowComparison.Scaling(rates, g => Compare(new RmsProp(g, 0.9, 0, perCoordinate: false), loss, theta0, horizon, gradientFlow, theta0))),
            ("Adam → Adam ODE (Rosenbrock b = 5)", "Adam (Rosenbrock)", 1, MapFlowComparison.Scaling(rates, g =>
            {
                // β^{γ/γ₀} keeps the moment rates a = −ln β₁/γ, b = −ln β₂/γ fixed, so all runs share one ODE.
                var adam = new Adam(g, Math.Pow(0.9, g / 0.01), Math.Pow(0.99, g / 0.01), 1e-8);
                var flow = new AdamFlow<RosenbrockLoss>(rosenbrock, adam);
                return Compare(adam, rosenbrock, rosenbrockStart, 0.5, flow, flow.InitialState(rosenbrockStart));
            })),
        ];

        var figure = new ConvergenceFigure("Each optimizer's map against its flow", "learning rate γ (flow time per step, log scale)", "gap ‖θₙ − θ(nγ)‖ at flow time T (log scale)");
        foreach (var (name, shortName, expected, scaling) in studies)
        {
            // γ·curvature ≤ 0.04 keeps every map in its asymptotic regime, so the next-order terms bend the fitted slope
            // by less than 0.15. (RMSprop's G₀ = 0 start-up lasts ~1/(1 − ρ) steps, which is why the rates start at 0.01.)
            context.Check($"observed order: {name}", scaling.Order, expected, 0.15);
            figure.AddSeries(scaling.LearningRates, scaling.Gaps, $"{shortName}: slope {scaling.Order:F2}");
        }

        figure.AddSlope(1, 0.01, studies[0].Scaling.Gaps[0] * 2, rates[^1], 0.01, "slope 1");
        figure.AddSlope(2, 0.01, studies[1].Scaling.Gaps[0] / 2, rates[^1], 0.01, "slope 2");
        // The gaps rise to the right, so the upper left is empty once the window reaches 1.4 decades above the data:
        // the legend goes there, inside the frame.
        figure.Plot.Axes.AutoScale();
        var limits = figure.Plot.Axes.GetLimits();
        figure.Plot.Axes.SetLimitsY(limits.Bottom, limits.Top + 1.4);
        figure.LegendCorner = Alignment.UpperLeft;
        figure.SavePng(context.FigurePath("map-versus-flow.png", "Global error of each optimizer's map against its flow, against the step size (log–log); the fitted slope is the order of agreement. GD and scalar RMSprop are compared with the gradient flow, momentum (half-step and naive starts) and Nesterov with the midpoint look-ahead θ + ½βv with the heavy-ball ODE, Adam with the Adam ODE. The Adam series is measured on the Rosenbrock function (b = 5, T = 0.5), the others on the quadratic ½(θ − c)ᵀA(θ − c), A = [[3, 1], [1, 1]], T = 2; γ spans a sixteen-fold range."), 1600, 900);

        // Per-coordinate RMSprop without averaging is exactly Euler on the sign flow θ̇ = −sign ∇L (docs/learning.md).
        var beale = new BealeLoss();
        var run = OptimizerRun.Iterate(new RmsProp(0.01, 0, 0), beale, [1.0, 1.5], 200);
        var sign = new SignGradientFlow<BealeLoss>(beale);
        var euler = Ode.Solve(OdeProblem.Create(sign, [1.0, 1.5], 0, 2.0), new ExplicitEuler(), SolverOptions.WithFixedStep(0.01));
        double worst = 0;
        for (int k = 0; k < run.Count; k++) worst = Math.Max(worst, Distance(run.State(k), euler.State(k)));
        // The same arithmetic (θ − γ̃·g/|g|): agreement to rounding over 200 steps.
        context.CheckAtMost("RMSprop (ρ = ε = 0) − Euler on the sign flow, largest gap over 200 steps", worst, 1e-12);
    }

    private static void RmsPropCycles(ExperimentContext context)
    {
        context.Progress("RMSprop cycles");
        var loss = QuadraticLoss.Diagonal(1.0);
        const double gamma = 0.3;
        var figure = new TimeSeriesFigure("RMSprop on ½θ² from θ₀ = 1 — γ̃ = 0.3, ε = 0", "distance of θₙ to its final 2-cycle (log scale)", "step n");
        var zoom = new TimeSeriesFigure("its first 20 steps", "distance of θₙ to its final 2-cycle (log scale)", "step n");
        double[] decays = [0.0, 0.1, 0.01];
        for (int series = 0; series < decays.Length; series++)
        {
            double decay = decays[series];
            var run = OptimizerRun.Iterate(new RmsProp(gamma, decay, 0), loss, [1.0], 20_000);
            var last = new[] { run.State(run.Count - 2)[0], run.State(run.Count - 1)[0] }.Order().ToArray();
            if (decay == 0)
            {
                // θ ← θ − γ̃ sign θ: the cycle {θ*, θ* − γ̃} with θ* = 1 mod 0.3 = 0.1; exact up to the rounding of three subtractions.
                context.Check("RMSprop ρ = 0: upper point of the 2-cycle θ* = θ₀ mod γ̃", last[1], 0.1, 1e-12);
                context.Check("RMSprop ρ = 0: lower point of the 2-cycle θ* − γ̃", last[0], -0.2, 1e-12);
            }
            else
            {
                // The symmetric cycle attracts geometrically; 20,000 steps leave nothing but rounding (observed ≤ 1e-15).
                context.Check($"RMSprop ρ = {decay}: upper point → γ̃/2", last[1], gamma / 2, 1e-13);
                context.Check($"RMSprop ρ = {decay}: lower point → −γ̃/2", last[0], -gamma / 2, 1e-13);
                context.Report($"rmsprop_steps_to_cycle_rho_{decay}", StepsToCycle(run, gamma / 2));
            }

            // The distance to the cycle the run ends on, on a log axis (plotting θₙ itself fills a band): geometric
            // convergence shows as a straight line, ρ = 0 as a drop to exactly 0 (floored at 10⁻¹⁷).
            double upper = decay == 0 ? 0.1 : gamma / 2, lower = decay == 0 ? -0.2 : -gamma / 2;
            // Each curve stops where it reaches rounding (10⁻¹⁵), instead of jittering along the floor.
            var distances = Enumerable.Range(0, run.Count).Select(i => Math.Min(Math.Abs(run.State(i)[0] - upper), Math.Abs(run.State(i)[0] - lower))).ToArray();
            int shown = Array.FindIndex(distances, d => d < 1e-15) + 1;
            if (shown <= 0) shown = distances.Length;
            var xs = Enumerable.Range(0, shown).Select(i => (double)i).ToArray();
            var ys = distances[..shown].Select(d => Math.Log10(Math.Max(d, 1e-17))).ToArray();
            // The same series in both panels: the whole run, and its first 20 steps, where ρ = 0 lands (steps 0–3).
            foreach (var panel in new[] { figure, zoom })
            {
                var line = panel.Plot.Add.ScatterLine(xs, ys, FigureColors.At(series));
                line.LineWidth = 2;
                // ρ = 0 lands on its cycle within four steps: markers keep that short drop visible next to the axis.
                if (decay == 0)
                {
                    line.MarkerShape = MarkerShape.FilledCircle;
                    line.MarkerSize = 9;
                }

                line.LinePattern = series switch { 0 => LinePattern.Solid, 1 => LinePattern.Dashed, _ => LinePattern.Dotted };
                // One legend, in the whole run's panel: the zoom's would repeat it.
                if (panel == figure) line.LegendText = decay == 0 ? "ρ = 0: cycle {0.1, −0.2}" : $"ρ = {decay}: cycle {{γ̃/2, −γ̃/2}}";
            }
        }

        LearningFigures.UseLogTicks(figure.Plot.Axes.Left);
        LearningFigures.UseLogTicks(zoom.Plot.Axes.Left);
        figure.Plot.Axes.SetLimits(-15, 800, -17.5, 0.5);
        zoom.Plot.Axes.SetLimits(-0.5, 20, -17.5, 0.5);
        figure.LegendCorner = Alignment.UpperRight;
        new MultiPanelFigure(1, 2).Add(figure.AsPanel()).Add(zoom.AsPanel()).SavePng(context.FigurePath("rmsprop-cycles.png", "RMSprop on ½θ² from θ₀ = 1 (γ̃ = 0.3, ε = 0) never converges to the minimum: the distance from θₙ to the 2-cycle it ends on, log scale, against the step; left the whole run, right its first 20 steps. Without averaging (ρ = 0) it lands on {0.1, −0.2} exactly after a few steps (the drop to 10⁻¹⁷ marks an exact 0); with ρ > 0 it approaches the symmetric cycle {γ̃/2, −γ̃/2} geometrically, more slowly for smaller ρ, until rounding. Each curve ends where it reaches 10⁻¹⁵."), 2200, 900);
    }

    private static void Langevin(ExperimentContext context)
    {
        const double a = 1.0, sigma = 1.0, gamma = 0.4;
        const int members = 100_000;
        context.Progress($"Langevin SGD: {members} Euler–Maruyama paths");
        var field = new LangevinDynamics<QuadraticLoss>(QuadraticLoss.Diagonal(a), sigma);
        // 60 steps from 0: the transient (1 − γa)^{120} ≈ 4e-27 of the variance is gone.
        var ensemble = Sde.FinalStates(SdeProblem.Create(field, [0.0], 0, 60 * gamma), new EulerMaruyama(), new SdeOptions(gamma, seed: 5655), members);
        var x = ensemble.Component(0);
        double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / (members - 1);
        double discrete = LangevinStationaryLaw.EulerMaruyamaVariance(a, sigma, gamma);
        double continuous = LangevinStationaryLaw.ContinuousVariance(a, sigma);
        // Sample variance of n Gaussian draws: standard error V√(2/(n − 1)); 4 SE is a 6e-5 false-alarm rate.
        double standardError = discrete * Math.Sqrt(2.0 / (members - 1));
        context.Check("Langevin SGD stationary variance = σ²/(a(2 − γa)) = S²/(1 − ε/(4S²))", variance, discrete, 4 * standardError);
        // The mean's standard error is √(V/n) = 0.0025; 4 SE.
        context.Check("Langevin SGD stationary mean", mean, 0, 4 * Math.Sqrt(discrete / members));
        context.Report("langevin_standard_error", standardError);
        context.Report("langevin_z_vs_continuous_exp_minus_2L_over_sigma2", (variance - continuous) / standardError);
        context.Report("langevin_z_vs_article_exp_minus_L_over_sigma2", (variance - sigma * sigma / a) / standardError);

        var figure = new TimeSeriesFigure($"Langevin SGD on ½aθ², Euler–Maruyama — a = {a}, σ = {sigma}, γ = {gamma}, {members:N0} paths",
            "density", "θ");
        const int bins = 80;
        double width = 8.0 / bins;
        var counts = new double[bins];
        foreach (double v in x)
        {
            int bin = (int)Math.Floor((v + 4) / width);
            if (bin >= 0 && bin < bins) counts[bin]++;
        }

        var centers = Enumerable.Range(0, bins).Select(i => -4 + (i + 0.5) * width).ToArray();
        var bars = figure.Plot.Add.Bars(centers, counts.Select(c => c / (members * width)).ToArray());
        foreach (var bar in bars.Bars)
        {
            bar.Size = width * 0.95;
            bar.FillColor = FigureColors.Background.WithAlpha(0.6);
            bar.LineWidth = 0;
        }

        bars.LegendText = $"histogram (sample variance {variance:F4})";
        var grid = Enumerable.Range(0, 401).Select(i => -4 + i * 0.02).ToArray();
        figure.AddSeries(grid, [.. grid.Select(t => Gaussian(t, discrete))], $"Euler–Maruyama law N(0, {discrete:F3})");
        figure.AddSeries(grid, [.. grid.Select(t => Gaussian(t, continuous))], $"continuous law N(0, {continuous:F3})");
        figure.AddSeries(grid, [.. grid.Select(t => Gaussian(t, sigma * sigma / a))], "exp(−L/σ²) reading: N(0, 1)", dashed: true);
        figure.Plot.Axes.SetLimitsY(0, 0.6);
        figure.LegendCorner = Alignment.UpperRight;
        figure.SavePng(context.FigurePath("langevin.png", $"Langevin SGD on ½aθ² (a = {a}, σ = {sigma}, γ = {gamma}; Euler–Maruyama, {members:N0} paths, 60 steps from 0): the histogram of the final iterates follows the discrete chain's law N(0, σ²/(a(2 − γa))) (blue), not the continuous law ∝ exp(−2L/σ²) (orange), nor the density ∝ exp(−L/σ²) that the same noise would give if its variance were read as σ²/2 (dashed)."), 1500, 900);
    }

    private static MapFlowGap Compare<TOptimizer, TLoss, TField>(TOptimizer optimizer, TLoss loss, double[] theta0, double horizon, TField flow, double[] flowStart)
        where TOptimizer : IOptimizer
        where TLoss : ILoss
        where TField : IVectorField
    {
        var run = OptimizerRun.IterateFor(optimizer, loss, theta0, horizon * (1 - 1e-12), recordEvery: 0);
        return MapFlowComparison.Compare(run, flow, flowStart, loss.Dimension);
    }

    private static int StepsToCycle(MapTrajectory run, double level)
    {
        for (int k = 0; k < run.Count; k++)
        {
            if (Math.Abs(Math.Abs(run.State(k)[0]) - level) < 1e-6) return k;
        }

        return run.Count;
    }

    private static double Gaussian(double x, double variance) => Math.Exp(-x * x / (2 * variance)) / Math.Sqrt(2 * Math.PI * variance);

    private static double Distance(ReadOnlySpan<double> a, IReadOnlyList<double> b)
    {
        double sum = 0;
        for (int i = 0; i < b.Count; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }

    private static double Distance(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < Math.Min(a.Length, b.Length); i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }

    private static string Key(string name) => new([.. name.ToLowerInvariant().Where(char.IsLetterOrDigit)]);
}
