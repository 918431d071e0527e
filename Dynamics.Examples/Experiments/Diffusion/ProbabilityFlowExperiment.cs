using Dynamics.Distributions;
using Dynamics.Examples.Gallery;
using Dynamics.Models.Diffusion;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Diffusion;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Examples.Experiments.Diffusion;

/// <summary>
/// The probability-flow ODE dx/dt = f(t)x − ½g(t)²∇log pₜ(x) (Song et al. 2021) for a 1-D two-component mixture under
/// VP (linear β, 0.1 → 20) and VE (σ 0.01 → 20) noising: trajectories from noise to data marked by the component they
/// reach, the exact densities pₜ over time, the Gaussian invariant of docs/monoflow.md and the likelihood log p₀ through
/// the ODE with its divergence, against the closed form.
/// </summary>
public sealed class ProbabilityFlowExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "probability-flow";

    /// <inheritdoc/>
    public string Description => "VP and VE probability-flow trajectories from noise to a two-component mixture, with the likelihood through the ODE.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var data = GaussianMixture.Isotropic([0.3, 0.7], [-1.5, 1.5], [0.3, 0.3]);
        var figure = new MultiPanelFigure(1, 2);
        foreach (IContinuousSchedule schedule in new IContinuousSchedule[] { new VariancePreservingLinear(), new VarianceExplodingGeometric(0.01, 20) })
        {
            context.Progress(schedule.Name);
            figure.Add(Trajectories(data, schedule));
            foreach (double x in new[] { -1.2, 0.3, 1.8 })
            {
                double estimate = DiffusionLikelihood.LogDensity(data, schedule, [x], 0, new DormandPrince5(), SolverOptions.WithTolerance(1e-10));
                // DP5 at 1e-10 over a few hundred steps: the accumulated error is far below 1e-6.
                // p₀ is the data law for VP (σ(0) = 0) and data ∗ N(0, 0.01²) for VE (σ(0) = σ_min).
                double exact = data.CreateMarginal(schedule.Scale(0), schedule.NoiseStandardDeviation(0)).LogDensity([x]);
                context.Check($"{schedule.Name}: log p₀({x}) through the ODE vs closed form", estimate, exact, 1e-6);
            }
        }

        figure.SavePng(context.FigurePath("trajectories.png", "Probability-flow ODE trajectories (DP5, rtol 10⁻⁸), 30 each, integrated from t = T back to 0 for the data 0.3·N(−1.5, 0.3²) + 0.7·N(1.5, 0.3²): left the variance-preserving linear schedule, right the variance-exploding geometric schedule (σ from 0.01 to 20), with x on an asinh scale (linear within ±1, logarithmic beyond) so that the starts at up to ±58 and the data at ±1.5 both show. Solid: paths that end in the w = 0.7 component; dashed: in the w = 0.3 component. Trajectories never cross."), 1600, 700);
        Densities(context, data);
        Invariant(context);
    }

    private static ScottPlot.Plot Trajectories(GaussianMixture data, IContinuousSchedule schedule)
    {
        // The starts span ±2.9σ(T): the window holds all of them. Under VE noising σ(T) = 20 is thirteen times the
        // data's ±1.5, so a linear axis would squeeze the data into a sliver: there x is drawn on an asinh scale, linear
        // within ±1 and logarithmic beyond, which shows both the starts and the two components.
        double end = schedule.EndTime, top = schedule.NoiseStandardDeviation(end) * 3.05;
        bool exploding = schedule is VarianceExplodingGeometric;
        var scale = new AsinhTickGenerator(1);
        Func<double, double> shown = exploding ? scale.Transform : x => x;
        using var flow = new ProbabilityFlow(data, schedule);
        var plot = FigureStyle.NewPlot($"{schedule.Name}: 30 trajectories, T → 0", "t", exploding ? "x(t) (asinh scale)" : "x(t)");
        var options = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.EveryStep };
        bool[] labelled = new bool[2];
        for (int i = 0; i < 30; i++)
        {
            double start = schedule.NoiseStandardDeviation(end) * 2 * (-1.45 + 2.9 * i / 29.0);
            var solution = Ode.Solve(new OdeProblem<ProbabilityFlow>(flow, [start], end, 0), new DormandPrince5(), options);
            int component = solution.State(solution.Count - 1)[0] > 0 ? 1 : 0;
            var line = plot.Add.ScatterLine(solution.Times.ToArray(), solution.Component(0).Select(shown).ToArray(), FigureColors.At(component));
            line.LinePattern = component == 0 ? ScottPlot.LinePattern.Dashed : ScottPlot.LinePattern.Solid;
            line.LineWidth = 1.5f;
            if (!labelled[component])
            {
                line.LegendText = component == 0 ? "reaches the w = 0.3 component at −1.5" : "reaches the w = 0.7 component at +1.5";
                labelled[component] = true;
            }
        }

        // VE: early in reverse time (t near 0) the paths have reached the data, so the lower left is empty. VP: the paths
        // fill the window; a strip above them holds the legend.
        plot.Axes.SetLimits(0, end, shown(-top), exploding ? shown(top) : 1.25 * top);
        if (exploding) plot.Axes.Left.TickGenerator = scale;
        plot.ShowLegend(exploding ? ScottPlot.Alignment.LowerLeft : ScottPlot.Alignment.UpperRight);
        return plot;
    }

    private static void Densities(ExperimentContext context, GaussianMixture data)
    {
        var schedule = new VariancePreservingLinear();
        var plot = FigureStyle.NewPlot("VP linear: exact marginal densities pₜ", "x", "pₜ(x)");
        var xs = Enumerable.Range(0, 401).Select(i => -4 + 8 * i / 400.0).ToArray();
        double[] times = [0, 0.1, 0.3, 1];
        // Colour stands for time, an ordered quantity: a sequential scale (dark = data, light = noise), keyed by a bar.
        var time = new SequentialScale(times[0], times[^1]);
        for (int k = 0; k < times.Length; k++)
        {
            var marginal = data.CreateMarginal(schedule.Scale(times[k]), Math.Max(schedule.NoiseStandardDeviation(times[k]), 1e-12));
            var ys = xs.Select(x => Math.Exp(marginal.LogDensity([x]))).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, time.ColorOf(times[k]));
            line.LegendText = $"t = {times[k]}";
            line.LinePattern = k % 2 == 0 ? ScottPlot.LinePattern.Solid : ScottPlot.LinePattern.Dashed;
            line.LineWidth = 2;
            // Each pₜ integrates to 1 (trapezoid on [−4, 4], the tails beyond carry < 1e-4).
            double integral = 0;
            for (int i = 1; i < xs.Length; i++) integral += 0.5 * (ys[i] + ys[i - 1]) * (xs[i] - xs[i - 1]);
            context.Check($"∫pₜ dx at t = {times[k]}", integral, 1, 1e-3);
        }

        time.AddColorBar(plot, "t");
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        Plotting.Figures.PngFile.Save(plot, context.FigurePath("densities.png", "Exact marginal densities pₜ of the VP linear schedule for the data 0.3·N(−1.5, 0.3²) + 0.7·N(1.5, 0.3²) at t = 0, 0.1, 0.3 and 1 (colour: t, dark to light): the two modes merge into N(0, 1)."), 1200, 700);
    }

    private static void Invariant(ExperimentContext context)
    {
        // §7(d)5: for N(μ, s²) data, (x_t − a_tμ)/√(a_t²s² + σ_t²) is constant along VP and VE trajectories.
        const double mu = 0.7, s = 0.4;
        foreach (IContinuousSchedule schedule in new IContinuousSchedule[] { new VariancePreservingLinear(), new VarianceExplodingGeometric(0.01, 20) })
        {
            using var flow = new ProbabilityFlow(GaussianMixture.Isotropic([1.0], [mu], [s]), schedule);
            var solution = Ode.Solve(new OdeProblem<ProbabilityFlow>(flow, [1.3], schedule.EndTime, 0), new Verner8(),
                SolverOptions.WithTolerance(1e-11) with { SaveAt = SaveAt.EveryStep });
            double drift = 0, start = double.NaN;
            for (int k = 0; k < solution.Count; k++)
            {
                double t = solution.Times[k], a = schedule.Scale(t), sigma = schedule.NoiseStandardDeviation(t);
                double invariant = (solution.State(k)[0] - a * mu) / Math.Sqrt(a * a * s * s + sigma * sigma);
                if (k == 0) start = invariant;
                drift = Math.Max(drift, Math.Abs(invariant - start));
            }

            context.CheckAtMost($"{schedule.Name}: drift of the standardised coordinate along the PF-ODE (Verner 8, 1e-11)", drift, 1e-8);
        }
    }
}
