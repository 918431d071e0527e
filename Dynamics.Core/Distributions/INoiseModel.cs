namespace Dynamics.Distributions;

/// <summary>
/// What a diffusion sampler needs from a model of the data: a noise predictor ε̂(x; a, σ) ≈ E[ε | x] for x = a·x₀ + σε
/// (Ho et al. 2020's ε convention). The exact <see cref="Distributions.GaussianMixture"/> is one; a fitted model such as
/// <see cref="Dynamics.Models.Diffusion.FourierNoiseModel"/> is another. Immutable and shareable: each worker thread asks for its own
/// <see cref="INoisePredictor"/>. The score and the denoiser follow from ε̂ by <see cref="NoisePrediction"/>.
/// </summary>
public interface INoiseModel
{
    /// <summary>The dimension d of the data.</summary>
    int Dimension { get; }

    /// <summary>A predictor for one thread (it may keep state between calls).</summary>
    /// <returns>The predictor.</returns>
    INoisePredictor CreatePredictor();
}
