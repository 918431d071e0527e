using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Solvers.Diffusion;
using Dynamics.Statistics;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers.Diffusion;

public class LangevinTests(ITestOutputHelper output)
{
    private static (double Mean, double Variance) Moments(DiffusionSamples samples)
    {
        var x = samples.Samples.ToArray();
        double mean = x.Average();
        return (mean, x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1));
    }

    [Fact]
    public void ULA_has_the_exact_discretisation_bias_and_MALA_removes_it()
    {
        // docs/diffusion.md, "Oracles and measured errors" (ULA): target N(0.5, 1) (data N(0.5, 0.6²) noised by
        // σ = 0.8), ε = 0.5: ULA variance S²/(1 − ε/(4S²)) = 8/7. 6000 chains of 60 steps (AR coefficient 0.75: 0.75⁶⁰
        // ≈ 3e-8 of the start remains); the variance estimate has standard error V√(2/n) ≈ 0.021, the bias 0.143 is
        // seven of them.
        var data = GaussianMixture.Isotropic([1.0], [0.5], [0.6]);
        var options = new DiffusionSamplerOptions { Count = 6000, Seed = 3 };
        double biased = LangevinStationaryLaw.DiscreteLangevinVariance(1, 0.5);
        var ula = Moments(LangevinSampler.Unadjusted(data, 1, 0.8, 0.5, 60, options));
        var mala = Moments(LangevinSampler.MetropolisAdjusted(data, 1, 0.8, 0.5, 60, options));
        output.WriteLine($"ULA variance {ula.Variance:F4} (theory {biased:F4}); MALA {mala.Variance:F4} (target 1)");
        double se = Math.Sqrt(2.0 / 6000);
        Assert.InRange(ula.Variance, biased * (1 - 5 * se), biased * (1 + 5 * se));
        Assert.InRange(mala.Variance, 1 - 5 * se, 1 + 5 * se);
        Assert.InRange(ula.Mean, 0.5 - 5 * Math.Sqrt(biased / 6000), 0.5 + 5 * Math.Sqrt(biased / 6000));
    }

    [Fact]
    public void Annealed_Langevin_with_a_final_denoising_step_recovers_the_mixture_weights()
    {
        var data = GaussianMixture.Isotropic([0.3, 0.7], [-2, 2], [0.1, 0.1]);
        var samples = LangevinSampler.Annealed(data, [3.0, 1.5, 0.8, 0.4, 0.2], 40, 0.02, true, new DiffusionSamplerOptions { Count = 3000, Seed = 8 });
        double fraction = samples.Samples.ToArray().Count(v => v > 0) / 3000.0;
        Assert.InRange(fraction, 0.7 - 5 * Math.Sqrt(0.21 / 3000), 0.7 + 5 * Math.Sqrt(0.21 / 3000));
    }

    [Fact]
    public void Fitted_Fourier_denoiser_approximates_the_exact_score()
    {
        // Denoising score matching on 2500 pairs with 200 features; its score error over noised data against the exact
        // score of p̂ = p ∗ N(0, σ²I) must be well below the score's own size (relative RMS < 0.15).
        var data = GaussianMixture.Isotropic([0.5, 0.5], [-1, 0, 1, 0.5], [0.3, 0.3]);
        const double sigma = 0.5;
        var fitted = FourierDenoiser.Fit(data, sigma, 200, 1.0, 1e-3, 2500, 5);
        var exact = data.CreateMarginal(1, sigma);
        var noised = data.PushForward(1, sigma);
        double error = 0, norm = 0;
        var x = new double[2];
        var s1 = new double[2];
        var s2 = new double[2];
        for (int m = 0; m < 1000; m++)
        {
            noised.Sample(77, m, x);
            fitted.Score(x, s1);
            exact.Score(x, s2);
            for (int j = 0; j < 2; j++)
            {
                error += (s1[j] - s2[j]) * (s1[j] - s2[j]);
                norm += s2[j] * s2[j];
            }
        }

        double relative = Math.Sqrt(error / norm);
        output.WriteLine($"relative score error {relative:F4}");
        Assert.True(relative < 0.15, $"relative score error {relative}");
    }

    [Theory]
    [InlineData(0.5, 0.0)]
    [InlineData(1.2, 0.7)]
    public void DDE_objective_equals_its_closed_form(double m, double sigma)
    {
        // docs/diffusion.md, "Oracles and measured errors" (DDE): q = N(m, 1), p = N(0, 1) noised by σ:
        // KL(q̂‖p̂) = m²/(2(1 + σ²)), against 20,000 samples.
        var q = GaussianMixture.Isotropic([1.0], [m], [1]).CreateMarginal(1, sigma);
        var p = GaussianMixture.Isotropic([1.0], [0.0], [1]).CreateMarginal(1, sigma);
        var (estimate, se) = SampleMetrics.KullbackLeibler(q, p, 20_000, 4);
        double exact = m * m / (2 * (1 + sigma * sigma));
        Assert.InRange(estimate, exact - 5 * se, exact + 5 * se);
    }
}
