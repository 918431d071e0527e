using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// How a <see cref="DiscriminatorLogRatio"/> is built and trained: logistic regression D(x) = wᵀφ(x) on real samples
/// from p (label 1) against the particles (label 0), by Newton steps on the class-balanced binary cross-entropy
/// −mean_p log σ(D) − mean_q log(1 − σ(D)) + ½λ‖w‖², whose minimiser (λ → 0, infinite samples, rich φ) is
/// D* = log p/q (Goodfellow et al. 2014).
/// </summary>
public sealed record DiscriminatorOptions
{
    /// <summary>The feature map (quadratic by default).</summary>
    public DiscriminatorFeatures Features { get; init; } = DiscriminatorFeatures.Quadratic;

    /// <summary>M, the number of random Fourier features (default 64).</summary>
    public int FourierFeatures { get; init; } = 64;

    /// <summary>ℓ, the length scale of the random Fourier features (default 1).</summary>
    public double FourierLengthScale { get; init; } = 1;

    /// <summary>k: the discriminator is trained at every k-th evaluation of the log-ratio (default 1).</summary>
    public int RefitInterval { get; init; } = 1;

    /// <summary>Newton steps at each training (default 1: the alternating GAN loop's one D step per G step).</summary>
    public int StepsPerRefit { get; init; } = 1;

    /// <summary>Newton steps of the first training, from w = 0 (default 30: a converged start).</summary>
    public int InitialSteps { get; init; } = 30;

    /// <summary>λ, the ridge on w that keeps the Newton system well posed (default 1e-6).</summary>
    public double Ridge { get; init; } = 1e-6;

    /// <summary>Real samples drawn from p at each training; 0 means as many as there are particles.</summary>
    public int RealSamples { get; init; }

    /// <summary>The seed of the real samples and of the Fourier features.</summary>
    public ulong Seed { get; init; } = 1;

    /// <summary>Throws when an option is out of range, naming it.</summary>
    public void Validate()
    {
        if (!Enum.IsDefined(Features)) throw new ArgumentOutOfRangeException(nameof(Features), Features, $"Features = {(int)Features} is not a DiscriminatorFeatures.");
        Require.AtLeast(FourierFeatures, 1, nameof(FourierFeatures));
        Require.Positive(FourierLengthScale, nameof(FourierLengthScale));
        Require.AtLeast(RefitInterval, 1, nameof(RefitInterval));
        Require.AtLeast(StepsPerRefit, 1, nameof(StepsPerRefit));
        Require.AtLeast(InitialSteps, 1, nameof(InitialSteps));
        Require.NonNegative(Ridge, nameof(Ridge));
        Require.AtLeast(RealSamples, 0, nameof(RealSamples));
    }
}
