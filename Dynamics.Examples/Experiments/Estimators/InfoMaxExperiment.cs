using Dynamics.Examples.Gallery;
using Dynamics.Models.Estimators;
using Dynamics.Models.Information;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using ScottPlot;

namespace Dynamics.Examples.Experiments.Estimators;

/// <summary>
/// Deep InfoMax's mutual-information machinery on Gaussian toys (kexue.fm/archives/6024; Poole et al. 2019): the JS
/// critic trained by gradient flow against the optimal critic ln(dP/dQ); JS, DV (MINE), NWJ and InfoNCE against the true
/// I = −(d/2) ln(1 − ρ²) over a staircase of ρ, with InfoNCE saturating at ln K and the variance of DV/NWJ growing with I;
/// Su's prior-matching identity and the β/γ trade-off of −βI + γ E_x KL(p(z|x)‖N(0, 1)) on the linear-Gaussian encoder.
/// </summary>
public sealed class InfoMaxExperiment : IExperiment
{
    private const ulong Seed = 6024;
    private const int Pairs = 5, Batch = 64;

    // The critic's coefficients (w₀, w_x, w_z, w_xx, w_xz, w_zz) as docs/estimators.md writes them, for check labels; and as
    // figures write them, with index 1 for x and 2 for z because Unicode has no subscript z.
    private static readonly string[] CoefficientNames = ["w₀", "w_x", "w_z", "w_xx", "w_xz", "w_zz"];
    private static readonly string[] CoefficientSymbols = ["w₀", "w₁", "w₂", "w₁₁", "w₁₂", "w₂₂"];
    // Every how many saved times (of 401) the coinciding w₁₁ and w₂₂ curves carry a marker.
    private const int TwinMarkerSpacing = 40;
    private const string CriticForm = "Critic T(x, z) = w₀ + w₁x + w₂z + w₁₁x² + w₁₂xz + w₂₂z²";

    /// <inheritdoc/>
    public string Name => "infomax";

    /// <inheritdoc/>
    public string Description => "Mutual-information bounds (JS, DV, NWJ, InfoNCE) vs the true MI of correlated Gaussians, a critic trained by gradient flow, and the β/γ trade-off.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        Critic(context);
        Bounds(context);
        TrainedBounds(context);
        TradeOff(context);
    }

    private static void Critic(ExperimentContext context)
    {
        context.Progress("critic trained by gradient flow");
        var reference = new CorrelatedGaussian(0.6);
        double js = reference.JensenShannonByQuadrature();
        // Trapezoidal rule on [−9, 9]² with 401² nodes: the Gaussian tails beyond 9 and the discretisation are < 1e-12.
        context.Check("JS(joint ‖ product), ρ = 0.6, by quadrature", js, 0.05777355, 1e-8);
        double high = new CorrelatedGaussian(0.99).JensenShannonByQuadrature(9, 2001);
        context.CheckAtMost("JS(ρ = 0.99) by quadrature − ln 2 ≤ 0 (correction E4, docs/corrections.md)", high - Math.Log(2), 0);
        context.CheckAtMost("½ ln 2 − JS(ρ = 0.99) < 0: the misprinted bound ½ ln 2 is exceeded", 0.5 * Math.Log(2) - high, 0);
        context.Report("js_rho_0.99", high);

        double[] rhos = [0.2, 0.4, 0.6, 0.7, 0.8];
        var trained = new double[rhos.Length][];
        Solution? history = null;
        // Independent flows, one per ρ, on both cores (each result is the same as a serial run's).
        Parallel.For(0, rhos.Length, i =>
        {
            var source = new CorrelatedGaussian(rhos[i]);
            // The checked case gets the larger sample; the others only draw the trend.
            bool main = rhos[i] == 0.6;
            var loss = new CriticLoss(new CriticSample(source, Seed + (ulong)i, main ? 4000 : 2000, main ? 4 : 2));
            var solution = Ode.Solve(OdeProblem.Create(new GradientFlow<CriticLoss>(loss), new double[6], 0, 400), new DormandPrince5(),
                SolverOptions.WithTolerance(1e-8) with { SaveAt = main ? SaveAt.Uniform(0, 400, 401) : SaveAt.End });
            trained[i] = solution.FinalState.ToArray();
            if (main) history = solution;
        });

        var optimal = reference.OptimalCritic.Coefficients();
        var at = trained[2];
        // Logistic-regression estimates from 4000 positives and 16000 negatives: SE ≈ 0.02–0.04 per coefficient; 0.15 ≈ 4–5 SE.
        for (int k = 0; k < 6; k++) context.Check($"trained critic (ρ = 0.6, N = 4000): {CoefficientNames[k]} vs optimal critic", at[k], optimal[k], 0.15);

        // The trained critic's objective on a fresh sample is at most the optimal critic's, and close to it.
        var fresh = new CriticSample(reference, Seed + 77, 40_000, 4);
        double best = VariationalBounds.JensenShannonObjective(reference.OptimalCritic, fresh);
        double mine = VariationalBounds.JensenShannonObjective(QuadraticCritic.FromCoefficients(at), fresh);
        // SE of the sample objective: sd of log σ(T) ≈ 0.45 over 40,000 positives, of log(1 − σ(T)) ≈ 0.3 over 160,000 negatives ≈ 2.4e-3.
        context.Check("JS objective of the optimal critic on 40,000 fresh pairs = 2 JS − ln 4 = −1.27074726", best, -1.27074726, 0.012);
        context.Check("JS objective: trained − optimal critic on fresh pairs (≈ 0, sampling-limited)", mine - best, 0, 0.01);
        context.Report("trained_minus_optimal_objective", mine - best);

        var coefficients = FigureStyle.NewPlot("JS-trained quadratic critic vs ln(dP/dQ), d = 1, N = 2000–4000", "correlation ρ", "coefficient");
        var fine = Enumerable.Range(0, 81).Select(i => 0.01 * i).ToArray();
        int[] shown = [0, 3, 4];
        for (int j = 0; j < shown.Length; j++)
        {
            int k = shown[j];
            double[] curve = [.. fine.Select(r => new CorrelatedGaussian(r).OptimalCritic.Coefficients()[k])];
            EstimatorFigures.AddReference(coefficients, fine, curve, j == 0 ? "optimal critic (closed form)" : "");
            var points = coefficients.Add.Markers(rhos, [.. trained.Select(w => w[k])], FigureColors.MarkerAt(j), 11, FigureColors.At(j));
            points.LegendText = $"trained {CoefficientSymbols[k]}" + (k == 0 ? " (→ I)" : k == 3 ? $" (= {CoefficientSymbols[5]} → −ρ²/2(1 − ρ²))" : " (→ ρ/(1 − ρ²))");
        }

        EstimatorFigures.Legend(coefficients, Alignment.UpperLeft);
        var flow = FigureStyle.NewPlot("Critic coefficients along the gradient flow, ρ = 0.6", "flow time t", "coefficient");
        for (int k = 0; k < 6; k++)
        {
            // w₁₁ and w₂₂ are equal up to sampling (the data are symmetric in x ↔ z), so their curves coincide: each also
            // gets markers of its own shape, staggered in time, and a legend entry showing line and marker together.
            bool twin = k is 3 or 5;
            EstimatorFigures.AddSeries(flow, [.. history!.Times], history.Component(k), twin ? "" : CoefficientSymbols[k], k, markers: false);
            if (twin)
            {
                int offset = k == 3 ? 0 : TwinMarkerSpacing / 2;
                var marked = Enumerable.Range(0, history.Count).Where(n => n % TwinMarkerSpacing == offset).ToArray();
                double[] markedTimes = [.. marked.Select(n => history.Times[n])], markedValues = [.. marked.Select(n => history.State(n)[k])];
                var marks = flow.Add.Markers(markedTimes, markedValues, FigureColors.MarkerAt(k), 11, FigureColors.At(k));
                marks.MarkerLineWidth = 2;
                flow.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = CoefficientSymbols[k], LineColor = FigureColors.At(k), LineWidth = 2.5f, LinePattern = LinePattern.Dashed,
                    MarkerShape = FigureColors.MarkerAt(k), MarkerSize = 11, MarkerFillColor = FigureColors.At(k), MarkerLineColor = FigureColors.At(k), MarkerLineWidth = 2,
                });
            }

            if (k is 0 or 3 or 4) EstimatorFigures.AddReference(flow, [0, 400], [optimal[k], optimal[k]], k == 0 ? "optimal values" : "");
        }

        // The coefficients settle by t ≈ 50 and stay level, so every corner holds a curve: the window reaches below the
        // lowest one by 45 % of their range, a strip that holds the legend clear of the w₁₁ and w₂₂ curves.
        double lowest = Enumerable.Range(0, 6).Min(k => Math.Min(history!.Component(k).Min(), optimal[k]));
        double highest = Enumerable.Range(0, 6).Max(k => Math.Max(history!.Component(k).Max(), optimal[k]));
        flow.Axes.SetLimitsY(lowest - 0.45 * (highest - lowest), highest + 0.05 * (highest - lowest));
        EstimatorFigures.Legend(flow, Alignment.LowerRight);
        new MultiPanelFigure(1, 2).Add(coefficients).Add(flow).SavePng(context.FigurePath("critic.png",
            $"{CriticForm}, fitted by the gradient flow of the Jensen–Shannon objective; markers: trained, dotted: the optimal critic ln(dP/dQ). Right: w₁₁ and w₂₂ coincide (the data are symmetric in x ↔ z); diamonds and circles, staggered, mark each."), 2000, 850);
    }

    private static void Bounds(ExperimentContext context)
    {
        context.Progress("bounds over a staircase of ρ");
        double[] rhos = [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98];
        int n = rhos.Length;
        var truth = new double[n];
        var dv = new double[n];
        var nwj = new double[n];
        var nce = new double[n];
        var js = new double[n];
        var sdDv = new double[n];
        var sdNwj = new double[n];
        var sdNce = new double[n];
        const int repeats = 100, small = 128;
        for (int i = 0; i < n; i++)
        {
            var source = new CorrelatedGaussian(rhos[i], Pairs);
            var critic = source.OptimalCritic;
            truth[i] = source.MutualInformation;
            var large = new CriticSample(source, Seed + 1000 + (ulong)i, 8192, 4);
            dv[i] = VariationalBounds.DonskerVaradhan(critic, large);
            nwj[i] = VariationalBounds.NguyenWainwrightJordan(critic, large);
            nce[i] = VariationalBounds.InfoNce(critic, large, Batch);
            js[i] = VariationalBounds.JensenShannonFromObjective(VariationalBounds.JensenShannonObjective(critic, large));
            var a = new double[repeats];
            var b = new double[repeats];
            var c = new double[repeats];
            for (int r = 0; r < repeats; r++)
            {
                var batch = new CriticSample(source, Seed + 5000 + (ulong)i, small, 1, first: (long)r * small);
                a[r] = VariationalBounds.DonskerVaradhan(critic, batch);
                b[r] = VariationalBounds.NguyenWainwrightJordan(critic, batch);
                c[r] = VariationalBounds.InfoNce(critic, batch, Batch);
            }

            var nwjSpread = EstimatorStatistics.FromValues(b);
            sdDv[i] = EstimatorStatistics.FromValues(a).StandardDeviation(0);
            sdNwj[i] = nwjSpread.StandardDeviation(0);
            sdNce[i] = EstimatorStatistics.FromValues(c).StandardDeviation(0);
            context.CheckAtMost($"InfoNCE (K = {Batch}) ≤ ln K at I = {truth[i]:F3}", nce[i] - Math.Log(Batch), 0);
            context.CheckAtMost($"JS estimate ≤ ln 2 at I = {truth[i]:F3} (correction E4, docs/corrections.md)", js[i] - Math.Log(2), 0);
            if (truth[i] < 1.5)
            {
                // Sampling error of DV/NWJ at the optimal critic on 8192 pairs with 4 negatives each, in closed form.
                double se = source.NwjStandardDeviation(8192, 4);
                context.Check($"NWJ at the optimal critic, I = {truth[i]:F3} (5 SE)", nwj[i], truth[i], 5 * se);
                context.Check($"DV at the optimal critic, I = {truth[i]:F3} (5 SE)", dv[i], truth[i], 5 * se);
                // The spread over batches against √(dρ²/N + (e^{2I} − 1)/(NS)); 5 SE of the sample sd (from its fourth moment).
                context.Check($"NWJ at the optimal critic, I = {truth[i]:F3}: sd over {repeats} batches of {small} vs √(dρ²/N + (e^(2I) − 1)/N)", sdNwj[i],
                    source.NwjStandardDeviation(small, 1), 5 * nwjSpread.StandardDeviationError(0));
            }
        }

        context.Check($"InfoNCE saturates: at I = {truth[^1]:F2} it is within 0.3 of ln {Batch} = {Math.Log(Batch):F3}", nce[^1], Math.Log(Batch), 0.3);
        context.CheckAtMost("InfoNCE has lower variance than NWJ at the largest I: sd ratio", sdNce[^1] / sdNwj[^1], 1);

        var value = FigureStyle.NewPlot($"Bounds at the optimal critic vs true MI, d = {Pairs} pairs, N = 8192", "true I = −(d/2) ln(1 − ρ²)  [nats]", "estimate [nats]");
        EstimatorFigures.AddReference(value, [0, truth[^1]], [0, truth[^1]], "true I");
        EstimatorFigures.AddSeries(value, truth, dv, "Donsker–Varadhan (MINE)", 0);
        EstimatorFigures.AddSeries(value, truth, nwj, "NWJ", 1);
        EstimatorFigures.AddSeries(value, truth, nce, $"InfoNCE, K = {Batch}", 2);
        EstimatorFigures.AddSeries(value, truth, js, "JS divergence (≤ ln 2)", 3);
        var cap = value.Add.HorizontalLine(Math.Log(Batch), 1.5f, FigureColors.Reference, LinePattern.Dashed);
        cap.LegendText = $"ln K = {Math.Log(Batch):F2}";
        EstimatorFigures.Legend(value, Alignment.UpperLeft);
        var spread = FigureStyle.NewPlot($"Standard deviation over {repeats} batches of {small} pairs", "true I [nats]", "sd of the estimate");
        EstimatorFigures.AddSeries(spread, truth, EstimatorFigures.Log10(sdDv), "Donsker–Varadhan (MINE)", 0);
        EstimatorFigures.AddSeries(spread, truth, EstimatorFigures.Log10(sdNwj), "NWJ", 1);
        EstimatorFigures.AddSeries(spread, truth, EstimatorFigures.Log10(sdNce), $"InfoNCE, K = {Batch}", 2);
        EstimatorFigures.LogAxis(spread.Axes.Left);
        EstimatorFigures.Legend(spread, Alignment.UpperLeft);
        new MultiPanelFigure(1, 2).Add(value).Add(spread).SavePng(context.FigurePath("bounds.png",
            $"Lower bounds on the mutual information of {Pairs} independent Gaussian pairs with correlation ρ, I = −(d/2) ln(1 − ρ²), evaluated at the optimal critic: " +
            $"left, the Donsker–Varadhan (MINE), NWJ and InfoNCE (K = {Batch}) bounds on N = 8192 pairs and the Jensen–Shannon divergence against the true I, with InfoNCE's cap ln K; " +
            $"right, the standard deviation of each bound over {repeats} batches of {small} pairs (log scale)."), 2000, 850);
    }

    // DV, NWJ and InfoNCE, each with its own critic trained by Adam on minibatches of its own objective, over the ρ
    // staircase: Seeds independent trainings per point, each trained critic evaluated on Evaluations fresh batches.
    private static void TrainedBounds(ExperimentContext context)
    {
        context.Progress("bounds with trained critics");
        const int seeds = 8, evaluations = 16, evaluationPairs = 512, negatives = 4;
        double[] rhos = [0.1, 0.3, 0.5, 0.7, 0.8, 0.9, 0.95, 0.98];
        var objectives = new (CriticObjective Objective, string Label, int[] Identified)[]
        {
            // The coefficients each objective pins down: DV is blind to w₀, InfoNCE to every function of x alone (w₀, w_x, w_xx).
            (CriticObjective.DonskerVaradhan, "Donsker–Varadhan (MINE)", [1, 2, 3, 4, 5]),
            (CriticObjective.NguyenWainwrightJordan, "NWJ", [0, 1, 2, 3, 4, 5]),
            (CriticObjective.InfoNce, $"InfoNCE, K = {Batch}", [2, 4, 5]),
        };
        int n = rhos.Length;
        var truth = rhos.Select(r => new CorrelatedGaussian(r, Pairs).MutualInformation).ToArray();
        var value = FigureStyle.NewPlot($"Bounds with critics trained on their own objective, d = {Pairs}, {seeds} seeds", "true I = −(d/2) ln(1 − ρ²)  [nats]", "estimate [nats]");
        var spread = FigureStyle.NewPlot($"Standard deviation over {seeds} seeds × {evaluations} batches of {evaluationPairs} pairs", "true I [nats]", "sd of the estimate");
        EstimatorFigures.AddReference(value, [0, truth[^1]], [0, truth[^1]], "true I");
        var infoNceSd = new double[n];
        var nwjSd = new double[n];
        for (int o = 0; o < objectives.Length; o++)
        {
            var (objective, label, identified) = objectives[o];
            var trainer = new CriticTrainer(objective, Steps: 2000, BatchSize: objective == CriticObjective.InfoNce ? Batch : 128, NegativesPerPositive: negatives, LearningRate: 0.1, DecaySteps: 300);
            var mean = new double[n];
            var sd = new double[n];
            for (int i = 0; i < n; i++)
            {
                var source = new CorrelatedGaussian(rhos[i], Pairs);
                var critics = new QuadraticCritic[seeds];
                var estimates = new double[seeds * evaluations];
                var gaps = new double[seeds * evaluations];
                Parallel.For(0, seeds, r =>
                {
                    critics[r] = trainer.Train(source, Seed + 20_000 + (ulong)(1000 * i + r));
                    for (int e = 0; e < evaluations; e++)
                    {
                        var fresh = new CriticSample(source, Seed + 30_000 + (ulong)i, evaluationPairs, negatives, first: (long)(r * evaluations + e) * evaluationPairs);
                        estimates[r * evaluations + e] = VariationalBounds.Value(objective, critics[r], fresh, Batch);
                        gaps[r * evaluations + e] = estimates[r * evaluations + e] - VariationalBounds.Value(objective, source.OptimalCritic, fresh, Batch);
                    }
                });
                var stats = EstimatorStatistics.FromValues(estimates);
                mean[i] = stats.Mean[0];
                sd[i] = stats.StandardDeviation(0);
                var gap = EstimatorStatistics.FromValues(gaps);
                context.Report($"{objective}_trained_minus_optimal_I_{truth[i]:F3}", gap.Mean[0]);
                if (objective == CriticObjective.InfoNce)
                {
                    // Any critic: the row score T(xᵢ, zᵢ) − ln((1/K) Σⱼ e^{T(xᵢ, zⱼ)}) ≤ ln K, so the mean is too.
                    context.CheckAtMost($"trained InfoNCE (K = {Batch}) − ln K at I = {truth[i]:F3}", mean[i] - Math.Log(Batch), 0);
                }
                else if (truth[i] < 2)
                {
                    // Where the critic converges, the trained bound is the optimal one plus a second-order gap: it estimates I
                    // with the evaluation noise only; 5 SE of the mean of seeds × evaluations values.
                    context.Check($"{label}, trained critic, at I = {truth[i]:F3}: mean estimate vs true I (5 SE)", mean[i], truth[i], 5 * stats.StandardError(0));
                    // At (or near) the optimal critic the estimate's variance is Var_P T*/N + Var_Q e^{T*}/(NS) with
                    // Var_P T* = dρ² and Var_Q e^{T*} = E_P r − 1 = e^{2I} − 1 (positive and negative terms are uncorrelated since
                    // E[e^{T*(x′, z)} | z] = 1); DV has the same first-order variance. 5 SE of the sample sd (from its fourth moment).
                    context.Check($"{label}, trained critic, at I = {truth[i]:F3}: sd of the estimate vs √(dρ²/N + (e^(2I) − 1)/(NS))", sd[i],
                        source.NwjStandardDeviation(evaluationPairs, negatives), 5 * stats.StandardDeviationError(0));
                }

                if (rhos[i] == 0.5)
                {
                    // The trained critic against ln(dP/dQ) (+ what the objective cannot see): the largest deviation of the mean over
                    // seeds, in standard errors of that mean across the independently seeded trainings.
                    var optimal = source.OptimalCritic.Coefficients();
                    double worst = 0;
                    string worstName = "";
                    foreach (int k in identified)
                    {
                        var coefficient = EstimatorStatistics.FromValues([.. critics.Select(c => c.Coefficients()[k])]);
                        double z = Math.Abs(coefficient.Mean[0] - optimal[k]) / coefficient.StandardError(0);
                        if (z > worst) (worst, worstName) = (z, CoefficientNames[k]);
                    }

                    context.CheckAtMost($"{label}: trained critic at ρ = 0.5 vs the optimal critic, max over {string.Join(", ", identified.Select(k => CoefficientNames[k]))} of |mean − optimal|/SE ({worstName})", worst, 5);
                    // The optimal critic maximises the population objective, so on fresh pairs the trained critic can beat it by
                    // noise only (it trails by the second-order gap ½δwᵀ(−∇²J)δw ≥ 0): at most 5 SE of the paired difference.
                    context.CheckBelow($"{label}: trained − optimal critic's estimate on the same fresh pairs at ρ = 0.5 (≤ 0 up to 5 SE)", gap.Mean[0], 5 * gap.StandardError(0));
                }
            }

            if (objective == CriticObjective.InfoNce) infoNceSd = sd;
            if (objective == CriticObjective.NguyenWainwrightJordan) nwjSd = sd;
            EstimatorFigures.AddSeries(value, truth, mean, label, o);
            EstimatorFigures.AddSeries(spread, truth, EstimatorFigures.Log10(sd), label, o);
        }

        context.CheckAtMost($"trained critics at the largest I = {truth[^1]:F2}: sd of InfoNCE ÷ sd of NWJ (InfoNCE trades bias for variance)", infoNceSd[^1] / nwjSd[^1], 1);
        var cap = value.Add.HorizontalLine(Math.Log(Batch), 1.5f, FigureColors.Reference, LinePattern.Dashed);
        cap.LegendText = $"ln K = {Math.Log(Batch):F2}";
        EstimatorFigures.Legend(value, Alignment.UpperLeft);
        var fine = Enumerable.Range(0, 60).Select(k => 0.1 + 0.88 * k / 59).ToArray();
        double[] curve = [.. fine.Select(r => new CorrelatedGaussian(r, Pairs).NwjStandardDeviation(evaluationPairs, negatives))];
        EstimatorFigures.AddReference(spread, [.. fine.Select(r => new CorrelatedGaussian(r, Pairs).MutualInformation)], EstimatorFigures.Log10(curve), "optimal critic: √(dρ²/N + (e²ᴵ − 1)/(NS))");
        EstimatorFigures.LogAxis(spread.Axes.Left);
        EstimatorFigures.Legend(spread, Alignment.UpperLeft);
        new MultiPanelFigure(1, 2).Add(value).Add(spread).SavePng(context.FigurePath("trained-bounds.png",
            $"Each bound with its own quadratic critic, trained by Adam on minibatches of its objective (2000 steps, B = 128 pairs with S = {negatives} negatives each, InfoNCE K = {Batch}, learning rate 0.1/(1 + n/300)), {seeds} seeds per ρ, each critic evaluated on {evaluations} fresh batches of {evaluationPairs} pairs; d = {Pairs}. Dotted: true I (left) and the spread of DV/NWJ at the optimal critic (right)."), 2000, 850);
    }

    private static void TradeOff(ExperimentContext context)
    {
        context.Progress("β/γ trade-off");
        var encoder = new LinearGaussianEncoder(1.3, 0.6);
        context.Check("prior matching: E_x KL(p(z|x)‖q) − I − KL(p(z)‖q) by quadrature (1-D and 2-D trapezoid)", PriorMatchingQuadrature.Of(encoder, 1201).IdentityResidual, 0, 1e-8);

        const double noise = 0.5, gamma = 1;
        double[] ratios = [0.1, 0.2, 0.25, 0.3, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5];
        var gains = new double[ratios.Length];
        var information = new double[ratios.Length];
        var closedInformation = new double[ratios.Length];
        var prior = new double[ratios.Length];
        var options = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.End };
        for (int i = 0; i < ratios.Length; i++)
        {
            var loss = new InfoMaxLoss(ratios[i] * gamma, gamma, optimiseNoise: false);
            var solution = Ode.Solve(OdeProblem.Create(new GradientFlow<InfoMaxLoss>(loss), [0.3, noise], 0, 400), new DormandPrince5(), options);
            gains[i] = solution.FinalState[0];
            var found = new LinearGaussianEncoder(gains[i], noise);
            information[i] = found.MutualInformation;
            prior[i] = found.ExpectedKlToPrior;
            closedInformation[i] = new LinearGaussianEncoder(loss.OptimalGain(noise), noise).MutualInformation;
            // The flow converges like e^{−λt} with λ ≥ 2γ·min(1, a*²/(β/γ)) away from the critical ratio s² = 0.25, where it is algebraic.
            if (Math.Abs(ratios[i] - noise * noise) > 0.01)
                context.Check($"β/γ = {ratios[i]}, s = {noise}: gain from the flow vs a* = √max(0, β/γ − s²)", gains[i], loss.OptimalGain(noise), 1e-6);
        }

        var tradeOff = FigureStyle.NewPlot($"Optimum of −βI + γ E KL over the gain a, noise s = {noise}", "β/γ", "nats");
        EstimatorFigures.AddSeries(tradeOff, ratios, information, "I(X; Z) at the flow's limit", 0);
        EstimatorFigures.AddSeries(tradeOff, ratios, prior, "Eₓ KL(p(z|x)‖N(0, 1)) at the limit", 1);
        var fine = Enumerable.Range(0, 101).Select(i => 0.1 + 0.049 * i).ToArray();
        EstimatorFigures.AddReference(tradeOff, fine, [.. fine.Select(r => new LinearGaussianEncoder(Math.Sqrt(Math.Max(0, r - noise * noise)), noise).MutualInformation)], "closed form I* = ½ ln(β/(γs²)) above β/γ = s²");
        EstimatorFigures.Legend(tradeOff, Alignment.UpperLeft);
        // The flow's I lies on the closed form: the residual panel below shows it (slowest at the critical ratio β/γ = s²).
        var tradeOffResidual = new ResidualFigure("Flow's limit − closed form", "|I − I*|", "β/γ") { LegendCorner = Alignment.UpperRight };
        tradeOffResidual.AddResidual(ratios, information, closedInformation, "I at t = 400 vs I* (slowest at β/γ = s²)", markers: true);

        var free = new InfoMaxLoss(1.2, gamma);
        double[] start = [0.5, 1.0];
        const double end = 3;
        var path = Ode.Solve(OdeProblem.Create(new GradientFlow<InfoMaxLoss>(free), start, 0, end), new DormandPrince5(), SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Uniform(0, end, 81) });
        var variance = Enumerable.Range(0, path.Count).Select(k => path.State(k)[0] * path.State(k)[0] + path.State(k)[1] * path.State(k)[1]).ToArray();
        var closed = path.Times.Select(t => free.AggregateVariance(t, 1.25)).ToArray();
        double worst = variance.Select((v, k) => Math.Abs(v - closed[k])).Max();
        // DP5 at 1e-10 on a smooth 2-D flow: ~1e-9.
        context.CheckAtMost("s free (β = 1.2, γ = 1): max |a² + s² − (1 + (v₀ − 1)e^(−2γt))| along the flow", worst, 1e-7);
        var mi = Enumerable.Range(0, path.Count).Select(k => new LinearGaussianEncoder(path.State(k)[0], path.State(k)[1]).MutualInformation).ToArray();
        double predicted = free.InformationAlongFreeFlow(end, start[0], start[1]);
        // The closed form below is exact up to its Simpson quadrature (error < 1e-12); DP5 at 1e-10 leaves ~1e-9.
        context.Check($"s free: I(t = {end}) along the flow vs ½ ln(v/s²) from the closed-form solution of d(s²)/dt", mi[^1], predicted, 1e-7);
        context.Report("free_noise_information_gain", mi[^1] - mi[0]);
        var dynamics = FigureStyle.NewPlot("Flow with s free: β = 1.2, γ = 1, (a₀, s₀) = (0.5, 1)", "flow time t", "value");
        EstimatorFigures.AddSeries(dynamics, [.. path.Times], variance, "a² + s² (aggregate variance)", 0, markers: false);
        EstimatorFigures.AddReference(dynamics, [.. path.Times], closed, "1 + (v₀ − 1) exp(−2γt)");
        EstimatorFigures.AddSeries(dynamics, [.. path.Times], path.Component(1), "noise s (falls toward 0: deterministic encoder)", 1, markers: false);
        EstimatorFigures.AddSeries(dynamics, [.. path.Times], mi, "I(X; Z) (grows without bound)", 2, markers: false);
        dynamics.Axes.SetLimitsY(0, 1.8);
        EstimatorFigures.Legend(dynamics, Alignment.UpperRight);
        // The closed form lies on the integrated a² + s² curve: its residual gets its own panel (t = 0 is exact and not drawn).
        var residual = new ResidualFigure("Integrated a² + s² − closed form", "|a² + s² − (1 + (v₀ − 1) exp(−2γt))|", "flow time t") { LegendCorner = Alignment.LowerRight };
        residual.AddResidual([.. path.Times], variance, closed, "DP5, rtol = atol = 10⁻¹⁰", markers: true);
        residual.AddLevel(1e-7, "check bound 10⁻⁷");
        new MultiPanelFigure(2, 2).Add(tradeOff).Add(dynamics).Add(tradeOffResidual.AsPanel()).Add(residual.AsPanel()).SavePng(context.FigurePath("trade-off.png",
            $"Left: the optimum over the gain a at fixed noise s = {noise}, γ = {gamma}, found by the gradient flow (DP5, rtol = atol = 10⁻¹⁰, t ≤ 400), and its residual against the closed form. Right: the flow of −βI + γ Eₓ KL with s free (β = 1.2, γ = 1, (a₀, s₀) = (0.5, 1)) and the residual of its aggregate variance against the closed form."), 2000, 1500);
    }
}
