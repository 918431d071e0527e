using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;
using Dynamics.Problems;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.Stochastic;
using Dynamics.Validation;

namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// Diffusion-model samplers driven by a noise predictor ε̂(x; a, σ) (<see cref="INoiseModel"/>): the exact
/// ε*(x) = −σ∇log p of a <see cref="GaussianMixture"/>, so that the only errors are the sampler's own (discretisation and
/// the finite start time), or a fitted model such as <see cref="FourierNoiseModel"/>. All work on a batch of samples in
/// parallel blocks; sample m's noise is the counter-based stream (seed, m).
/// </summary>
/// <remarks>
/// The deterministic samplers on noise levels (<see cref="Euler"/>, <see cref="Heun"/>, <see cref="DpmSolver2"/>,
/// <see cref="DpmSolver3"/>, <see cref="DpmSolverPlusPlus2M"/>) act on the scaled variable y = x/a and the
/// noise-to-signal ratio s = σ/a, in which every diffusion's probability-flow ODE is dy/ds = ε*(y; s) with y = x₀ + sε
/// (Karras et al. 2022): the schedule only chooses the levels. A VP level is s_t = β̄_t/ᾱ_t.
/// </remarks>
public static class DiffusionSampler
{
    /// <summary>
    /// DDPM ancestral sampling (Ho et al. 2020; docs/diffusion.md) with T steps of
    /// x_{t−1} = (x_t − (β_t²/β̄_t)ε*(x_t))/α_t + σ_t z from x_T ∼ N(0, I), Su's notation. T score evaluations per sample.
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>).</param>
    /// <param name="schedule">The discrete schedule.</param>
    /// <param name="variance">The reverse variance σ_t².</param>
    /// <param name="options">Count, seed, parallelism; paths are recorded at t = T … 0.</param>
    /// <returns>The samples.</returns>
    public static DiffusionSamples Ancestral(INoiseModel data, DiscreteSchedule schedule, AncestralVariance variance, DiffusionSamplerOptions options)
    {
        Validate(data, options);
        ArgumentNullException.ThrowIfNull(schedule);
        if (!Enum.IsDefined(variance)) throw new ArgumentOutOfRangeException(nameof(variance), variance, $"variance must be Large or Small, but was {(int)variance}.");
        int steps = schedule.Steps;
        var times = new double[steps + 1];
        for (int k = 0; k <= steps; k++) times[k] = steps - k;
        return SamplerRunner.Run($"DDPM ancestral ({variance.ToString().ToLowerInvariant()} variance)", data, options, times, steps, block =>
        {
            var x = block.Start(1);
            int n = x.Length;
            var eps = block.E1.AsSpan(0, n);
            var z = block.T1.AsSpan(0, n);
            for (int t = steps; t >= 1; t--)
            {
                double alpha = schedule.Alpha(t), beta = schedule.Beta(t), betaBar = schedule.BetaBar(t), betaBarPrevious = schedule.BetaBar(t - 1);
                block.Epsilon(schedule.AlphaBar(t), betaBar, x, eps);
                double sigma = variance == AncestralVariance.Large ? beta : betaBarPrevious * beta / betaBar;
                double c = beta * beta / betaBar;
                double inverse = 1 / alpha;
                if (t > 1 || variance == AncestralVariance.Large)
                {
                    block.Normals(steps - t + 1, z);
                    for (int i = 0; i < n; i++) x[i] = (x[i] - c * eps[i]) * inverse + sigma * z[i];
                }
                else
                {
                    for (int i = 0; i < n; i++) x[i] = (x[i] - c * eps[i]) * inverse;
                }

                block.Record(steps - t + 1);
            }
        });
    }

    /// <summary>
    /// DDIM (Song, Meng &amp; Ermon 2021) on the sub-sequence τ_i = round(i·T/S), i = S … 0, of a discrete schedule:
    /// x̂₀ = (x − β̄_τ ε*)/ᾱ_τ, x_{τ′} = ᾱ_{τ′}x̂₀ + √(β̄_{τ′}² − σ²) ε* + σz with σ = η(β̄_{τ′}/β̄_τ)√(1 − ᾱ_τ²/ᾱ_{τ′}²)
    /// (Su's notation). η = 0 is deterministic (Euler on the scaled flow in s = β̄/ᾱ, order 1); η = 1 matches the small
    /// ancestral variance when S = T. S score evaluations per sample.
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>).</param>
    /// <param name="schedule">The discrete schedule.</param>
    /// <param name="steps">S in [1, T].</param>
    /// <param name="eta">η in [0, 1].</param>
    /// <param name="options">Count, seed, parallelism; paths are recorded at τ_S … τ_0.</param>
    /// <returns>The samples.</returns>
    public static DiffusionSamples Ddim(INoiseModel data, DiscreteSchedule schedule, int steps, double eta, DiffusionSamplerOptions options)
    {
        Validate(data, options);
        ArgumentNullException.ThrowIfNull(schedule);
        Require.AtLeast(steps, 1, nameof(steps));
        if (steps > schedule.Steps)
            throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be at most the schedule's T = {schedule.Steps}, but was {steps}.");
        if (!(eta >= 0 && eta <= 1)) throw new ArgumentOutOfRangeException(nameof(eta), eta, $"eta must lie in [0, 1], but was {Require.Format(eta)}.");
        var tau = new int[steps + 1];
        for (int i = 0; i <= steps; i++) tau[i] = (int)Math.Round((double)i * schedule.Steps / steps);
        var times = new double[steps + 1];
        for (int k = 0; k <= steps; k++) times[k] = tau[steps - k];
        return SamplerRunner.Run(eta == 0 ? "DDIM" : $"DDIM (η = {eta})", data, options, times, steps, block =>
        {
            var x = block.Start(1);
            int n = x.Length;
            var eps = block.E1.AsSpan(0, n);
            var z = block.T1.AsSpan(0, n);
            for (int i = steps; i >= 1; i--)
            {
                int t = tau[i], previous = tau[i - 1];
                double alphaBar = schedule.AlphaBar(t), betaBar = schedule.BetaBar(t);
                double alphaBarPrevious = schedule.AlphaBar(previous), betaBarPrevious = schedule.BetaBar(previous);
                block.Epsilon(alphaBar, betaBar, x, eps);
                double ratio = alphaBar / alphaBarPrevious;
                double sigma = eta * betaBarPrevious / betaBar * Math.Sqrt(Math.Max(0, (1 - ratio) * (1 + ratio)));
                double direction = Math.Sqrt(Math.Max(0, betaBarPrevious * betaBarPrevious - sigma * sigma));
                double scale = alphaBarPrevious / alphaBar;
                if (sigma > 0) block.Normals(steps - i + 1, z);
                for (int k = 0; k < n; k++)
                {
                    double x0 = scale * (x[k] - betaBar * eps[k]);
                    x[k] = x0 + direction * eps[k] + (sigma > 0 ? sigma * z[k] : 0);
                }

                block.Record(steps - i + 1);
            }
        });
    }

    /// <summary>
    /// Euler's method on dy/ds = ε*(y; s) over decreasing levels s_0 &gt; … &gt; s_N ≥ 0 from y ∼ N(0, s_0²I): DDIM
    /// (η = 0) on any grid, and DPM-Solver-1 (Lu et al. 2022). Order 1; N score evaluations per sample.
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>).</param>
    /// <param name="levels">The noise levels, strictly decreasing, all ≥ 0, at least two.</param>
    /// <param name="options">Count, seed, parallelism; paths are recorded at every level.</param>
    /// <returns>The samples.</returns>
    public static DiffusionSamples Euler(INoiseModel data, ReadOnlySpan<double> levels, DiffusionSamplerOptions options)
    {
        return OnLevels("Euler (DDIM)", data, levels, options, evaluationsPerStep: 1,
            (block, y, e0, from, to) => BatchKernels.AddScaled(y, to - from, e0, y));
    }

    /// <summary>
    /// Karras et al. (2022)'s sampler (Algorithms 1 and 2): Heun's method on dy/ds = ε*(y; s), Euler for a final step
    /// to s = 0; with <paramref name="churn"/> it first raises each level to ŝ = (1 + γ)s_i with fresh noise.
    /// Order 2 when deterministic; 2N − 1 score evaluations per sample (18 levels + 0: 35).
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>).</param>
    /// <param name="levels">Strictly decreasing levels ≥ 0, e.g. <see cref="EdmSchedule.KarrasGrid"/>.</param>
    /// <param name="options">Count, seed, parallelism.</param>
    /// <param name="churn">Null for the deterministic sampler.</param>
    /// <returns>The samples.</returns>
    public static DiffusionSamples Heun(INoiseModel data, ReadOnlySpan<double> levels, DiffusionSamplerOptions options, EdmChurn? churn = null)
    {
        var s = Levels(data, levels, options, allowZero: true);
        churn?.Validate();
        int steps = s.Length - 1;
        return SamplerRunner.Run(churn is null ? "Heun (EDM)" : $"Heun (EDM, churn {churn.Churn})", data, options, s, Evaluations(2, s), block =>
        {
            var y = block.Start(s[0]);
            int n = block.Length;
            var d1 = block.E1.AsSpan(0, n);
            var d2 = block.E2.AsSpan(0, n);
            var next = block.T1.AsSpan(0, n);
            var z = block.T2.AsSpan(0, n);
            for (int i = 0; i < steps; i++)
            {
                double level = s[i];
                if (churn is not null && level >= churn.MinimumNoise && level <= churn.MaximumNoise && churn.Churn > 0)
                {
                    double gamma = Math.Min(churn.Churn / steps, Math.Sqrt(2) - 1);
                    double raised = level * (1 + gamma);
                    double add = Math.Sqrt(raised * raised - level * level) * churn.NoiseInflation;
                    block.Normals(i + 1, z);
                    for (int k = 0; k < n; k++) y[k] += add * z[k];
                    level = raised;
                }

                double h = s[i + 1] - level;
                block.Epsilon(1, level, y, d1);
                BatchKernels.AddScaled(y, h, d1, next);
                if (s[i + 1] > 0)
                {
                    block.Epsilon(1, s[i + 1], next, d2);
                    BlockArithmetic.AddScaledSum(y, 0.5 * h, d1, d2);
                }
                else
                {
                    next.CopyTo(y);
                }

                block.Record(i + 1);
            }
        });
    }

    /// <summary>
    /// DPM-Solver-2 (Lu et al. 2022, midpoint in λ = −log s): s_m = √(s_i s_{i+1}),
    /// u = y − (s_i − s_m)ε*(y; s_i), y ← y − (s_i − s_{i+1})ε*(u; s_m). Order 2; 2 evaluations per step. A final step to
    /// s = 0 (λ = ∞) is taken with Euler, i.e. the denoiser.
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>).</param>
    /// <param name="levels">Strictly decreasing levels ≥ 0.</param>
    /// <param name="options">Count, seed, parallelism.</param>
    /// <returns>The samples.</returns>
    public static DiffusionSamples DpmSolver2(INoiseModel data, ReadOnlySpan<double> levels, DiffusionSamplerOptions options)
    {
        return OnLevels("DPM-Solver-2", data, levels, options, evaluationsPerStep: 2, (block, y, e0, from, to) =>
        {
            int n = y.Length;
            var e1 = block.E2.AsSpan(0, n);
            var u = block.T1.AsSpan(0, n);
            double mid = Math.Sqrt(from * to);
            for (int k = 0; k < n; k++) u[k] = y[k] - (from - mid) * e0[k];
            block.Epsilon(1, mid, u, e1);
            for (int k = 0; k < n; k++) y[k] -= (from - to) * e1[k];
        });
    }

    /// <summary>
    /// DPM-Solver-3 (Lu et al. 2022, Algorithm with r₁ = 1/3, r₂ = 2/3) in the scaled variable, with h = log(s_i/s_{i+1}),
    /// s_{1,2} = s_i e^{−r_{1,2}h}: u₁ = y − (s_i − s₁)ε₀, D₁ = ε*(u₁; s₁) − ε₀,
    /// u₂ = y − (s_i − s₂)ε₀ − (s₂r₂/r₁)((e^{r₂h} − 1)/(r₂h) − 1)D₁, D₂ = ε*(u₂; s₂) − ε₀,
    /// y ← y − (s_i − s_{i+1})ε₀ − (s_{i+1}/r₂)((e^h − 1)/h − 1)D₂. Order 3; 3 evaluations per step; a final step to s = 0
    /// is taken with Euler.
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>).</param>
    /// <param name="levels">Strictly decreasing levels ≥ 0.</param>
    /// <param name="options">Count, seed, parallelism.</param>
    /// <returns>The samples.</returns>
    public static DiffusionSamples DpmSolver3(INoiseModel data, ReadOnlySpan<double> levels, DiffusionSamplerOptions options)
    {
        const double r1 = 1.0 / 3, r2 = 2.0 / 3;
        return OnLevels("DPM-Solver-3", data, levels, options, evaluationsPerStep: 3, (block, y, e0, from, to) =>
        {
            int n = y.Length;
            var d1 = block.E2.AsSpan(0, n);
            var d2 = block.E3.AsSpan(0, n);
            var u = block.T1.AsSpan(0, n);
            double h = Math.Log(from / to);
            double s1 = from * Math.Exp(-r1 * h), s2 = from * Math.Exp(-r2 * h);
            for (int k = 0; k < n; k++) u[k] = y[k] - (from - s1) * e0[k];
            block.Epsilon(1, s1, u, d1);
            double c2 = s2 * r2 / r1 * Phi(r2 * h);
            for (int k = 0; k < n; k++)
            {
                d1[k] -= e0[k];
                u[k] = y[k] - (from - s2) * e0[k] - c2 * d1[k];
            }

            block.Epsilon(1, s2, u, d2);
            double c3 = to / r2 * Phi(h);
            for (int k = 0; k < n; k++) y[k] -= (from - to) * e0[k] + c3 * (d2[k] - e0[k]);
        });
    }

    /// <summary>
    /// DPM-Solver++(2M) (Lu et al. 2022b), the multistep data-prediction solver: with the denoiser x̂₀ = y − sε* and
    /// h_i = log(s_i/s_{i+1}), y ← (s_{i+1}/s_i)y + (1 − s_{i+1}/s_i)D where D = (1 + 1/(2r))x̂₀ⁱ − (1/(2r))x̂₀ⁱ⁻¹,
    /// r = h_{i−1}/h_i (first step and a final step to s = 0: D = x̂₀ⁱ). Order 2; one evaluation per step.
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>).</param>
    /// <param name="levels">Strictly decreasing levels ≥ 0.</param>
    /// <param name="options">Count, seed, parallelism.</param>
    /// <returns>The samples.</returns>
    public static DiffusionSamples DpmSolverPlusPlus2M(INoiseModel data, ReadOnlySpan<double> levels, DiffusionSamplerOptions options)
    {
        var s = Levels(data, levels, options, allowZero: true);
        int steps = s.Length - 1;
        return SamplerRunner.Run("DPM-Solver++(2M)", data, options, s, steps, block =>
        {
            var y = block.Start(s[0]);
            int n = block.Length;
            var eps = block.E1.AsSpan(0, n);
            var x0 = block.E2.AsSpan(0, n);
            var previous = block.E3.AsSpan(0, n);
            double previousH = 0;
            for (int i = 0; i < steps; i++)
            {
                block.Epsilon(1, s[i], y, eps);
                for (int k = 0; k < n; k++) x0[k] = y[k] - s[i] * eps[k];
                double ratio = s[i + 1] / s[i];
                if (i == 0 || s[i + 1] == 0)
                {
                    for (int k = 0; k < n; k++) y[k] = ratio * y[k] + (1 - ratio) * x0[k];
                }
                else
                {
                    double h = Math.Log(s[i] / s[i + 1]);
                    double r = previousH / h;
                    double a = 1 + 1 / (2 * r), b = 1 / (2 * r);
                    for (int k = 0; k < n; k++) y[k] = ratio * y[k] + (1 - ratio) * (a * x0[k] - b * previous[k]);
                }

                if (s[i + 1] > 0) previousH = Math.Log(s[i] / s[i + 1]);
                x0.CopyTo(previous);
                block.Record(i + 1);
            }
        });
    }

    /// <summary>
    /// The probability-flow ODE dx/dt = f(t)x − ½g(t)²∇log p_t(x) (<see cref="ProbabilityFlow"/>) from
    /// x_T ∼ N(0, (a_T² + σ_T²)I) down to <paramref name="endTime"/>, every sample integrated by the project's ODE
    /// machinery with its own adaptive steps: any <see cref="IOdeMethod"/> at any tolerance, or a fixed step. Paths are
    /// not recorded (use <see cref="Ode.Solve{TField}"/> on one sample for that).
    /// </summary>
    /// <remarks>
    /// An isotropic <see cref="GaussianMixture"/> is integrated as Karras et al.'s scaled flow dy/ds = ε*(y; s) with
    /// y = x/a, s = σ/a (<see cref="IsotropicMixtureFlow"/>) from s = σ_T/a_T to σ(endTime)/a(endTime), eight samples per
    /// AVX-512 register, each lane with its own steps (<see cref="EnsembleStrategy.SimdLanes"/>, for adaptive
    /// <see cref="DormandPrince5"/>; other methods take the samples one by one), and the end point is
    /// scaled back by a(endTime). The exact score makes this the same ODE in other coordinates (ε*(x; a, σ) = ε*(x/a; 1, σ/a)),
    /// so only the step sequence differs from integrating in t. Other mixtures and fitted models (where that identity
    /// does not hold) are integrated in t, one sample at a time on every core.
    /// </remarks>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>; σ(endTime) &gt; 0).</param>
    /// <param name="schedule">The diffusion.</param>
    /// <param name="method">The ODE method, e.g. DormandPrince5.</param>
    /// <param name="solver">Tolerances or a fixed step (SaveAt is ignored: final states only).</param>
    /// <param name="endTime">The final time, in [0, T) (σ &gt; 0 there when the data have Dirac components or are a fitted model).</param>
    /// <param name="options">Count, seed, parallelism (RecordedPaths must be 0).</param>
    /// <returns>The samples; <see cref="DiffusionSamples.ScoreEvaluations"/> is the mean number of field evaluations.</returns>
    public static DiffusionSamples ProbabilityFlow(INoiseModel data, IContinuousSchedule schedule, IOdeMethod method, SolverOptions solver,
        double endTime, DiffusionSamplerOptions options)
    {
        Validate(data, options);
        ArgumentNullException.ThrowIfNull(schedule);
        ArgumentNullException.ThrowIfNull(method);
        ArgumentNullException.ThrowIfNull(solver);
        double tEnd = ScheduleTime.RequireBeforeEnd(schedule, endTime, nameof(endTime));
        if (options.RecordedPaths > 0)
            throw new ArgumentException("The probability-flow sampler records no paths; set RecordedPaths = 0 and solve single samples with Ode.Solve.", nameof(options));
        double sigmaEnd = schedule.NoiseStandardDeviation(endTime);
        if (!(sigmaEnd > 0) && (data is not GaussianMixture mixture || mixture.HasDiracComponent))
            throw new ArgumentOutOfRangeException(nameof(endTime), endTime,
                $"σ(endTime) = {Require.Format(sigmaEnd)}: Dirac data and fitted models need σ > 0 at endTime = {Require.Format(endTime)}.");
        int d = data.Dimension;
        int n = options.Count;
        double aT = schedule.Scale(tEnd), sigmaT = schedule.NoiseStandardDeviation(tEnd), start = Math.Sqrt(schedule.PriorVariance);
        var starts = new double[n * d];
        for (int m = 0; m < n; m++) CounterRandom.FillNormal(options.Seed, (ulong)m, 0, starts.AsSpan(m * d, d));
        var ensemble = new EnsembleOptions { Solver = solver with { SaveAt = SaveAt.End }, MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        EnsembleSolution solution;
        double endScale = 1;
        if (data is GaussianMixture { IsIsotropic: true } isotropic && aT > 0)
        {
            endScale = schedule.Scale(endTime);
            for (int i = 0; i < starts.Length; i++) starts[i] *= start / aT;
            var problem = new EnsembleProblem<IsotropicMixtureFlow>(new IsotropicMixtureFlow(isotropic), starts, sigmaT / aT, sigmaEnd / endScale);
            // The lane ensemble runs adaptive Dormand–Prince 5(4); other methods and fixed steps take the members one by one.
            var strategy = method is DormandPrince5 && solver.StepSize is null ? EnsembleStrategy.SimdLanes : EnsembleStrategy.IndependentMembers;
            solution = Ensemble.Solve(problem, method, strategy, ensemble);
        }
        else
        {
            for (int i = 0; i < starts.Length; i++) starts[i] *= start;
            using var flow = new Models.Diffusion.ProbabilityFlow(data, schedule);
            solution = Ensemble.Solve(new EnsembleProblem<Models.Diffusion.ProbabilityFlow>(flow, starts, tEnd, endTime), method, ensemble);
        }

        var samples = new double[d * n];
        for (int m = 0; m < n; m++)
        {
            var final = solution.FinalState(m);
            for (int j = 0; j < d; j++) samples[j * n + m] = endScale * final[j];
        }

        return new DiffusionSamples($"PF-ODE ({schedule.Name}, {method.Name})", d, n, samples,
            solution.TotalStatistics.RhsEvaluations / (double)n, [], [], 0);
    }

    /// <summary>
    /// The reverse-time SDE dx = [f(t)x − g(t)²∇log p_t(x)]dt + g(t)dW̄ (Anderson 1982; Song et al. 2021) on a uniform grid
    /// from T to <paramref name="endTime"/>, stepped in reversed time by <paramref name="method"/> over the batch
    /// (<see cref="ReverseDiffusion"/>): Euler–Maruyama by default, or Rößler's SRA1 (strong order 1.5: the noise g(t) is
    /// additive), optionally with <paramref name="correctorSteps"/> Langevin corrector steps x ← x + ε∇log p_t + √(2ε)z
    /// per level (predictor–corrector, Song et al. 2021), with Song's step ε = 2(r‖z‖/‖∇log p‖)² taken at its typical
    /// value 2r²σ_t² (‖z‖² ≈ d, ‖∇log p_t‖² ≈ d/σ_t²), so that a sample's step never depends on the other samples or on a
    /// rare small score), and a final Tweedie denoising step x̂₀ = (x + σ²∇log p)/a when <paramref name="denoiseAtEnd"/>.
    /// N(k + M) (+1) score evaluations per sample, k the method's drift evaluations per step.
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>).</param>
    /// <param name="schedule">The diffusion.</param>
    /// <param name="steps">N ≥ 1.</param>
    /// <param name="endTime">The final time t_min in [0, T) (σ &gt; 0 for Dirac data).</param>
    /// <param name="options">Count, seed, parallelism; paths are recorded on the grid.</param>
    /// <param name="correctorSteps">M ≥ 0 Langevin steps per level (0: plain reverse SDE).</param>
    /// <param name="signalToNoise">r &gt; 0 of the corrector (0.16 for VE, 0.01–0.1 for VP).</param>
    /// <param name="denoiseAtEnd">Apply the posterior mean at t_min.</param>
    /// <param name="method">The SDE method (null: Euler–Maruyama). Step k uses normals of stage k for ΔW = √h ξ₁ and,
    /// for methods that need the iterated integral, the next stage for ΔZ = ½h^{3/2}(ξ₁ + ξ₂/√3).</param>
    /// <returns>The samples.</returns>
    public static DiffusionSamples ReverseSde(INoiseModel data, IContinuousSchedule schedule, int steps, double endTime, DiffusionSamplerOptions options,
        int correctorSteps = 0, double signalToNoise = 0.16, bool denoiseAtEnd = true, ISdeMethod? method = null)
    {
        Validate(data, options);
        ArgumentNullException.ThrowIfNull(schedule);
        Require.AtLeast(steps, 1, nameof(steps));
        Require.AtLeast(correctorSteps, 0, nameof(correctorSteps));
        Require.Positive(signalToNoise, nameof(signalToNoise));
        method ??= new EulerMaruyama();
        double tEnd = ScheduleTime.RequireBeforeEnd(schedule, endTime, nameof(endTime));
        var times = new double[steps + 1];
        for (int k = 0; k <= steps; k++) times[k] = tEnd - k * (tEnd - endTime) / steps;
        times[steps] = endTime;
        double h = (tEnd - endTime) / steps, rootH = Math.Sqrt(h);
        double start = Math.Sqrt(schedule.PriorVariance);
        string name = correctorSteps == 0 ? $"reverse SDE, {method.Name} ({schedule.Name})" : $"predictor–corrector ({schedule.Name}, {method.Name}, {correctorSteps} Langevin)";
        return SamplerRunner.Run(name, data, options, times, steps * (method.DriftEvaluationsPerStep + correctorSteps) + (denoiseAtEnd ? 1 : 0), block =>
        {
            var x = block.Start(start);
            int n = x.Length;
            var score = block.E1.AsSpan(0, n);
            var dW = block.T1.AsSpan(0, n);
            var dZ = block.T2.AsSpan(0, n);
            var stepper = method.CreateStepper(new ReverseDiffusion(block.Predictor, schedule, block.Count));
            var area = stepper as IAreaSdeStepper;
            int stage = 1;
            for (int k = 0; k < steps; k++)
            {
                block.Normals(stage++, dW);
                if (area is null)
                {
                    for (int i = 0; i < n; i++) dW[i] *= rootH;
                    stepper.Advance(k * h, x, h, dW);
                }
                else
                {
                    block.Normals(stage++, dZ);
                    for (int i = 0; i < n; i++)
                    {
                        dZ[i] = 0.5 * h * rootH * (dW[i] + dZ[i] / Math.Sqrt(3));
                        dW[i] *= rootH;
                    }

                    area.Advance(k * h, x, h, dW, dZ);
                }

                double tNext = times[k + 1];
                double sigmaNext = schedule.NoiseStandardDeviation(tNext);
                double epsilon = 2 * signalToNoise * signalToNoise * sigmaNext * sigmaNext;
                double root = Math.Sqrt(2 * epsilon);
                for (int c = 0; c < correctorSteps; c++)
                {
                    block.Score(schedule.Scale(tNext), sigmaNext, x, score);
                    block.Normals(stage++, dW);
                    for (int i = 0; i < n; i++) x[i] += epsilon * score[i] + root * dW[i];
                }

                block.Record(k + 1);
            }

            if (denoiseAtEnd)
            {
                double a = schedule.Scale(endTime), sigma = schedule.NoiseStandardDeviation(endTime);
                block.Score(a, sigma, x, score);
                for (int i = 0; i < n; i++) x[i] = (x[i] + sigma * sigma * score[i]) / a;
                block.Record(steps);
            }
        });
    }

    // One step of a single-step solver on levels from y at level `from` down to `to` > 0, given ε₀ = ε*(y; from) in
    // `epsilon0`; scratch comes from the block (E1 holds ε₀).
    private delegate void LevelStep(SamplerBlock block, Span<double> y, ReadOnlySpan<double> epsilon0, double from, double to);

    // The skeleton of the single-step solvers on levels: y ∼ N(0, s₀²I), then per level ε₀ = ε*(y; s_i) and either the
    // method's step or, to s = 0 (λ = ∞), Euler's, the denoiser y − s_iε₀, which every method's update reduces to there.
    private static DiffusionSamples OnLevels(string name, INoiseModel data, ReadOnlySpan<double> levels, DiffusionSamplerOptions options,
        int evaluationsPerStep, LevelStep step)
    {
        var s = Levels(data, levels, options, allowZero: true);
        return SamplerRunner.Run(name, data, options, s, Evaluations(evaluationsPerStep, s), block =>
        {
            var y = block.Start(s[0]);
            var e0 = block.E1.AsSpan(0, block.Length);
            for (int i = 0; i + 1 < s.Length; i++)
            {
                block.Epsilon(1, s[i], y, e0);
                if (s[i + 1] == 0)
                {
                    for (int k = 0; k < y.Length; k++) y[k] -= s[i] * e0[k];
                }
                else
                {
                    step(block, y, e0, s[i], s[i + 1]);
                }

                block.Record(i + 1);
            }
        });
    }

    // Score evaluations per sample: the given number per step, but one for a final step to s = 0 (Euler there).
    private static int Evaluations(int perStep, double[] levels)
    {
        int steps = levels.Length - 1;
        return perStep * steps - (levels[^1] == 0 ? perStep - 1 : 0);
    }

    // φ(h) = (e^h − 1)/h − 1, accurate for small h.
    private static double Phi(double h) => AccurateMath.ExpM1(h) / h - 1;

    private static void Validate(INoiseModel data, DiffusionSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
    }

    private static double[] Levels(INoiseModel data, ReadOnlySpan<double> levels, DiffusionSamplerOptions options, bool allowZero)
    {
        Validate(data, options);
        Require.AtLeast(levels.Length, 2, "levels.Length");
        Require.AllFinite(levels, nameof(levels));
        for (int i = 0; i < levels.Length; i++)
        {
            if (!(levels[i] > 0) && !(allowZero && i == levels.Length - 1 && levels[i] == 0))
                throw new ArgumentException($"levels[{i}] = {Require.Format(levels[i])} must be > 0 (only the last level may be 0).", nameof(levels));
            if (i > 0 && !(levels[i] < levels[i - 1]))
                throw new ArgumentException($"levels must decrease strictly, but levels[{i}] = {Require.Format(levels[i])} ≥ levels[{i - 1}] = {Require.Format(levels[i - 1])}.", nameof(levels));
        }

        return levels.ToArray();
    }
}
