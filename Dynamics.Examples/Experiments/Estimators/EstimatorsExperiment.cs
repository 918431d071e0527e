using Dynamics.Examples.Gallery;
using Dynamics.Models.Estimators;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Numerics;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Diffusion;
using Dynamics.Solvers.RungeKutta;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Estimators;

/// <summary>
/// Gradient estimators of E_{z∼p_θ} f(z) (kexue.fm/archives/6705): Gumbel-max and Gumbel moments, the reparameterized
/// vs score-function variance (30 vs 4 for f = z² at μ = σ = 1) against the number of samples, the Gumbel-softmax
/// relaxation's bias and variance against τ, and the stochastic gradient flows each estimator drives, against the exact
/// gradient flow integrated by the ODE solver.
/// </summary>
public sealed class EstimatorsExperiment : IExperiment
{
    private const ulong Seed = 6705;
    private static readonly double[] Logits = [0.4, -0.3, 1.1, 0, 0.7, -1, 0.2, 0.5, -0.6, 0.9];

    /// <inheritdoc/>
    public string Name => "estimators";

    /// <inheritdoc/>
    public string Description => "Score function vs reparameterization vs Gumbel-softmax: variance, bias against τ, and the noisy gradient flows they drive.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        GumbelFacts(context);
        VarianceAgainstSamples(context);
        TemperatureSweep(context);
        NormalFlows(context);
        CategoricalFlows(context);
    }

    private static void GumbelFacts(ExperimentContext context)
    {
        context.Progress("Gumbel-max frequencies and moments");
        double[] p = [0.5, 0.3, 0.2];
        double[] logits = [.. p.Select(v => Math.Log(v))];
        const int n = 200_000;
        var counts = new int[3];
        double maxSum = 0, gSum = 0, gSquares = 0;
        for (int s = 0; s < n; s++)
        {
            var (category, maximum) = Categorical.GumbelMax(logits, Seed, s);
            counts[category]++;
            maxSum += maximum;
            double g = CounterRandom.Gumbel(Seed + 1, (ulong)s);
            gSum += g;
            gSquares += g * g;
        }

        // Binomial standard error √(p(1 − p)/n) per cell: 4.5 SE.
        for (int k = 0; k < 3; k++)
            context.Check($"Gumbel-max frequency of category {k} (p = {p[k]}, n = 2·10⁵)", counts[k] / (double)n, p[k], 4.5 * Math.Sqrt(p[k] * (1 - p[k]) / n));
        double chi = 0;
        for (int k = 0; k < 3; k++) chi += (counts[k] - n * p[k]) * (counts[k] - n * p[k]) / (n * p[k]);
        context.CheckAtMost("Gumbel-max χ² (2 degrees of freedom; 13.8 is the 0.1% point)", chi, 13.82);
        double mean = gSum / n, variance = (gSquares - n * mean * mean) / (n - 1);
        context.Check("Gumbel(0, 1) mean = γ_E (5 SE = 5√(π²/6/n))", mean, Categorical.EulerGamma, 5 * Math.Sqrt(Categorical.GumbelVariance / n));
        context.Check("Gumbel(0, 1) variance = π²/6 (5 SE, kurtosis 5.4)", variance, Categorical.GumbelVariance, 5 * Categorical.GumbelVariance * Math.Sqrt(4.4 / n));
        context.Check("E max(o + g) = logsumexp(o) + γ_E", maxSum / n, Categorical.LogSumExp(logits) + Categorical.EulerGamma, 5 * Math.Sqrt(Categorical.GumbelVariance / n));
    }

    private static void VarianceAgainstSamples(ExperimentContext context)
    {
        context.Progress("variance against samples");
        var f = new SquareObjective();
        var family = new NormalFamily(1, 1);
        int[] samples = [1, 2, 4, 8, 16, 32, 64];
        const int estimates = 20_000;
        var estimators = new (string Label, Func<int, IGradientEstimator> Make)[]
        {
            ("reparameterized", m => new NormalReparameterizedEstimator(f, m)),
            ("score function", m => new NormalScoreEstimator(f, ScoreBaseline.None, m)),
            ("score function, running mean (d = 0.9)", m => new NormalScoreEstimator(f, ScoreBaseline.RunningMean(0.9), m)),
            ("score function, leave-one-out (M ≥ 2)", m => new NormalScoreEstimator(f, ScoreBaseline.LeaveOneOut, m)),
        };
        var xs = samples.Select(m => (double)m).ToArray();
        var left = FigureStyle.NewPlot("Variance of the ∂L/∂μ estimate, f = z², μ = σ = 1", "samples M per estimate", "Var ĝ(μ)");
        var right = FigureStyle.NewPlot("Measured ÷ closed form (band: ±5 SE)", "samples M per estimate", "ratio");
        double[] theoryRp = [.. xs.Select(m => 4 / m)], theorySf = [.. xs.Select(m => 30 / m)];
        double bandLow = 1, bandHigh = 1;
        for (int e = 0; e < estimators.Length; e++)
        {
            var variances = new double[samples.Length];
            var ratio = new double[samples.Length];
            var low = new double[samples.Length];
            var high = new double[samples.Length];
            int first = e == 3 ? 1 : 0;
            for (int i = first; i < samples.Length; i++)
            {
                var estimator = estimators[e].Make(samples[i]);
                var stats = GradientMonteCarlo.Run(estimator, [1.0, 1.0], Seed + (ulong)(10 * e + i), estimates);
                variances[i] = stats.Variance[0];
                double theory = e == 0 ? theoryRp[i] : theorySf[i];
                ratio[i] = variances[i] / theory;
                low[i] = 1 - 5 * stats.VarianceStandardError(0) / theory;
                high[i] = 1 + 5 * stats.VarianceStandardError(0) / theory;
                if (e < 2)
                {
                    context.Check($"{estimators[e].Label}: Var ĝ(μ) with M = {samples[i]} vs {(e == 0 ? "4" : "30")}/M (5 SE)", variances[i], theory, 5 * stats.VarianceStandardError(0));
                    if (i == 0) context.Check($"{estimators[e].Label}: E ĝ(μ) = 2μ = 2 (5 SE)", stats.Mean[0], 2, 5 * stats.StandardError(0));
                }
            }

            if (e == 1) context.Report("score_function_variance_m1", variances[0]);
            if (e == 3) context.Report("leave_one_out_variance_m64", variances[^1]);
            EstimatorFigures.AddSeries(left, xs[first..].Select(Math.Log2).ToArray(), EstimatorFigures.Log10(variances[first..]), estimators[e].Label, e);
            if (e < 2)
            {
                bandLow = Math.Min(bandLow, low.Min());
                bandHigh = Math.Max(bandHigh, high.Max());
                EstimatorFigures.AddBand(right, xs.Select(Math.Log2).ToArray(), low, high, e);
                EstimatorFigures.AddSeries(right, xs.Select(Math.Log2).ToArray(), ratio, estimators[e].Label, e);
            }
        }

        EstimatorFigures.AddReference(left, xs.Select(Math.Log2).ToArray(), EstimatorFigures.Log10(theoryRp), "4σ²/M");
        EstimatorFigures.AddReference(left, xs.Select(Math.Log2).ToArray(), EstimatorFigures.Log10(theorySf), "(μ⁴/σ² + 14μ² + 15σ²)/M = 30/M", variant: 1);
        EstimatorFigures.LogAxis(left.Axes.Left);
        foreach (var plot in new[] { left, right })
        {
            plot.Axes.Bottom.SetTicks(xs.Select(Math.Log2).ToArray(), samples.Select(m => m.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray());
            plot.Axes.Bottom.Label.Text = "samples M per estimate (log₂ axis)";
        }

        EstimatorFigures.Legend(left, Alignment.LowerLeft);
        EstimatorFigures.Legend(right, Alignment.UpperRight);
        // The window holds the ±5 SE bands whole (the score function's is widest at small M) and leaves a strip on top
        // for the legend.
        right.Axes.SetLimitsY(Math.Min(0.8, bandLow - 0.02), Math.Max(1.2, bandHigh + 0.1));

        // The closed form at another point: μ = −0.5, σ = 2, c = 0.3 (m = −0.8).
        var other = new NormalFamily(-0.5, 2);
        var shifted = new SquareObjective { Target = 0.3 };
        var sf = GradientMonteCarlo.Run(new NormalScoreEstimator(shifted, ScoreBaseline.None), [-0.5, 2], Seed + 99, 200_000);
        var rp = GradientMonteCarlo.Run(new NormalReparameterizedEstimator(shifted), [-0.5, 2], Seed + 98, 200_000);
        context.Check("score function at μ = −0.5, σ = 2, f = (z − 0.3)²: Var = m⁴/σ² + 14m² + 15σ² (5 SE)", sf.Variance[0], shifted.ScoreMeanVariance(other), 5 * sf.VarianceStandardError(0));
        context.Check("reparameterized at μ = −0.5, σ = 2: Var = 4σ² (5 SE)", rp.Variance[0], SquareObjective.ReparameterizedMeanVariance(other), 5 * rp.VarianceStandardError(0));
        new MultiPanelFigure(1, 2).Add(left).Add(right).SavePng(context.FigurePath("variance-vs-samples.png",
            "Variance of the gradient estimate ∂L/∂μ of L = E f(z), z ~ N(μ, σ²), f = z², at μ = σ = 1, against the number M of samples per estimate (log–log): " +
            "the reparameterized estimator, the score function without a baseline, with a running-mean baseline (decay 0.9) and with a leave-one-out baseline (M ≥ 2). " +
            "The closed forms 4σ²/M and 30/M lie on the measured lines; the right panel shows measured ÷ closed form with ±5 standard errors of the measured variance."), 2000, 850);
    }

    private static void TemperatureSweep(ExperimentContext context)
    {
        context.Progress("τ sweep");
        var linear = new SimplexObjective([.. Enumerable.Range(0, 10).Select(i => Math.Cos(i))]);
        var quadratic = new SimplexObjective(new double[10], weight: 2, target: [0.3, 0, 0.1, 0, 0.2, 0, 0, 0.4, 0, 0]);
        double[] taus = [0.01, 0.02, 0.05, 0.1, 0.2, 0.35, 0.5, 0.75, 1, 1.5, 2, 3, 5];
        const long n = 200_000;
        var mean = new double[10];
        var variance = new double[10];
        var exactLinear = new double[10];
        var exactQuadratic = new double[10];
        linear.ExactGradient(Logits, exactLinear);
        quadratic.ExactGradient(Logits, exactQuadratic);
        (double Bias, double Variance, double Se, double SecondMoment) Measure(SimplexObjective f, double[] exact, double tau, bool st)
        {
            new GumbelSoftmaxMonteCarlo(Logits, f, tau, st).Run(Seed, n, mean, variance);
            double bias = 0, total = 0, square = 0;
            for (int j = 0; j < 10; j++)
            {
                bias += (mean[j] - exact[j]) * (mean[j] - exact[j]);
                total += variance[j];
                square += mean[j] * mean[j];
            }

            return (Math.Sqrt(bias), total, Math.Sqrt(total / n), total + square);
        }

        var gsBias = new double[taus.Length];
        var gsVariance = new double[taus.Length];
        var gsSecondMoment = new double[taus.Length];
        var stBias = new double[taus.Length];
        var gsQuadraticBias = new double[taus.Length];
        var noise = new double[taus.Length];
        for (int i = 0; i < taus.Length; i++)
        {
            var gs = Measure(linear, exactLinear, taus[i], false);
            gsBias[i] = gs.Bias;
            gsVariance[i] = gs.Variance;
            gsSecondMoment[i] = gs.SecondMoment;
            noise[i] = gs.Se;
            stBias[i] = Measure(quadratic, exactQuadratic, taus[i], true).Bias;
            gsQuadraticBias[i] = Measure(quadratic, exactQuadratic, taus[i], false).Bias;
        }

        var sf = GradientMonteCarlo.Run(new CategoricalScoreEstimator(linear, ScoreBaseline.None), Logits, Seed, 100_000);
        double sfBias = 0;
        for (int j = 0; j < 10; j++) sfBias = Math.Max(sfBias, Math.Abs(sf.Bias(j, exactLinear[j])) / sf.StandardError(j));
        context.CheckAtMost("score function on logits: max |bias|/SE over 10 components (unbiased: p_j(c_j − Σp c))", sfBias, 5);
        // Small-τ law: the relaxed sample differs from one-hot only when the two largest perturbed logits lie within O(τ)
        // (probability O(τ)), where the gradient ỹⱼ(cⱼ − c·ỹ)/τ is O(1/τ); so E‖ĝ‖² = A/τ + B + O(τ). Fitted over
        // τ ∈ [0.01, 0.1] (a decade) the slope is −1 up to the relative correction Bτ/A ≲ 0.1 at τ = 0.1; the Monte Carlo
        // error of each second moment (relative ≈ 1/√(τN) ≤ 2%) moves it by less than 0.02.
        int[] small = [0, 1, 2, 3];
        double secondMomentOrder = SamplerConvergence.ObservedOrder([.. small.Select(i => 1 / taus[i])], [.. small.Select(i => gsSecondMoment[i])]);
        context.Check("Gumbel-softmax E‖ĝ‖² ∝ τᵖ as τ → 0: fitted p over τ ∈ [0.01, 0.1] vs −1", secondMomentOrder, -1, 0.1);
        context.CheckAtMost("Gumbel-softmax bias at τ = 0.05 ÷ bias at τ = 1 (bias → 0 as τ → 0)", gsBias[2] / gsBias[8], 0.25);
        BinaryRelaxationBias(context);
        context.Report("gumbel_softmax_bias_tau_1", gsBias[8]);
        context.Report("gumbel_softmax_bias_tau_0.05", gsBias[2]);
        context.Report("straight_through_bias_tau_0.05_quadratic", stBias[2]);

        // τ → 0 and τ → ∞ limits of the relaxed sample itself.
        const int draws = 100_000;
        const double tiny = 1e-4, miss = 1e-6;
        var y = new double[10];
        int missed = 0;
        double uniformGap = 0;
        for (int s = 0; s < draws; s++)
        {
            int hard = Categorical.GumbelSoftmax(Logits, tiny, Seed, s, y);
            if (!(Math.Abs(y[hard] - 1) <= miss)) missed++;
            Categorical.GumbelSoftmax(Logits, 1e6, Seed, s, y);
            foreach (double v in y) uniformGap = Math.Max(uniformGap, Math.Abs(v - 0.1));
        }

        // A sample misses one-hot by more than 10⁻⁶ when its runner-up lies within δ = τ ln((1 − 10⁻⁶)/10⁻⁶) of the top
        // (a third logit that close adds O(δ²) ≈ 10⁻⁶). Lowering logit k by δ gives P(k wins by ≥ δ) = pₖe^{−δ}/(1 − pₖ(1 − e^{−δ})),
        // so P(miss) = 1 − Σₖ pₖe^{−δ}/(1 − pₖ(1 − e^{−δ})) ≈ δ Σₖ pₖ(1 − pₖ). Binomial 5 SE.
        double delta = tiny * Math.Log((1 - miss) / miss), expectedMiss = 1;
        var p = new double[10];
        Categorical.Softmax(Logits, p);
        foreach (double pk in p) expectedMiss -= pk * Math.Exp(-delta) / (1 - pk * -double.ExpM1(-delta));
        context.Check($"τ = 10⁻⁴: fraction of {draws:N0} relaxed samples farther than 10⁻⁶ from one-hot vs P(top-two gap < τ ln 10⁶)", missed / (double)draws, expectedMiss,
            5 * Math.Sqrt(expectedMiss * (1 - expectedMiss) / draws));
        context.CheckAtMost("τ = 10⁶: max |ỹₖ − 1/K| (→ uniform; bound spread/(Kτ) ≈ 5·10⁻⁶)", uniformGap, 1e-5);

        var lx = EstimatorFigures.Log10(taus);
        var bias = FigureStyle.NewPlot("Bias ‖E ĝ − ∇L‖ of the relaxed gradient, K = 10 (N = 2·10⁵ per point)", "temperature τ", "bias");
        EstimatorFigures.AddSeries(bias, lx, EstimatorFigures.Log10(gsBias), "Gumbel-softmax, linear f", 0);
        // At τ ≥ 2 the straight-through and Gumbel-softmax biases of the quadratic f coincide: straight-through goes
        // underneath as large open squares on a wide dashed line, Gumbel-softmax on top as small triangles on a thin
        // solid line, so that both show where they meet.
        EstimatorFigures.AddSeries(bias, lx, EstimatorFigures.Log10(stBias), "straight-through, quadratic f", 1);
        var straightThrough = bias.GetPlottables<ScottPlot.Plottables.Scatter>().Last();
        straightThrough.MarkerShape = MarkerShape.OpenSquare;
        straightThrough.MarkerSize = 16;
        straightThrough.MarkerLineWidth = 2;
        straightThrough.LineWidth = 3.5f;
        EstimatorFigures.AddSeries(bias, lx, EstimatorFigures.Log10(gsQuadraticBias), "Gumbel-softmax, quadratic f", 2);
        var gumbelQuadratic = bias.GetPlottables<ScottPlot.Plottables.Scatter>().Last();
        gumbelQuadratic.MarkerSize = 8;
        gumbelQuadratic.LineWidth = 1.5f;
        EstimatorFigures.AddReference(bias, lx, EstimatorFigures.Log10(noise), "Monte Carlo noise, linear f (1 SE)");
        var spread = FigureStyle.NewPlot("Variance tr Cov ĝ of one sample", "temperature τ", "variance");
        EstimatorFigures.AddSeries(spread, lx, EstimatorFigures.Log10(gsVariance), "Gumbel-softmax, linear f", 0);
        double sfVariance = sf.Variance.Sum();
        EstimatorFigures.AddReference(spread, [lx[0], lx[^1]], [Math.Log10(sfVariance), Math.Log10(sfVariance)], "score function (any τ)");
        var slope = spread.Add.ScatterLine(new[] { lx[0], lx[4] }, new[] { Math.Log10(gsSecondMoment[0]), Math.Log10(gsSecondMoment[0] * taus[0] / taus[4]) }, FigureColors.Reference);
        slope.LinePattern = LinePattern.Dashed;
        slope.LineWidth = 1.8f;
        slope.LegendText = "∝ 1/τ (small-τ law of E‖ĝ‖²)";
        foreach (var plot in new[] { bias, spread })
        {
            EstimatorFigures.LogAxis(plot.Axes.Left);
            EstimatorFigures.LogAxis(plot.Axes.Bottom);
        }

        // The window holds the Monte Carlo noise curve down to its last point (it falls far below the biases at large τ);
        // the biases rise with τ, so the upper left is empty and takes the legend.
        var shownBias = gsBias.Concat(gsQuadraticBias).Concat(stBias).Concat(noise).Where(v => v > 0).ToArray();
        bias.Axes.SetLimitsY(Math.Log10(shownBias.Min()) - 0.2, Math.Log10(shownBias.Max()) + 0.4);
        EstimatorFigures.Legend(bias, Alignment.UpperLeft);
        EstimatorFigures.Legend(spread, Alignment.UpperRight);
        new MultiPanelFigure(1, 2).Add(bias).Add(spread).SavePng(context.FigurePath("tau-sweep.png",
            "Relaxed (Gumbel-softmax) and straight-through gradients of E f(y) for a categorical y with K = 10 logits, against the temperature τ (log–log), " +
            "2·10⁵ samples per point. Left: the bias of the mean gradient for a linear and a quadratic f, with the Monte Carlo noise (1 standard error) below which a bias is not resolved; " +
            "at τ ≥ 2 the straight-through and Gumbel-softmax curves of the quadratic f coincide (open squares round the triangles). Right: the variance of one sample's gradient, with the score function's and the 1/τ law as τ → 0."), 2000, 850);
    }

    // K = 2: the relaxation's mean gradient in closed form up to a 1-D quadrature (Categorical.BinaryRelaxedMeanGradient),
    // against the exact (c₁ − c₂)σ′(o₁ − o₂): the bias as a function of τ. The vectorised Monte Carlo of 10⁶ samples must
    // match it within 5 SE at every τ.
    private static void BinaryRelaxationBias(ExperimentContext context)
    {
        double[] logits = [0.3, -0.4];
        var f = new SimplexObjective([1.0, -0.5]);
        double gap = logits[0] - logits[1], slope = f.Costs[0] - f.Costs[1];
        var mean = new double[2];
        var variance = new double[2];
        const long samples = 1_000_000;
        foreach (double tau in new[] { 0.1, 0.25, 0.5, 1, 2 })
        {
            double expected = Categorical.BinaryRelaxedMeanGradient(gap, slope, tau), exact = slope * Categorical.LogisticDensity(gap);
            new GumbelSoftmaxMonteCarlo(logits, f, tau).Run(Seed + 7, samples, mean, variance);
            context.Check($"K = 2, τ = {tau}: mean relaxed gradient ∂/∂o₁ vs the logistic integral (bias {expected - exact:+0.0000;−0.0000} from the exact gradient; 5 SE)",
                mean[0], expected, 5 * Math.Sqrt(variance[0] / samples));
        }
    }

    private static void NormalFlows(ExperimentContext context)
    {
        context.Progress("noisy flows on (μ, σ)");
        var f = new SquareObjective();
        const double h = 0.01, floor = 0.1;
        const int steps = 50, paths = 400, m = 16;
        double[] start = [1, 1];
        var exact = Ode.Solve(OdeProblem.Create(new GradientFlow<NormalSquareLoss>(new NormalSquareLoss(f)), start, 0, steps * h), new DormandPrince5(),
            SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Uniform(0, steps * h, steps + 1) });
        // μ(t) = μ₀e^{−2t}; DP5 at 1e-10 is good to ~1e-10.
        context.Check($"exact gradient flow (Ode.Solve): μ({steps * h}) = e^{{−2t}}", exact.FinalState[0], Math.Exp(-2 * steps * h), 1e-8);

        // The deterministic Euler path and the linear-noise prediction of the spread: V_{n+1} = (1 − 2h)²V_n + h²·Var ĝ(μ)(θ̄_n).
        var mu = new double[steps + 1];
        var sigma = new double[steps + 1];
        mu[0] = start[0];
        sigma[0] = start[1];
        var predictedRp = new double[steps + 1];
        var predictedSf = new double[steps + 1];
        for (int n = 0; n < steps; n++)
        {
            var family = new NormalFamily(mu[n], sigma[n]);
            predictedRp[n + 1] = (1 - 2 * h) * (1 - 2 * h) * predictedRp[n] + h * h * SquareObjective.ReparameterizedMeanVariance(family) / m;
            predictedSf[n + 1] = (1 - 2 * h) * (1 - 2 * h) * predictedSf[n] + h * h * f.ScoreMeanVariance(family) / m;
            mu[n + 1] = mu[n] - h * 2 * mu[n];
            sigma[n + 1] = sigma[n] - h * 2 * sigma[n];
        }

        var plot = FigureStyle.NewPlot("Noisy gradient flows on (μ, σ): mean ± 1 sd", "t = n·h", "μ");
        var times = Enumerable.Range(0, steps + 1).Select(n => n * h).ToArray();
        // The means lie on the exact flow to within a few 10⁻³: their residual against it is shown in a panel of its own,
        // with ±2 standard errors and the Euler path's own gap, which is what an unbiased estimator's mean follows.
        var residualPlot = FigureStyle.NewPlot("Mean of the paths − exact flow, ± 2 SE", "t = n·h", "mean μₙ − μ(t)");
        var exactMu = exact.Component(0).ToArray();
        double residualLow = 0, residualHigh = 0;
        var spreadPlot = FigureStyle.NewPlot("Spread of μ across paths vs linear-noise prediction", "t = n·h", "Var μₙ");
        var estimators = new (IGradientEstimator Estimator, double[] Predicted)[]
        {
            (new NormalReparameterizedEstimator(f, m), predictedRp),
            (new NormalScoreEstimator(f, ScoreBaseline.None, m), predictedSf),
        };
        for (int e = 0; e < estimators.Length; e++)
        {
            var sum = new double[steps + 1];
            var squares = new double[steps + 1];
            var finals = new double[paths];
            for (int p = 0; p < paths; p++)
            {
                var path = NoisyGradientDescent.Run(estimators[e].Estimator, start, h, steps, Seed + 1000 * (ulong)e + (ulong)p, lowerBounds: [double.NegativeInfinity, floor]);
                for (int n = 0; n <= steps; n++)
                {
                    double value = path.State(n)[0];
                    sum[n] += value;
                    squares[n] += value * value;
                }

                finals[p] = path.FinalState[0];
            }

            var meanPath = sum.Select(s => s / paths).ToArray();
            var variancePath = Enumerable.Range(0, steps + 1).Select(n => (squares[n] - paths * meanPath[n] * meanPath[n]) / (paths - 1)).ToArray();
            var sd = variancePath.Select(Math.Sqrt).ToArray();
            EstimatorFigures.AddBand(plot, times, [.. meanPath.Select((m, n) => m - sd[n])], [.. meanPath.Select((m, n) => m + sd[n])], e);
            EstimatorFigures.AddSeries(plot, times, meanPath, $"{estimators[e].Estimator.Name}: mean ± 1 sd", e, markers: false);
            var residual = meanPath.Select((v, n) => v - exactMu[n]).ToArray();
            var twoSe = sd.Select(v => 2 * v / Math.Sqrt(paths)).ToArray();
            EstimatorFigures.AddBand(residualPlot, times, [.. residual.Select((r, n) => r - twoSe[n])], [.. residual.Select((r, n) => r + twoSe[n])], e);
            EstimatorFigures.AddSeries(residualPlot, times, residual, estimators[e].Estimator.Name, e, markers: false);
            residualLow = Math.Min(residualLow, residual.Select((r, n) => r - twoSe[n]).Min());
            residualHigh = Math.Max(residualHigh, residual.Select((r, n) => r + twoSe[n]).Max());
            EstimatorFigures.AddSeries(spreadPlot, times[1..], EstimatorFigures.Log10(variancePath[1..]), $"{estimators[e].Estimator.Name}: measured", e, markers: false);
            EstimatorFigures.AddReference(spreadPlot, times[1..], EstimatorFigures.Log10(estimators[e].Predicted[1..]), e == 0 ? "prediction Σₖ h²(1 − 2h)²ᵏ Var ĝ(μ)/M" : "");

            double finalMean = meanPath[^1], m4 = finals.Select(x => Math.Pow(x - finalMean, 4)).Average();
            double varianceSe = Math.Sqrt(Math.Max(0, m4 - variancePath[^1] * variancePath[^1]) / paths);
            // 5 SE of the sample variance plus 10% for the linear-noise approximation (σ's own noise feeds μ at second order).
            context.Check($"{estimators[e].Estimator.Name}: Var μ at t = {steps * h} across {paths} paths vs linear-noise prediction", variancePath[^1], estimators[e].Predicted[^1],
                5 * varianceSe + 0.1 * estimators[e].Predicted[^1]);
            context.Check($"{estimators[e].Estimator.Name}: mean μ at t = {steps * h} vs the Euler path (unbiased drift; 5 SE)", finalMean, mu[^1], 5 * Math.Sqrt(variancePath[^1] / paths));
        }

        EstimatorFigures.AddSeries(plot, [.. exact.Times], exact.Component(0), "exact gradient flow (DP5)", 6, markers: false);
        EstimatorFigures.Legend(plot, Alignment.UpperRight);
        EstimatorFigures.LogAxis(spreadPlot.Axes.Left);
        EstimatorFigures.Legend(spreadPlot, Alignment.LowerRight);
        EstimatorFigures.AddReference(residualPlot, times, [.. times.Select((t, n) => mu[n] - exactMu[n])], "Euler path (1 − 2h)ⁿ − e⁻²ᵗ");
        residualPlot.Add.HorizontalLine(0, 1, FigureColors.Background);
        // The residuals start at 0 and fan out downwards: the lower left is empty and holds the legend.
        double span = residualHigh - residualLow;
        residualPlot.Axes.SetLimitsY(residualLow - 0.45 * span, residualHigh + 0.05 * span);
        EstimatorFigures.Legend(residualPlot, Alignment.LowerLeft);
        new MultiPanelFigure(1, 3).Add(plot).Add(residualPlot).Add(spreadPlot).SavePng(context.FigurePath("normal-flows.png",
            $"Noisy gradient descent on the parameters (μ, σ) of N(μ, σ²) for E f(z), f = z², step h = {h}, M = {m} samples per gradient, σ kept ≥ {floor}, {paths} paths from (1, 1), " +
            "with the reparameterized and the score-function (no baseline) estimators. Left: the paths' mean ± 1 sd of μ and the exact gradient flow μ(t) = e⁻²ᵗ (DP5). " +
            "Middle: the paths' mean minus the exact flow, ± 2 standard errors, against the Euler path's own gap. Right: the spread of μ across paths (log scale) against the linear-noise prediction."), 2700, 850);
    }

    private static void CategoricalFlows(ExperimentContext context)
    {
        context.Progress("noisy flows on logits");
        var objective = new SimplexObjective([.. Enumerable.Range(0, 10).Select(i => 0.3 * Math.Cos(i))], weight: 2, target: [0.3, 0, 0.1, 0, 0.2, 0, 0, 0.4, 0, 0]);
        var loss = new CategoricalLoss(objective);
        const double h = 0.5;
        const int steps = 2000, paths = 32, every = 20;
        var start = new double[10];
        double end = steps * h;
        var exact = Ode.Solve(OdeProblem.Create(new GradientFlow<CategoricalLoss>(loss), start, 0, end), new DormandPrince5(),
            SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Uniform(0, end, steps / every + 1) });
        var gd = NoisyGradientDescent.Run(new CategoricalExactEstimator(objective), start, h, steps, Seed, every);
        var runs = new (string Label, Func<IGradientEstimator> Make)[]
        {
            ("score function (M = 4)", () => new CategoricalScoreEstimator(objective, ScoreBaseline.LeaveOneOut, 4)),
            ("Gumbel-softmax τ = 0.5", () => new GumbelSoftmaxEstimator(objective, TemperatureSchedule.Constant(0.5))),
            ("Gumbel-softmax, annealed τₙ", () => new GumbelSoftmaxEstimator(objective, TemperatureSchedule.Su)),
            ("straight-through τ = 0.5", () => new GumbelSoftmaxEstimator(objective, TemperatureSchedule.Constant(0.5), straightThrough: true)),
        };
        var plot = FigureStyle.NewPlot($"Noisy gradient flows on 10 logits, f(y) = c·y + ‖y − t‖², h = {h}, {paths} paths each", "t = n·h", "L(oₙ) − L*");
        double lStar = Enumerable.Range(0, 10).Min(objective.VertexValue);
        var times = gd.Times.ToArray();
        double gdFinal = loss.Value(gd.FinalState);
        for (int r = 0; r < runs.Length; r++)
        {
            var sum = new double[times.Length];
            var finals = new double[paths];
            for (int p = 0; p < paths; p++)
            {
                var path = NoisyGradientDescent.Run(runs[r].Make(), start, h, steps, Seed + 100 * (ulong)r + (ulong)p, every);
                for (int n = 0; n < times.Length; n++) sum[n] += loss.Value(path.State(n));
                finals[p] = loss.Value(path.FinalState);
            }

            var mean = sum.Select(s => s / paths - lStar).ToArray();
            EstimatorFigures.AddSeries(plot, times, EstimatorFigures.Log10(mean), runs[r].Label, r, markers: false);
            double avg = finals.Average(), se = Math.Sqrt(finals.Select(v => (v - avg) * (v - avg)).Sum() / (paths - 1) / paths);
            context.Report($"{runs[r].Label}: final L", avg);
            context.Report($"{runs[r].Label}: final L standard error", se);
            if (r == 0)
                context.Check($"score function mean path: L at t = {end} vs exact-gradient Euler path (unbiased; 5 SE + O(h·Var) drift)", avg, gdFinal, 5 * se + 0.02 * Math.Abs(gdFinal - lStar));
            if (r == 3)
                context.CheckAtMost("straight-through: 5 SE ÷ |offset of final L from the exact path| (< 1: the bias is visible)", 5 * se / Math.Abs(avg - gdFinal), 1);
        }

        // The Euler path of the exact gradient lies on the flow (checked below), so only the flow is drawn.
        EstimatorFigures.AddSeries(plot, [.. exact.Times], EstimatorFigures.Log10(Enumerable.Range(0, exact.Count).Select(n => loss.Value(exact.State(n)) - lStar)), "exact gradient flow", 6, markers: false);
        EulerAgainstFlow(context, loss, start, end, h);
        EstimatorFigures.LogAxis(plot.Axes.Left);
        // 2 % room on the right, so that the last tick's label (t = end) is not cut by the image edge.
        plot.Axes.SetLimitsX(0, 1.02 * end);
        EstimatorFigures.Legend(plot, Alignment.LowerLeft);
        PngFile.Save(plot, context.FigurePath("trajectories.png", $"Loss gap L(oₙ) − L* (log scale) of noisy gradient descent on 10 logits, h = {h}, each estimator's curve the mean over {paths} paths: the score-function estimator with a leave-one-out baseline over M = 4 samples, Gumbel-softmax at τ = 0.5 and annealed as τₙ = 0.01 + 0.99·0.999ⁿ, and straight-through Gumbel-softmax at τ = 0.5; the exact gradient flow is solved by Dormand–Prince 5(4) at tolerance 10⁻¹⁰."), 1500, 900);
    }

    // Euler (gradient descent) against the exact flow. Both tend to the same vertex, so at t = 1000 the gap is only the
    // O(h) time lag times the final, tiny |dL/dt|; the meaningful measure is the largest gap along the path,
    // G(h) = maxₙ |L(oₙ) − L(o(nh))|. Gradient descent is the flow of the modified loss L + (h/4)‖∇L‖² up to O(h²)
    // (Barrett & Dherin 2021), so G(h) = C h + O(h²): order 1. Fitted over h ∈ [1/32, 1/2] (1.2 decades); the O(h²)
    // term, relative size ≈ h·‖∇²L‖ ≲ 0.1 at the largest h, tilts the fitted slope by less than 0.1.
    private static void EulerAgainstFlow(ExperimentContext context, CategoricalLoss loss, double[] start, double end, double largest)
    {
        const double every = 10;
        var flow = Ode.Solve(OdeProblem.Create(new GradientFlow<CategoricalLoss>(loss), start, 0, end), new DormandPrince5(),
            SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.Uniform(0, end, (int)(end / every) + 1) });
        double[] steps = [largest, largest / 2, largest / 4, largest / 8, largest / 16];
        var gaps = new double[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            int stride = (int)Math.Round(every / steps[i]);
            var euler = NoisyGradientDescent.Run(new CategoricalExactEstimator(loss.Objective), start, steps[i], (int)Math.Round(end / steps[i]), Seed, stride);
            for (int n = 0; n < flow.Count; n++) gaps[i] = Math.Max(gaps[i], Math.Abs(loss.Value(euler.State(n)) - loss.Value(flow.State(n))));
            context.Report($"euler_max_gap_h_{steps[i]}", gaps[i]);
        }

        double order = SamplerConvergence.ObservedOrder([.. steps.Select(x => 1 / x)], gaps);
        context.Check($"exact-gradient Euler path vs gradient flow (Ode.Solve): order of maxₙ |L(oₙ) − L(o(nh))| over h ∈ [{steps[^1]}, {largest}] vs 1", order, 1, 0.1);
    }
}
