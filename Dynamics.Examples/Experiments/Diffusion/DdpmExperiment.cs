using Dynamics.Distributions;
using Dynamics.Examples.Gallery;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;
using Dynamics.Plotting.Figures;
using Dynamics.Solvers.Diffusion;
using Dynamics.Statistics;

namespace Dynamics.Examples.Experiments.Diffusion;

/// <summary>
/// DDPM as "demolish and rebuild" (Su, kexue.fm/archives/9119 and 9164; Ho et al. 2020): the forward chain
/// x_t = α_t x_{t−1} + β_t ε_t (Su's schedule α_t = √(1 − 0.02t/T), T = 1000) turns an eight-Gaussian ring into noise,
/// and ancestral sampling with the exact noise predictor rebuilds it with both reverse variances. Checks: the chain's
/// moments against ᾱ_t, β̄_t, the rebuilt mixture weights, and the 0.3/0.7 Dirac oracle against the true 0.7.
/// </summary>
public sealed class DdpmExperiment : IExperiment
{
    private const int Count = 600;

    /// <inheritdoc/>
    public string Name => "ddpm";

    /// <inheritdoc/>
    public string Description => "DDPM demolishes an eight-Gaussian ring with the forward chain and rebuilds it by ancestral sampling with the exact score.";

    /// <inheritdoc/>
    public void Run(ExperimentContext context)
    {
        var data = DiffusionFigures.Ring();
        var schedule = DiscreteSchedule.SuLinear(1000);
        context.Check("Su schedule ᾱ_T (T = 1000)", schedule.AlphaBar(1000), 0.0064820, 5e-8);
        Forward(context, data, schedule);
        Rebuild(context, data, schedule);
    }

    private static void Forward(ExperimentContext context, GaussianMixture data, DiscreteSchedule schedule)
    {
        context.Progress("forward chain");
        var x = new double[2 * Count];
        data.Sample(1, 0, Count, x, default);
        int[] snapshots = [0, 100, 300, 1000];
        var figure = new MultiPanelFigure(1, 4);
        figure.Add(DiffusionFigures.Scatter("t = 0 (data)", x, Count, 0));
        for (int t = 1; t <= 1000; t++)
        {
            double a = schedule.Alpha(t), b = schedule.Beta(t);
            for (int i = 0; i < x.Length; i++) x[i] = a * x[i] + b * CounterRandom.Normal(2, (ulong)(i % Count), (ulong)(2 * t + i / Count));
            if (Array.IndexOf(snapshots, t) > 0)
                figure.Add(DiffusionFigures.Scatter($"t = {t}: signal {schedule.AlphaBar(t):F3}, noise {schedule.BetaBar(t):F3}", x, Count, 1));
        }

        figure.SavePng(context.FigurePath("forward.png", $"The forward DDPM chain (linear schedule, T = 1000) on {Count} points of the eight-Gaussian ring (radius 2, s = 0.15), equal units: the data at t = 0, then t = 100, 300 and 1000, each titled with its signal ᾱₜ and noise √(1 − ᾱₜ²); at t = 1000 the signal has fallen to {schedule.AlphaBar(1000):F4} and the points are nearly N(0, I)."), 2000, 560);
        // The ring has mean 0 and per-coordinate variance 2 + 0.15² (radius 2: E cos² = ½); after T steps
        // Var = ᾱ_T²·2.0225 + β̄_T², checked to five standard errors √(2/n)·Var.
        var variance = new double[4];
        SampleMetrics.Covariance(x, 2, variance);
        double expected = schedule.AlphaBar(1000) * schedule.AlphaBar(1000) * 2.0225 + schedule.BetaBar(1000) * schedule.BetaBar(1000);
        context.Check("forward chain: Var x₁(T) = ᾱ(T)²·Var x₁(0) + β̄(T)²", variance[0], expected, 5 * Math.Sqrt(2.0 / Count) * expected);
    }

    private static void Rebuild(ExperimentContext context, GaussianMixture data, DiscreteSchedule schedule)
    {
        var figure = new MultiPanelFigure(1, 3);
        var fresh = new double[2 * Count];
        data.Sample(99, 0, Count, fresh, default);
        figure.Add(DiffusionFigures.Scatter("fresh data", fresh, Count, 0));
        var weights = new double[8];
        foreach (var variance in new[] { AncestralVariance.Large, AncestralVariance.Small })
        {
            context.Progress($"ancestral sampling, {variance} variance");
            var samples = DiffusionSampler.Ancestral(data, schedule, variance, new DiffusionSamplerOptions { Count = Count, Seed = 5 });
            figure.Add(DiffusionFigures.Scatter($"ancestral, {(variance == AncestralVariance.Large ? "large variance σₜ = βₜ" : "small (posterior) variance")}", samples.Samples, Count, variance == AncestralVariance.Large ? 1 : 2));
            SampleMetrics.ResponsibilityWeights(data.CreateMarginal(1, 0), samples.Samples, weights);
            // Each weight 1/8 has binomial standard error √(p(1 − p)/n).
            context.Check($"{variance} variance: weight of the first component", weights[0], 0.125, 5 * Math.Sqrt(0.125 * 0.875 / Count));
            context.Report($"{variance.ToString().ToLowerInvariant()}_energy_distance_to_fresh_data", SampleMetrics.EnergyDistance(samples.Samples, fresh, 2));
            var dirac = DiffusionSampler.Ancestral(DiffusionFigures.TwoDiracs(), schedule, variance, new DiffusionSamplerOptions { Count = 1200, Seed = 6 });
            context.Check($"{variance} variance, 0.3/0.7 Diracs at ∓1: fraction x > 0 (true 0.7, 5 binomial SE)",
                DiffusionFigures.PositiveFraction(dirac.Samples, 1200), 0.7, 5 * Math.Sqrt(0.21 / 1200));
        }

        figure.SavePng(context.FigurePath("rebuild.png", $"{Count} fresh samples of the eight-Gaussian ring beside {Count} rebuilt by ancestral sampling from N(0, I) with the exact score (T = 1000, linear schedule), with the large variance σₜ = βₜ and with the small posterior variance; equal units."), 1600, 560);
    }
}
