using Dynamics.Distributions;
using Dynamics.Examples.Gallery;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;
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
        var data = GaussianMixture.Isotropic(Weights, Means, [Spread, Spread]);
        var figure = new MultiPanelFigure(1, 2);
        foreach (IContinuousSchedule schedule in new IContinuousSchedule[] { new VariancePreservingLinear(), new VarianceExplodingGeometric(0.01, 20) })
        {
            context.Progress(schedule.Name);
            figure.Add(Trajectories(context, data, schedule));
            foreach (double x in new[] { -1.2, 0.3, 1.8 })
            {
                double estimate = DiffusionLikelihood.LogDensity(data, schedule, [x], 0, new DormandPrince5(), SolverOptions.WithTolerance(1e-10));
                // DP5 at 1e-10 over a few hundred steps: the accumulated error is far below 1e-6.
                // p₀ is the data law for VP (σ(0) = 0) and data ∗ N(0, 0.01²) for VE (σ(0) = σ_min).
                double exact = data.CreateMarginal(schedule.Scale(0), schedule.NoiseStandardDeviation(0)).LogDensity([x]);
                context.Check($"{schedule.Name}: log p₀({x}) through the ODE vs closed form", estimate, exact, 1e-6);
            }
        }

        figure.SavePng(context.FigurePath("trajectories.png", "Probability-flow ODE trajectories (DP5, rtol 10⁻⁸), 30 each, integrated from t = T (left) back to 0 (right) for the data 0.3·N(−1.5, 0.3²) + 0.7·N(1.5, 0.3²): left the variance-preserving linear schedule, right the variance-exploding geometric schedule (σ from 0.01 to 20), with x on an asinh scale (linear within ±1, logarithmic beyond). The paths start at the quantiles (i − ½)/30 of p_T and end (markers) on those of p₀, 9 in the w = 0.3 component (open squares) and 21 in the w = 0.7 component (filled circles). Trajectories never cross."), 1600, 700);
        Densities(context, data);
        Invariant(context);
    }

    private const int Paths = 30;

    // The data 0.3·N(−1.5, 0.3²) + 0.7·N(1.5, 0.3²).
    private static readonly double[] Weights = [0.3, 0.7], Means = [-1.5, 1.5];
    private const double Spread = 0.3;

    private static ScottPlot.Plot Trajectories(ExperimentContext context, GaussianMixture data, IContinuousSchedule schedule)
    {
        // The starts are the quantiles (i − ½)/30 of the exact p_T: in one dimension the flow is monotone and carries p_T
        // to p₀, so path i must end on p₀'s (i − ½)/30 quantile, a check of the whole solve, and the paths are spread
        // evenly in probability (none wasted in the tails). Under VE noising σ(T) = 20 is thirteen times the data's ±1.5,
        // so a linear axis would squeeze the data into a sliver: there x is drawn on an asinh scale, linear within ±1
        // and logarithmic beyond.
        double end = schedule.EndTime;
        bool exploding = schedule is VarianceExplodingGeometric;
        var scale = new AsinhTickGenerator(1);
        Func<double, double> shown = exploding ? scale.Transform : x => x;
        using var flow = new ProbabilityFlow(data, schedule);
        var plot = FigureStyle.NewPlot($"{schedule.Name}: {Paths} paths from t = {end:0.###} (noise) to 0 (data)", "t", exploding ? "x(t) (asinh scale)" : "x(t)");
        var options = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.EveryStep };
        double worst = 0, top = 0;
        for (int i = 0; i < Paths; i++)
        {
            double q = (i + 0.5) / Paths;
            double start = Quantile(schedule, end, q);
            var solution = Ode.Solve(new OdeProblem<ProbabilityFlow>(flow, [start], end, 0), new DormandPrince5(), options);
            double last = solution.State(solution.Count - 1)[0];
            worst = Math.Max(worst, Math.Abs(last - Quantile(schedule, 0, q)));
            int component = last > 0 ? 1 : 0;
            for (int k = 0; k < solution.Count; k++) top = Math.Max(top, Math.Abs(solution.State(k)[0]));
            var line = plot.Add.ScatterLine(solution.Times.ToArray(), solution.Component(0).Select(shown).ToArray(), FigureColors.At(component));
            line.LineWidth = 1.3f;
            var mark = plot.Add.Marker(0, shown(last), Ends[component], 9, FigureColors.At(component));
            mark.MarkerLineWidth = 1.5f;
        }

        // Both ends are quantiles of closed-form mixtures (Brent's root of the CDF, to rounding); DP5 at rtol 1e-8 leaves each end within a
        // few 1e-8 (measured 1.8e-8 VP, 7e-9 VE), so 1e-7 holds; a wrong score or drift moves the ends by ~0.1.
        context.CheckAtMost($"{schedule.Name}: max |x_i(0) − quantile (i − ½)/{Paths} of p₀| over {Paths} paths started at p_T's quantiles", worst, 1e-7);
        for (int c = 0; c < 2; c++)
        {
            plot.Legend.ManualItems.Add(new ScottPlot.LegendItem
            {
                LabelText = $"ends in the w = {Weights[c]} component", LineColor = FigureColors.At(c), LineWidth = 1.5f, MarkerShape = Ends[c], MarkerSize = 9,
                MarkerFillColor = FigureColors.At(c), MarkerLineColor = FigureColors.At(c), MarkerLineWidth = 1.5f,
            });
        }

        // The t axis runs from T on the left to 0 on the right, the direction of integration, a little past 0 so that the
        // end markers show whole. Near t = 0 the paths have
        // reached the data, so below them (VE: between the components' fans, VP: under the lowest path) a strip is
        // left for the legend.
        double low = exploding ? shown(-1.08 * top) : -1.45 * top, high = exploding ? shown(1.08 * top) : 1.08 * top;
        plot.Axes.SetLimits(end, -0.03 * end, low, high);
        if (exploding) plot.Axes.Left.TickGenerator = scale;
        FigureStyle.ShowLegendInside(plot, exploding ? ScottPlot.Alignment.MiddleRight : ScottPlot.Alignment.LowerRight);
        return plot;
    }

    private static readonly ScottPlot.MarkerShape[] Ends = [ScottPlot.MarkerShape.OpenSquare, ScottPlot.MarkerShape.FilledCircle];

    // The q-quantile of pₜ = Σ w_k N(a(t)μ_k, a(t)²s² + σ(t)²): the root of its CDF − q, bracketed ±10 sd beyond the means.
    private static double Quantile(IContinuousSchedule schedule, double t, double q)
    {
        double a = schedule.Scale(t), sd = Math.Sqrt(a * a * Spread * Spread + Math.Pow(schedule.NoiseStandardDeviation(t), 2));
        var cdf = new MixtureCdfMinus(a, sd, q);
        double lo = -Math.Abs(a * Means[0]) - 10 * sd, hi = Math.Abs(a * Means[1]) + 10 * sd;
        return BrentRoot.Find(ref cdf, lo, hi, cdf.Evaluate(lo), cdf.Evaluate(hi));
    }

    private readonly struct MixtureCdfMinus(double scale, double sd, double q) : IScalarFunction
    {
        public double Evaluate(double x) => Weights[0] * MathNet.Numerics.Distributions.Normal.CDF(scale * Means[0], sd, x)
            + Weights[1] * MathNet.Numerics.Distributions.Normal.CDF(scale * Means[1], sd, x) - q;
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
        // docs/diffusion.md: for N(μ, s²) data, (x_t − a_tμ)/√(a_t²s² + σ_t²) is constant along VP and VE trajectories.
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
