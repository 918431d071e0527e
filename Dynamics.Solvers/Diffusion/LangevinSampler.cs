using Dynamics.Distributions;
using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// Langevin samplers for the exact noised data law p̂ = law of a·x₀ + σε (docs/diffusion.md): the unadjusted chain
/// x ← x + (ε/2)∇log p̂(x) + √ε z, its Metropolis-adjusted version (MALA; Roberts &amp; Tweedie 1996), and annealed
/// Langevin over decreasing noise levels finished by one denoising step (Song &amp; Ermon 2019; Li et al.'s ADSM).
/// Each chain starts from N(0, I) and uses its sample's counter-based noise.
/// </summary>
public static class LangevinSampler
{
    /// <summary>
    /// The unadjusted Langevin algorithm (ULA) for <paramref name="steps"/> steps. Its stationary law is biased: for a
    /// target N(μ, S²) the chain is AR(1) with coefficient 1 − ε/(2S²) and stationary variance S²/(1 − ε/(4S²)) (docs/diffusion.md).
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>; noise &gt; 0).</param>
    /// <param name="scale">a of the target law.</param>
    /// <param name="noise">σ of the target law (σ &gt; 0 for Dirac data).</param>
    /// <param name="stepSize">ε &gt; 0.</param>
    /// <param name="steps">The number of steps ≥ 1.</param>
    /// <param name="options">Count, seed, parallelism; paths are recorded at every step.</param>
    /// <returns>The chains' final states; ScoreEvaluations = steps.</returns>
    public static DiffusionSamples Unadjusted(INoiseModel data, double scale, double noise, double stepSize, int steps, DiffusionSamplerOptions options)
    {
        Check(data, stepSize, steps, options);
        var times = StepIndexTimes(steps);
        return SamplerRunner.Run("ULA", data, options, times, steps, block =>
        {
            var x = block.Start(1);
            int n = x.Length;
            var score = block.E1.AsSpan(0, n);
            var z = block.T1.AsSpan(0, n);
            double root = Math.Sqrt(stepSize);
            for (int k = 1; k <= steps; k++)
            {
                block.Score(scale, noise, x, score);
                block.Normals(k, z);
                for (int i = 0; i < n; i++) x[i] += 0.5 * stepSize * score[i] + root * z[i];
                block.Record(k);
            }
        });
    }

    /// <summary>
    /// The Metropolis-adjusted Langevin algorithm: the ULA proposal y = x + (ε/2)∇log p̂(x) + √ε z accepted with
    /// probability min(1, p̂(y)q(x | y)/(p̂(x)q(y | x))), q(y | x) = N(y; x + (ε/2)∇log p̂(x), εI). Its stationary law is
    /// exactly p̂, so the ULA bias vanishes. The acceptance ratio needs the density p̂ itself, which a noise predictor
    /// (a fitted <see cref="INoiseModel"/>) does not give, only its gradient: MALA takes the exact mixture.
    /// </summary>
    /// <param name="data">The data law (the exact mixture: the acceptance ratio needs its density).</param>
    /// <param name="scale">a of the target law.</param>
    /// <param name="noise">σ of the target law.</param>
    /// <param name="stepSize">ε &gt; 0.</param>
    /// <param name="steps">The number of steps ≥ 1.</param>
    /// <param name="options">Count, seed, parallelism.</param>
    /// <returns>The chains' final states; ScoreEvaluations = steps (each also evaluates the density).</returns>
    public static DiffusionSamples MetropolisAdjusted(GaussianMixture data, double scale, double noise, double stepSize, int steps, DiffusionSamplerOptions options)
    {
        Check(data, stepSize, steps, options);
        var times = StepIndexTimes(steps);
        int d = data.Dimension;
        return SamplerRunner.Run("MALA", data, options, times, steps, block =>
        {
            var x = block.Start(1);
            int n = x.Length, count = block.Count;
            var score = block.E1.AsSpan(0, n);
            var proposal = block.T2.AsSpan(0, n);
            var proposalScore = block.E2.AsSpan(0, n);
            var z = block.T1.AsSpan(0, n);
            var logX = block.L1.AsSpan(0, count);
            var logY = block.L2.AsSpan(0, count);
            double root = Math.Sqrt(stepSize);
            block.Marginal.Update(scale, noise);
            block.Marginal.Evaluate(x, count, logX, score, default);
            for (int k = 1; k <= steps; k++)
            {
                block.Normals(k, z);
                for (int i = 0; i < n; i++) proposal[i] = x[i] + 0.5 * stepSize * score[i] + root * z[i];
                block.Marginal.Evaluate(proposal, count, logY, proposalScore, default);
                for (int m = 0; m < count; m++)
                {
                    // log q(x | y) − log q(y | x) with q(b | a) ∝ exp(−‖b − a − (ε/2)s(a)‖²/(2ε)).
                    double forward = 0, backward = 0;
                    for (int j = 0; j < d; j++)
                    {
                        int at = j * count + m;
                        double f = proposal[at] - x[at] - 0.5 * stepSize * score[at];
                        double b = x[at] - proposal[at] - 0.5 * stepSize * proposalScore[at];
                        forward += f * f;
                        backward += b * b;
                    }

                    double logAccept = logY[m] - logX[m] + (forward - backward) / (2 * stepSize);
                    double u = CounterRandom.Uniform(block.Seed, (ulong)(block.First + m), (ulong)k);
                    if (Math.Log(u) < logAccept)
                    {
                        for (int j = 0; j < d; j++)
                        {
                            int at = j * count + m;
                            x[at] = proposal[at];
                            score[at] = proposalScore[at];
                        }

                        logX[m] = logY[m];
                    }
                }

                block.Record(k);
            }
        });
    }

    /// <summary>
    /// Annealed Langevin (docs/diffusion.md, reconstruction of NCSN/ADSM practice): for each level σ₁ &gt; … &gt; σ_L run
    /// <paramref name="stepsPerLevel"/> ULA steps on p̂_σ = p ∗ N(0, σ²I) with ε_i = ε·σ_i²/σ_L², then, if asked, one
    /// denoising step x ← r*(x) = x + σ_L²∇log p̂_{σ_L}(x).
    /// </summary>
    /// <param name="data">The data model: the exact <see cref="GaussianMixture"/> or a fitted one (<see cref="INoiseModel"/>).</param>
    /// <param name="levels">σ₁ &gt; … &gt; σ_L &gt; 0.</param>
    /// <param name="stepsPerLevel">K ≥ 1.</param>
    /// <param name="stepSize">ε &gt; 0, the step at the last level.</param>
    /// <param name="denoise">Finish with the optimal denoiser.</param>
    /// <param name="options">Count, seed, parallelism.</param>
    /// <returns>The samples; ScoreEvaluations = L·K (+1).</returns>
    public static DiffusionSamples Annealed(INoiseModel data, ReadOnlySpan<double> levels, int stepsPerLevel, double stepSize, bool denoise,
        DiffusionSamplerOptions options)
    {
        Check(data, stepSize, stepsPerLevel, options);
        Require.AtLeast(levels.Length, 1, "levels.Length");
        for (int i = 0; i < levels.Length; i++)
        {
            Require.Positive(levels[i], $"levels[{i}]");
            if (i > 0 && !(levels[i] < levels[i - 1]))
                throw new ArgumentException($"levels must decrease strictly, but levels[{i}] = {Require.Format(levels[i])}.", nameof(levels));
        }

        var sigma = levels.ToArray();
        double last = sigma[^1];
        var times = new double[sigma.Length + 1];
        times[0] = sigma[0];
        for (int i = 0; i < sigma.Length; i++) times[i + 1] = sigma[i];
        return SamplerRunner.Run(denoise ? "annealed Langevin + denoiser" : "annealed Langevin", data, options, times,
            sigma.Length * stepsPerLevel + (denoise ? 1 : 0), block =>
        {
            var x = block.Start(sigma[0]);
            int n = x.Length;
            var score = block.E1.AsSpan(0, n);
            var z = block.T1.AsSpan(0, n);
            int stage = 1;
            for (int level = 0; level < sigma.Length; level++)
            {
                double epsilon = stepSize * sigma[level] * sigma[level] / (last * last);
                double root = Math.Sqrt(epsilon);
                for (int k = 0; k < stepsPerLevel; k++)
                {
                    block.Score(1, sigma[level], x, score);
                    block.Normals(stage++, z);
                    for (int i = 0; i < n; i++) x[i] += 0.5 * epsilon * score[i] + root * z[i];
                }

                if (denoise && level == sigma.Length - 1)
                {
                    block.Score(1, last, x, score);
                    for (int i = 0; i < n; i++) x[i] += last * last * score[i];
                }

                block.Record(level + 1);
            }
        });
    }

    // A chain without a time of its own records at its step indices 0, 1, …, steps.
    private static double[] StepIndexTimes(int steps) => Enumerable.Range(0, steps + 1).Select(k => (double)k).ToArray();

    private static void Check(INoiseModel data, double stepSize, int steps, DiffusionSamplerOptions options)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        Require.Positive(stepSize, nameof(stepSize));
        Require.AtLeast(steps, 1, nameof(steps));
    }
}
