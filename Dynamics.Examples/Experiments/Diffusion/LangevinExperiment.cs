using Dynamics.Distributions;
using Dynamics.Examples.Gallery;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Solvers.Diffusion;
using Dynamics.Statistics;

namespace Dynamics.Examples.Experiments.Diffusion;

/// <summary>
/// Langevin sampling with exact scores (Su, kexue.fm/archives/7038): the unadjusted chain x ← x + (ε/2)∇log p + √ε z
/// on N(0.5, 1) keeps the exact discretisation bias S²/(1 − ε/(4S²)); MALA removes it; annealed Langevin over noise
/// levels plus one denoising step samples the eight-Gaussian ring.
/// </summary>
public sealed class LangevinExperiment : IExperiment
{
    /// <inheritdoc/>
    public string Name => "langevin";

    /// <inheritdoc/>
    public string Description => "ULA against MALA against annealed Langevin, with the exact discretisation bias of ULA.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        // Target N(0.5, 1): data N(0.5, 0.6²) noised by σ = 0.8.
        var data = GaussianMixture.Isotropic([1.0], [0.5], [0.6]);
        const int n = 6000;
        var options = new DiffusionSamplerOptions { Count = n, Seed = 3 };
        double[] steps = [0.2, 0.5, 1.0];
        var ulaVariance = new double[steps.Length];
        var malaVariance = new double[steps.Length];
        for (int i = 0; i < steps.Length; i++)
        {
            context.Progress($"ε = {steps[i]}");
            ulaVariance[i] = Variance(LangevinSampler.Unadjusted(data, 1, 0.8, steps[i], 60, options));
            malaVariance[i] = Variance(LangevinSampler.MetropolisAdjusted(data, 1, 0.8, steps[i], 60, options));
            double biased = LangevinStationaryLaw.DiscreteLangevinVariance(1, steps[i]);
            // Five standard errors V√(2/n) of a sample variance.
            context.Check($"ULA stationary variance, ε = {steps[i]}: S²/(1 − ε/(4S²))", ulaVariance[i], biased, 5 * biased * Math.Sqrt(2.0 / n));
            context.Check($"MALA stationary variance, ε = {steps[i]}: S² = 1", malaVariance[i], 1, 5 * Math.Sqrt(2.0 / n));
        }

        var plot = FigureStyle.NewPlot("Stationary variance of Langevin chains on N(0.5, 1) (6000 chains × 60 steps)", "step ε", "variance");
        var fine = Enumerable.Range(0, 101).Select(i => 0.15 + 0.9 * i / 100).ToArray();
        var theory = plot.Add.ScatterLine(fine, fine.Select(e => LangevinStationaryLaw.DiscreteLangevinVariance(1, e)).ToArray(), FigureColors.Reference);
        theory.LegendText = "ULA theory S²/(1 − ε/(4S²))";
        theory.LinePattern = ScottPlot.LinePattern.Dashed;
        var ula = plot.Add.Markers(steps, ulaVariance, ScottPlot.MarkerShape.FilledCircle, 12, FigureColors.At(0));
        ula.LegendText = "ULA (measured)";
        var mala = plot.Add.Markers(steps, malaVariance, ScottPlot.MarkerShape.OpenSquare, 12, FigureColors.At(1));
        mala.LegendText = "MALA (measured)";
        var target = plot.Add.HorizontalLine(1, 1.5f, FigureColors.At(2));
        target.LegendText = "target S² = 1";
        target.LinePattern = ScottPlot.LinePattern.Dotted;
        plot.Axes.SetLimits(0.1, 1.1, 0.9, 1.4);
        plot.ShowLegend(ScottPlot.Alignment.UpperLeft);
        PngFile.Save(plot, context.FigurePath("bias.png", "Stationary variance of 6000 Langevin chains on N(0.5, 1) after 60 steps, against the step ε: the unadjusted chain (ULA, filled circles) settles at the biased S²/(1 − ε/(4S²)) (dashed), the Metropolis-adjusted chain (MALA, open squares) at the target S² = 1 (dotted)."), 1200, 750);

        context.Progress("annealed Langevin on the ring");
        var ring = DiffusionFigures.Ring();
        var annealed = LangevinSampler.Annealed(ring, [3.0, 1.5, 0.8, 0.4, 0.2], 30, 0.02, true, new DiffusionSamplerOptions { Count = 1000, Seed = 4 });
        var weights = new double[8];
        SampleMetrics.ResponsibilityWeights(ring.CreateMarginal(1, 0), annealed.Samples, weights);
        context.Check("annealed Langevin + denoiser: weight of the first ring component", weights[0], 0.125, 5 * Math.Sqrt(0.125 * 0.875 / 1000));
        var figure = new MultiPanelFigure(1, 1);
        figure.Add(DiffusionFigures.Scatter("Annealed Langevin σ 3 → 0.2 + denoiser", annealed.Samples, 1000, 2));
        figure.SavePng(context.FigurePath("annealed.png", "1000 samples of annealed Langevin dynamics on the eight-Gaussian ring (noise levels σ = 3, 1.5, 0.8, 0.4, 0.2, 30 steps each, step 0.02), finished by one denoising step; equal units. The share of the first component is checked against 1/8."), 800, 800);
    }

    private static double Variance(DiffusionSamples samples)
    {
        var x = samples.Samples;
        double mean = 0;
        for (int i = 0; i < x.Length; i++) mean += x[i];
        mean /= x.Length;
        double sum = 0;
        for (int i = 0; i < x.Length; i++) sum += (x[i] - mean) * (x[i] - mean);
        return sum / (x.Length - 1);
    }
}
