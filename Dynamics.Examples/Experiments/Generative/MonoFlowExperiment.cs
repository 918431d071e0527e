using Dynamics.Examples.Gallery;
using Dynamics.Models.Generative;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Generative;

/// <summary>
/// MonoFlow particle flows dx/dt = h'(log r)∇log r (Yi, Zhu &amp; Liu 2023; Su, kexue.fm/archives/9662): every generator
/// loss h of the table and the f-divergence W-flows move particles towards a 2-D mixture with a kernel-density
/// log-ratio, KL(qₜ‖p) falls for each, the exact Gaussian flow follows its moment ODE, the KDE-driven flow follows it up
/// to a bandwidth bias that shrinks as N^{−1/3}, and the minimax loss stalls.
/// </summary>
public sealed class MonoFlowExperiment : IExperiment
{
    private const int Particles = 300;
    private const double End = 1.0;

    /// <inheritdoc/>
    public string Name => "monoflow";

    /// <inheritdoc/>
    public string Description => "MonoFlow particle flows for every h: KL over time, the Gaussian moment ODE, the KDE bandwidth bias vs N, the stalled minimax loss.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        EveryLoss(context);
        GaussianMoments(context);
        KdeBandwidthBias(context);
        StalledMinimax(context);
    }

    private static void EveryLoss(ExperimentContext context)
    {
        var target = GenerativeFigures.Mixture();
        var start = GenerativeFigures.Sample(GenerativeFigures.Gaussian([0, 0], [1, 0, 0, 1]), Particles, 3);
        var reference = GenerativeFigures.Sample(target, Particles, 99);
        double[] times = [.. Enumerable.Range(0, 11).Select(i => End * i / 10)];
        var klFigure = FigureStyle.NewPlot("KL(qₜ‖p) under every MonoFlow h (KDE log-ratio, N = 300)", "t", "KL estimate (nats)");
        var panels = new MultiPanelFigure(2, 3);
        var shown = new HashSet<GeneratorLoss> { GeneratorLoss.Logit, GeneratorLoss.NonSaturating, GeneratorLoss.Minimax, GeneratorLoss.Arcsinh, GeneratorLoss.Exponential, GeneratorLoss.ChiSquared };
        var weights = MonoFlowWeight.All;
        var logRatio = new double[Particles];
        var gradient = new double[2 * Particles];
        var clouds = new List<(string Title, double[] Particles, int Index)>();
        for (int k = 0; k < weights.Count; k++)
        {
            var weight = weights[k];
            context.Progress($"monoflow: {weight.Name}");
            // The particle's own kernel stays in the estimate so log r is bounded for isolated particles (the
            // exponential weights would fling them otherwise).
            using var kde = new KernelDensityLogRatio(target, leaveOneOut: false);
            var field = new MonoFlowField(kde, weight, Particles);
            var flow = Ode.Solve(OdeProblem.Create(field, start, 0, End), new DormandPrince5(),
                SolverOptions.WithTolerance(1e-3) with { SaveAt = SaveAt.Times(times) });
            var kl = new double[times.Length];
            var first = new double[Particles];
            for (int s = 0; s < times.Length; s++)
            {
                kde.Evaluate(flow.State(s), Particles, logRatio, gradient);
                kl[s] = -logRatio.Average();
                if (s == 0) Array.Copy(logRatio, first, Particles);
            }

            // KL = −E_q[log r] by Monte Carlo over the particles; the stated error of its change is the paired
            // standard error (the same particle at both times). The KDE's own bias is common to both ends.
            var diff = first.Zip(logRatio, (a, b) => a - b).ToArray();
            double change = diff.Average();
            double error = Math.Sqrt(diff.Sum(v => (v - change) * (v - change)) / (Particles - 1) / Particles);
            context.CheckAtMost($"{weight.Name}: KL change over t ∈ [0, 1] (must fall by ≥ 5 paired standard errors)", change + 5 * error, 0);
            context.Report($"{weight.Name}_kl_start", kl[0]);
            context.Report($"{weight.Name}_kl_end", kl[^1]);

            var line = klFigure.Add.ScatterLine(times, kl, KlColor(k));
            line.LegendText = weight.Name;
            line.LinePattern = GenerativeFigures.Pattern(k);
            line.MarkerShape = GenerativeFigures.Shape(k);
            line.MarkerSize = 7;
            line.LineWidth = 2;
            if (weight.Loss == GeneratorLoss.ReverseKl)
            {
                // Its weight equals the logit loss's, so its curve lies on the logit curve: drawn as large open markers
                // without a line, it shows on top of that curve instead of hiding under (or over) it.
                line.LineWidth = 0;
                line.MarkerShape = MarkerShape.OpenDiamond;
                line.MarkerSize = 15;
                line.MarkerLineWidth = 2.5f;
                line.LegendText = "W-flow reverse KL (= logit; markers only)";
            }
            if (shown.Contains(weight.Loss)) clouds.Add(($"{weight.Name} at t = {End:0}", flow.FinalState.ToArray(), k));

            // Fixed point: a cloud with moments exactly (0, P) does not move under the exact Gaussian log-ratio.
            var velocity = new double[2 * Particles];
            var fixedCloud = FixedPointCloud();
            new MonoFlowField(new GaussianFitLogRatio(GenerativeFigures.Gaussian([0, 0], GenerativeFigures.NotebookCovariance)), weight, Particles)
                .Evaluate(0, fixedCloud, velocity);
            context.CheckAtMost($"{weight.Name}: max |v| at the fixed point m = 0, S = P", velocity.Max(Math.Abs), 1e-12);
        }

        // The minimax and exponential losses leave stray particles far from both modes: one window holds them all, with
        // a strip above for the legend.
        var window = GenerativeFigures.Window([reference, .. clouds.Select(c => c.Particles)]);
        foreach (var (title, particles, index) in clouds)
            panels.Add(GenerativeFigures.Cloud(title, particles, reference, index, GenerativeFigures.Shape(index), window));
        klFigure.Legend.Alignment = Alignment.UpperRight;
        klFigure.ShowLegend();
        PngFile.Save(klFigure, context.FigurePath("kl-over-time.png", $"KL(qₜ‖p) estimated with the kernel-density log-ratio along the MonoFlow particle flow for every generator loss h, {Particles} particles from N(0, I) towards the mixture 0.3·N((−1.5, 0), ¼I) + 0.7·N((1.5, 0), ¼I), 0 ≤ t ≤ {End:0} (DP5, rtol 10⁻³): the KL falls under every h. The W-flow reverse KL has the logit loss's weight, so its open diamonds lie on the logit curve."), 1300, 900);
        panels.SavePng(context.FigurePath("particles-by-h.png", $"Particles at t = {End:0} of the MonoFlow flow for six generator losses h ({Particles} particles from N(0, I), kernel-density log-ratio), over a sample of the target mixture 0.3·N((−1.5, 0), ¼I) + 0.7·N((1.5, 0), ¼I) (grey plus signs); equal units. The weight each h puts on the log-ratio sets how far the particles have moved."), 2100, 1200);
    }

    // Ten losses and eight Okabe–Ito colours: the last two take Tol's indigo and wine (colour-blind safe, unlike any of
    // the eight), so that no two curves of the KL figure share a colour.
    private static Color KlColor(int index) => index switch
    {
        < 8 => FigureColors.At(index),
        8 => Color.FromHex("#332288"),
        _ => Color.FromHex("#882255"),
    };

    private static double[] FixedPointCloud()
    {
        var z = Dynamics.Solvers.Generative.AffineGeneratorTraining.WhitenedNormals(Particles, 2, 5);
        var x = new double[2 * Particles];
        for (int i = 0; i < Particles; i++)
        {
            x[i] = z[i];
            x[Particles + i] = 0.8 * z[i] + 0.5 * z[Particles + i];
        }

        return x;
    }

    private static void GaussianMoments(ExperimentContext context)
    {
        const int n = 2000;
        var target = GenerativeFigures.Gaussian([0, 0], GenerativeFigures.NotebookCovariance);
        var start = GenerativeFigures.Sample(GenerativeFigures.Gaussian([1, 1], [1, 0, 0, 1]), n, 11);
        double[] times = [.. Enumerable.Range(0, 31).Select(i => 0.1 * i)];
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Times(times) };
        var field = new MonoFlowField(new GaussianFitLogRatio(target), new MonoFlowWeight(GeneratorLoss.Logit), n);
        var flow = Ode.Solve(OdeProblem.Create(field, start, 0, 3), new DormandPrince5(), options);
        var moments = new GaussianKlFlowMoments([0, 0], GenerativeFigures.NotebookCovariance);
        var m0 = new double[2];
        var s0 = new double[4];
        ParticleMoments.Compute(start, 2, m0, s0);
        var ode = Ode.Solve(OdeProblem.Create(moments, moments.Pack(m0, s0), 0, 3), new Verner8(), options);

        string[] names = ["m₁", "m₂", "S₁₁", "S₁₂", "S₂₂"];
        int[] index = [0, 1, 2, 3, 5];
        var values = FigureStyle.NewPlot("Gaussian KL flow: particle moments on the moment ODE", "t", "moment");
        var residuals = FigureStyle.NewPlot("Residual: particle moment − moment ODE", "t", "max |residual| (log scale)");
        var m = new double[2];
        var s = new double[4];
        var particle = new double[5][];
        for (int c = 0; c < 5; c++) particle[c] = new double[times.Length];
        for (int k = 0; k < times.Length; k++)
        {
            ParticleMoments.Compute(flow.State(k), 2, m, s);
            double[] packed = [m[0], m[1], s[0], s[1], s[3]];
            for (int c = 0; c < 5; c++) particle[c][k] = packed[c];
        }

        // The residual's worst entry among the means and among the covariances at each time after the start (where both
        // begin from the same moments, so it is 0): S₁₁ and S₂₂ err alike, so five curves would hide one another.
        var meanResidual = new double[times.Length - 1];
        var covarianceResidual = new double[times.Length - 1];
        var ends = new List<(double, string, Color)>();
        for (int c = 0; c < 5; c++)
        {
            var exact = ode.Component(index[c]);
            var line = values.Add.ScatterLine(times, exact, FigureColors.At(c));
            line.LinePattern = GenerativeFigures.Pattern(c);
            line.LineWidth = 2;
            values.Add.Markers(times, particle[c], GenerativeFigures.Shape(c), 8, FigureColors.At(c));
            ends.Add((exact[^1], names[c], FigureColors.At(c)));
            var worst = c < 2 ? meanResidual : covarianceResidual;
            for (int k = 1; k < times.Length; k++) worst[k - 1] = Math.Max(worst[k - 1], Math.Abs(particle[c][k] - exact[k]));
        }

        // Colour and marker name the moment (labels at the curves' ends); the key explains line against marker, in the
        // band between the means (below 0.35 after t = 2) and the covariances (above 0.75).
        GenerativeFigures.EndLabels(values, 3.04, ends, 0.045);
        values.Legend.ManualItems.Add(GenerativeFigures.StyleKey("moment ODE", lineWidth: 2));
        values.Legend.ManualItems.Add(GenerativeFigures.StyleKey("particle cloud (markers)", MarkerShape.FilledCircle));
        values.Axes.SetLimitsX(-0.1, 3.35);
        FigureStyle.ShowLegendInside(values, Alignment.MiddleRight);

        double worstAll = Math.Max(meanResidual.Max(), covarianceResidual.Max());
        // Affine velocity: the cloud's own moments obey the moment ODE with no sampling error. Both solvers at rtol 1e-10
        // on O(1) moments over t ≤ 3 leave a few 1e-11 (measured 3e-11); 1e-9 is 30 times that, while any sampling or
        // modelling error (≥ 1e-3 for 2000 particles) fails.
        const double tolerance = 1e-9;
        context.CheckAtMost("Gaussian KL flow: max |particle moment − moment ODE| over t ∈ [0, 3]", worstAll, tolerance);
        double[] later = times[1..];
        var meanLine = residuals.Add.ScatterLine(later, EstimatorLog(meanResidual), FigureColors.At(0));
        meanLine.LegendText = "means m₁, m₂";
        meanLine.MarkerShape = MarkerShape.FilledCircle;
        meanLine.MarkerSize = 8;
        meanLine.LineWidth = 2;
        var covarianceLine = residuals.Add.ScatterLine(later, EstimatorLog(covarianceResidual), FigureColors.At(1));
        covarianceLine.LegendText = "covariances S₁₁, S₁₂, S₂₂";
        covarianceLine.MarkerShape = MarkerShape.OpenSquare;
        covarianceLine.MarkerSize = 9;
        covarianceLine.LinePattern = LinePattern.Dashed;
        covarianceLine.LineWidth = 2;
        var cap = residuals.Add.HorizontalLine(Math.Log10(tolerance), 1.5f, FigureColors.Reference, LinePattern.Dotted);
        cap.LegendText = "check tolerance 10⁻⁹";
        // The residuals lie between 10⁻¹³ and 10⁻¹⁰: the window spans 10⁻¹⁴ to 10⁻⁸·⁵, leaving the bottom for the legend.
        residuals.Axes.SetLimits(0, 3.1, -14.5, -8.5);
        residuals.Axes.Left.TickGenerator = new LogTickGenerator();
        FigureStyle.ShowLegendInside(residuals, Alignment.LowerRight);
        new MultiPanelFigure(1, 2).Add(values).Add(residuals).SavePng(context.FigurePath("gaussian-moments.png", "The exact Gaussian KL flow towards N(0, P), P = LLᵀ, L = [[1, 0], [0.8, 0.5]], of 2000 particles from N((1, 1), I): left, the particle cloud's mean and covariance (markers) on the moment ODE ṁ = −P⁻¹m, Ṡ = 2I − P⁻¹S − SP⁻¹ (lines); right, the largest difference among the means and among the covariances (log scale), both solvers at rtol 10⁻¹⁰, against the check's tolerance."), 2200, 800);
    }

    private static double[] EstimatorLog(double[] values) => [.. values.Select(v => Math.Log10(Math.Max(v, 1e-16)))];

    // The KDE-driven KL flow against the moment ODE: the KDE of N(m, S) is N(m, S + h²I), so the cloud's covariance lags
    // the exact law by a bandwidth bias O(h²) = O(N^{−1/3}) (Scott, d = 2), which the KDE moment ODE models; what that
    // leaves is sampling error, O(N^{−1/2}). Both ODEs start from each cloud's own moments.
    private static void KdeBandwidthBias(ExperimentContext context)
    {
        int[] counts = [250, 500, 1000, 2000, 4000];
        var target = GenerativeFigures.Gaussian([0, 0], GenerativeFigures.NotebookCovariance);
        var exactMoments = new GaussianKlFlowMoments([0, 0], GenerativeFigures.NotebookCovariance);
        var bias = new double[counts.Length];
        var residual = new double[counts.Length];
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.End };
        for (int k = 0; k < counts.Length; k++)
        {
            int n = counts[k];
            context.Progress($"monoflow: KDE-driven moments, N = {n}");
            var start = GenerativeFigures.Sample(GenerativeFigures.Gaussian([1, 1], [1, 0, 0, 1]), n, 41);
            using var kde = new KernelDensityLogRatio(target, leaveOneOut: false);
            var flow = Ode.Solve(OdeProblem.Create(new MonoFlowField(kde, new MonoFlowWeight(GeneratorLoss.Logit), n), start, 0, 1),
                new DormandPrince5(), SolverOptions.WithTolerance(1e-5) with { SaveAt = SaveAt.End });
            if (!flow.IsSuccess) throw new InvalidOperationException($"KDE flow, N = {n}: {flow.Message}");
            var m = new double[2];
            var s = new double[4];
            ParticleMoments.Compute(start, 2, m, s);
            var packed = exactMoments.Pack(m, s);
            var exact = Ode.Solve(OdeProblem.Create(exactMoments, packed, 0, 1), new Verner8(), options).FinalState.ToArray();
            var kdeMoments = new GaussianKlFlowMoments([0, 0], GenerativeFigures.NotebookCovariance, kdeParticles: n);
            var biased = Ode.Solve(OdeProblem.Create(kdeMoments, packed, 0, 1), new Verner8(), options).FinalState.ToArray();
            ParticleMoments.Compute(flow.FinalState, 2, m, s);
            bias[k] = Frobenius(s, exact.AsSpan(2));
            residual[k] = Frobenius(s, biased.AsSpan(2));
            context.Report($"kde_covariance_gap_to_moment_ode_n{n}", bias[k]);
            context.Report($"kde_covariance_gap_to_kde_moment_ode_n{n}", residual[k]);
        }

        double slope = LogLogSlope(counts, bias);
        context.Check("KDE flow: slope of log ‖Ŝ(1) − S(1)‖ vs log N (bandwidth bias h² ∝ N^{−1/3})", slope, -1.0 / 3, 0.1);
        context.CheckAtMost("KDE flow at N = 4000: gap to the KDE moment ODE relative to the gap to the moment ODE", residual[^1] / bias[^1], 0.5);
        double[] ns = [.. counts.Select(c => (double)c)];
        var figure = new ConvergenceFigure("KDE-driven KL flow from N((1, 1), I) to N(0, P), Scott bandwidth: covariance at t = 1", "N (particles, log scale)", "‖Ŝ − S‖ (Frobenius, log scale)");
        figure.AddSeries(ns, bias, "vs dS/dt = 2I − P⁻¹S − SP⁻¹: bandwidth bias");
        figure.AddSeries(ns, residual, "vs the KDE moment ODE: sampling error");
        figure.AddSlope(-1.0 / 3, ns[0], bias[0], ns[0], ns[^1], "slope −1/3 (h²)");
        figure.AddSlope(-0.5, ns[0], residual[0], ns[0], ns[^1], "slope −1/2 (sampling)");
        // N doubles from 250 to 4000: ticks at the sampled N label both ends (the 1-2-5 ticks showed only 500 … 2000).
        figure.Plot.Axes.Bottom.TickGenerator = new LogTickGenerator { MajorValues = ns };
        // The lower left is empty: the legend goes inside.
        figure.Plot.ShowLegend(Alignment.LowerLeft);
        PngFile.Save(figure.Plot, context.FigurePath("kde-bandwidth-bias.png", "The KL flow driven by a kernel-density log-ratio with Scott's bandwidth, from N((1, 1), I) towards N(0, P): the covariance at t = 1 misses the exact moment ODE's by a bandwidth bias that shrinks with the number of particles N (log–log)."), 1300, 850);
    }

    private static double LogLogSlope(int[] xs, double[] ys)
    {
        double mx = xs.Average(x => Math.Log(x)), my = ys.Average(Math.Log);
        double sxy = 0, sxx = 0;
        for (int i = 0; i < xs.Length; i++)
        {
            sxy += (Math.Log(xs[i]) - mx) * (Math.Log(ys[i]) - my);
            sxx += (Math.Log(xs[i]) - mx) * (Math.Log(xs[i]) - mx);
        }

        return sxy / sxx;
    }

    private static double Frobenius(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int i = 0; i < a.Length; i++) sum += (a[i] - b[i]) * (a[i] - b[i]);
        return Math.Sqrt(sum);
    }

    private static void StalledMinimax(ExperimentContext context)
    {
        const int n = 400;
        var target = GenerativeFigures.Gaussian([0, 0], [1, 0, 0, 1]);
        var start = GenerativeFigures.Sample(GenerativeFigures.Gaussian([6, 6], [0.25, 0, 0, 0.25]), n, 21);
        double[] times = [.. Enumerable.Range(0, 41).Select(i => 0.1 * i)];
        var plot = FigureStyle.NewPlot("Fakes easy to detect: start N((6, 6), ¼I), target N(0, I), exact log-ratio", "t", "distance of the particle mean to the target mean");
        (GeneratorLoss Loss, string Label)[] cases = [(GeneratorLoss.Logit, "logit (KL): h′ = 1"), (GeneratorLoss.NonSaturating, "non-saturating: h′ = σ(−d)"), (GeneratorLoss.Minimax, "minimax: h′ = σ(d), stalled")];
        var distance = new double[cases.Length];
        var m = new double[2];
        var s = new double[4];
        for (int c = 0; c < cases.Length; c++)
        {
            var field = new MonoFlowField(new GaussianFitLogRatio(target), new MonoFlowWeight(cases[c].Loss), n);
            var flow = Ode.Solve(OdeProblem.Create(field, start, 0, 4), new DormandPrince5(), SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.Times(times) });
            var series = new double[times.Length];
            for (int k = 0; k < times.Length; k++)
            {
                ParticleMoments.Compute(flow.State(k), 2, m, s);
                series[k] = Math.Sqrt(m[0] * m[0] + m[1] * m[1]);
            }

            distance[c] = series[0] - series[10];
            var line = plot.Add.ScatterLine(times, series, FigureColors.At(c));
            line.LegendText = cases[c].Label;
            line.LinePattern = GenerativeFigures.Pattern(c);
            line.MarkerShape = GenerativeFigures.Shape(c);
            line.MarkerSize = 7;
            line.LineWidth = 2;
        }

        // The KL flow's mean obeys ṁ = −m exactly: it closes (1 − e^{−1}) of the initial distance by t = 1.
        var initial = new double[2];
        ParticleMoments.Compute(start, 2, initial, s);
        double r0 = Math.Sqrt(initial[0] * initial[0] + initial[1] * initial[1]);
        context.Check("logit: distance closed by t = 1 vs (1 − e^{−1})|m₀|", distance[0], (1 - Math.Exp(-1)) * r0, 1e-6);
        context.CheckAtMost("minimax: distance closed by t = 1, relative to logit (vanishing gradient)", distance[2] / distance[0], 1e-6);
        context.Report("nonsaturating_relative_progress", distance[1] / distance[0]);
        plot.Legend.Alignment = Alignment.LowerLeft;
        plot.ShowLegend();
        PngFile.Save(plot, context.FigurePath("stalled-minimax.png", "Fakes that are easy to detect: particles start at N((6, 6), ¼I), far from the target N(0, I), with the exact log-ratio. The distance of the particle mean from the target mean against t for the logit, non-saturating and minimax losses: the logit loss closes (1 − e⁻¹) of the distance by t = 1, the minimax loss, whose weight h′ = σ(d) vanishes where the discriminator is sure, stalls."), 1300, 850);
    }
}
