using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;
using Dynamics.Solvers.Diffusion;
using Dynamics.Solvers.Stochastic;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers.Diffusion;

public class NoiseModelTests(ITestOutputHelper output)
{
    // w = (0.3, 0.7), μ = ∓1, s = 0.3: mean 0.4, variance 0.09 + 1 − 0.16 = 0.93.
    private static readonly GaussianMixture Data = GaussianMixture.Isotropic([0.3, 0.7], [-1, 1], [0.3, 0.3]);

    private static readonly Lazy<FourierNoiseModel> Fitted = new(() => FourierNoiseModel.Fit(Data, 0.01, 80, 16, 64, 0.3, 1e-3, 6000, 3));

    [Fact]
    public void Exact_predictor_and_its_conversions_reproduce_the_mixture_score_and_denoiser()
    {
        const int count = 5;
        double[] x = [-2, -0.7, 0.1, 0.8, 2.5];
        var predictor = Data.CreatePredictor();
        var marginal = Data.CreateMarginal(0.6, 0.8);
        var expectedScore = new double[count];
        var expectedDenoised = new double[count];
        marginal.Evaluate(x, count, default, expectedScore, default);
        marginal.Denoise(x, count, expectedDenoised);
        var score = new double[count];
        var denoised = new double[count];
        NoisePrediction.Score(predictor, 0.6, 0.8, x, count, score);
        NoisePrediction.Denoise(predictor, 0.6, 0.8, x, count, denoised);
        // Two roundings (ε = −σ∇log p, then ∇log p = −ε/σ) separate the conversions from the direct formulas.
        for (int m = 0; m < count; m++)
        {
            Assert.Equal(expectedScore[m], score[m], 1e-13);
            Assert.Equal(expectedDenoised[m], denoised[m], 1e-13);
        }
    }

    [Theory]
    [InlineData(0.05, 0.35)]
    [InlineData(0.5, 0.3)]
    [InlineData(5, 0.05)]
    public void Fitted_noise_model_approximates_the_exact_noise_predictor_over_the_noised_data(double level, double bound)
    {
        // Error measured where the sampler meets it: on y = x₀ + sε with x₀ from the data; relative to E‖ε*‖². The bound
        // grows as s falls because ε̂ = (y − x̂₀)/s magnifies the ridge fit's denoising error by 1/s (measured 0.25, 0.19,
        // 0.017 at s = 0.05, 0.5, 5); an unfitted model (ε̂ = 0) would score 1.
        const int count = 4000;
        var x0 = new double[count];
        Data.Sample(11, 0, count, x0, default);
        var y = new double[count];
        for (int m = 0; m < count; m++) y[m] = x0[m] + level * CounterRandom.Normal(12, (ulong)m, 0);
        var exact = new double[count];
        var fitted = new double[count];
        Data.CreatePredictor().PredictNoise(1, level, y, count, exact);
        Fitted.Value.CreatePredictor().PredictNoise(1, level, y, count, fitted);
        double error = 0, norm = 0;
        for (int m = 0; m < count; m++)
        {
            error += (fitted[m] - exact[m]) * (fitted[m] - exact[m]);
            norm += exact[m] * exact[m];
        }

        double relative = Math.Sqrt(error / norm);
        output.WriteLine($"s = {level}: relative RMS error of ε̂ {relative:E2}");
        Assert.True(relative < bound, $"relative RMS error {relative:E2} at s = {level}");
    }

    [Fact]
    public void A_fitted_model_plugs_into_the_level_samplers_and_the_reverse_SDE()
    {
        // The fitted model's own error (up to 25% in ε̂ at small s, above) shifts the sampled law a little: the mean and variance are
        // checked against the data's 0.4 and 0.93 within 5 standard errors plus 0.05 for that model error.
        var options = new DiffusionSamplerOptions { Count = 2000, Seed = 21 };
        var grid = EdmSchedule.KarrasGrid(18, 0.01);
        var model = Fitted.Value;
        foreach (var samples in new[]
        {
            DiffusionSampler.Heun(model, grid, options),
            DiffusionSampler.Euler(model, EdmSchedule.KarrasGrid(64, 0.01), options),
            DiffusionSampler.DpmSolverPlusPlus2M(model, grid, options),
            DiffusionSampler.ReverseSde(model, new VariancePreservingLinear(), 200, 1e-3, options, method: new RosslerSra1()),
        })
        {
            var x = samples.Samples.ToArray();
            double mean = x.Average(), variance = x.Sum(v => (v - mean) * (v - mean)) / (x.Length - 1);
            output.WriteLine($"{samples.Sampler}: mean {mean:F4}, variance {variance:F4}");
            double seMean = Math.Sqrt(0.93 / x.Length), seVariance = 0.93 * Math.Sqrt(2.0 / x.Length) * 1.3;
            Assert.InRange(mean, 0.4 - 5 * seMean - 0.05, 0.4 + 5 * seMean + 0.05);
            Assert.InRange(variance, 0.93 - 5 * seVariance - 0.05, 0.93 + 5 * seVariance + 0.05);
        }
    }
}
