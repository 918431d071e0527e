using Dynamics.Examples.Gallery;
using Dynamics.Models.Diffusion;
using Dynamics.Plotting.Figures;
using Dynamics.Solvers.Diffusion;
using Dynamics.Statistics;

namespace Dynamics.Examples.Experiments.Diffusion;

/// <summary>
/// The sampler lab: every sampler driven by the exact score of an eight-Gaussian ring. Deterministic samplers on Karras
/// grids (σ 80 → 0.05, ρ = 7) are measured against the exact flow map (Verner 8 at 1e-12 from the same noise), giving
/// observed orders (Euler/DDIM 1, Heun 2, DPM-Solver-2 2, DPM-Solver-3 3, DPM-Solver++(2M) 2); all samplers are then
/// compared by distribution error (energy distance to fresh data) against score evaluations, a work-precision diagram.
/// </summary>
public sealed class SamplersExperiment : IExperiment
{
    private const double Max = 80, Min = 0.05;

    /// <inheritdoc/>
    public string Name => "samplers";

    /// <inheritdoc/>
    public string Description => "Every diffusion sampler against the exact flow map and against fresh data, by score evaluations.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var data = DiffusionFigures.Ring();
        Orders(context, data);
        WorkPrecision(context, data);
        Paths(context, data);
    }

    private static void Orders(ExperimentContext context, Distributions.GaussianMixture data)
    {
        context.Progress("end-point errors against Verner 8");
        const int count = 8;
        var reference = SamplerConvergence.ReferenceEndPoints(data, Max, Min, count, 12);
        int[] sweep = [16, 32, 64, 128, 256];
        var options = new DiffusionSamplerOptions { Count = count, Seed = 12 };
        var samplers = new (string Name, Func<double[], DiffusionSamples> Run, double Order)[]
        {
            ("Euler (DDIM)", g => DiffusionSampler.Euler(data, g, options), 1),
            ("Heun (EDM)", g => DiffusionSampler.Heun(data, g, options), 2),
            ("DPM-Solver-2", g => DiffusionSampler.DpmSolver2(data, g, options), 2),
            ("DPM-Solver-3", g => DiffusionSampler.DpmSolver3(data, g, options), 3),
            ("DPM-Solver++(2M)", g => DiffusionSampler.DpmSolverPlusPlus2M(data, g, options), 2),
        };
        var figure = new ConvergenceFigure($"End-point error vs the exact flow map (ring, Karras σ {Max} → {Min})", "score evaluations per sample", "RMS end-point error");
        int series = 0;
        foreach (var (name, run, order) in samplers)
        {
            var evaluations = new double[sweep.Length];
            var errors = new double[sweep.Length];
            var steps = new double[sweep.Length];
            for (int i = 0; i < sweep.Length; i++)
            {
                var result = run(EdmSchedule.KarrasGrid(sweep[i] + 1, Min, Max)[..^1]);
                evaluations[i] = result.ScoreEvaluations;
                errors[i] = SamplerConvergence.EndPointError(result, reference);
                steps[i] = sweep[i];
            }

            double last = SamplerConvergence.ObservedOrder(steps.AsSpan(3), errors.AsSpan(3));
            context.Report($"{name}: observed order over N = 16…256", SamplerConvergence.ObservedOrder(steps, errors));
            // The last doubling is past the pre-asymptotic start; ±0.2 around the theoretical order.
            context.Check($"{name}: observed order over N = 128 → 256", last, order, 0.2);
            figure.AddSeries(evaluations, errors, $"{name} (order {order})");
            DiffusionFigures.StyleLast(figure.Plot, series++);
        }

        figure.SavePng(context.FigurePath("orders.png"), 1400, 900);
    }

    private static void WorkPrecision(ExperimentContext context, Distributions.GaussianMixture data)
    {
        context.Progress("distribution error against score evaluations");
        const int count = 400;
        var fresh = new double[2 * count];
        data.Sample(777, 0, count, fresh, default);
        var options = new DiffusionSamplerOptions { Count = count, Seed = 21 };
        var su = DiscreteSchedule.SuLinear();
        var vp = new VariancePreservingLinear();
        var runs = new (string Name, Func<int, DiffusionSamples> Run)[]
        {
            ("DDIM η = 1 (ancestral)", n => DiffusionSampler.Ddim(data, su, n, 1, options)),
            ("DDIM", n => DiffusionSampler.Ddim(data, su, n, 0, options)),
            ("Heun (EDM)", n => DiffusionSampler.Heun(data, EdmSchedule.KarrasGrid(n / 2 + 1), options)),
            ("DPM-Solver-3", n => DiffusionSampler.DpmSolver3(data, EdmSchedule.KarrasGrid(n / 3 + 1), options)),
            ("DPM-Solver++(2M)", n => DiffusionSampler.DpmSolverPlusPlus2M(data, EdmSchedule.KarrasGrid(n), options)),
            ("reverse SDE (EM)", n => DiffusionSampler.ReverseSde(data, vp, n, 1e-3, options)),
        };
        int[] budgets = [6, 12, 24, 48, 96];
        var figure = new ConvergenceFigure($"Distribution error vs work ({count} samples, ring, exact score)", "score evaluations per sample", "energy distance² to fresh data");
        int series = 0;
        double noiseFloor = 0;
        foreach (var (name, run) in runs)
        {
            var evaluations = new List<double>();
            var distances = new List<double>();
            foreach (int budget in budgets)
            {
                var result = run(budget);
                evaluations.Add(result.ScoreEvaluations);
                distances.Add(Math.Max(SampleMetrics.EnergyDistance(result.Samples, fresh, 2), 1e-5));
            }

            figure.AddSeries(evaluations, distances, name);
            DiffusionFigures.StyleLast(figure.Plot, series++);
            noiseFloor = Math.Max(noiseFloor, distances[^1]);
            context.Report($"{name}: energy distance at the largest budget", distances[^1]);
        }

        // Two independent samples of 400 from the same law have an energy distance of order 1/n; every sampler at
        // 96 evaluations is down at that sampling floor (below 0.02; the worst start, 6 evaluations of Heun, is above 1).
        context.CheckAtMost("largest energy distance² over all samplers at ≈ 96 evaluations", noiseFloor, 0.02);
        figure.SavePng(context.FigurePath("work-precision.png"), 1400, 900);
    }

    private static void Paths(ExperimentContext context, Distributions.GaussianMixture data)
    {
        var options = new DiffusionSamplerOptions { Count = 40, Seed = 3, RecordedPaths = 40 };
        var heun = DiffusionSampler.Heun(data, EdmSchedule.KarrasGrid(18, 0.002, 6), options);
        var churn = DiffusionSampler.Heun(data, EdmSchedule.KarrasGrid(18, 0.002, 6), options, new EdmChurn(3, 0.05, 3));
        var figure = new MultiPanelFigure(1, 2);
        foreach (var (result, title) in new[] { (heun, "Heun, deterministic"), (churn, "Heun with churn 3 for 0.05 ≤ σ ≤ 3") })
        {
            var panel = new TrajectoryFigure($"{title}: 40 paths from σ = 6 to 0", "x₁", "x₂");
            for (int r = 0; r < result.RecordedPaths; r++) panel.AddPath(result.Path(r, 0), result.Path(r, 1), r == 0 ? "path (arrow: towards data)" : "", arrows: 1, lineWidth: 1);
            for (int k = 0; k < 8; k++)
                panel.AddPoint(data.Mean(k)[0], data.Mean(k)[1], k == 0 ? "component means" : "", ScottPlot.MarkerShape.FilledSquare);
            panel.Plot.Axes.SetLimits(-8, 8, -8, 8);
            panel.Plot.Axes.SquareUnits();
            panel.LegendCorner = ScottPlot.Alignment.UpperRight;
            figure.Add(panel.Plot);
        }

        figure.SavePng(context.FigurePath("paths.png"), 1600, 800);
    }
}
