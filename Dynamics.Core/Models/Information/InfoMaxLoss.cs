using Dynamics.Fields;
using Dynamics.Models.Optimization;
using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// Su's Deep InfoMax loss on the <see cref="LinearGaussianEncoder"/>, L(a, s) = −β I(a, s) + γ E_x KL(p(z|x)‖N(0, 1))
/// (kexue.fm/archives/6024; β = 1 + λ, γ = λ for −I + λ KL(p(z)‖q)). By the prior-matching identity
/// L = −(β − γ) I + γ KL(p(z)‖q). Stationary conditions (derived here): ∂L/∂(a²) = 0 gives a² + s² = β/γ, the aggregate
/// variance trades information against the prior; then ∂L/∂(s²) = (β − γ)/(2s²) &gt; 0 for β &gt; γ, so with s free
/// the flow drives s → 0 along a² + s² = β/γ and I grows without bound (a deterministic encoder). With the noise fixed
/// (<see cref="OptimiseNoise"/> false) the optimum is a*² = max(0, β/γ − s²), I* = ½ ln(β/(γ s²)) when positive.
/// </summary>
public sealed record InfoMaxLoss : ILoss
{
    /// <summary>The loss with weights β (information) and γ (prior).</summary>
    /// <param name="informationWeight">β &gt; 0.</param>
    /// <param name="priorWeight">γ &gt; 0.</param>
    /// <param name="optimiseNoise">Whether s is a parameter (true) or held fixed (false: ∂L/∂s is reported as 0).</param>
    public InfoMaxLoss(double informationWeight, double priorWeight, bool optimiseNoise = true)
    {
        Require.Positive(informationWeight, nameof(informationWeight));
        Require.Positive(priorWeight, nameof(priorWeight));
        InformationWeight = informationWeight;
        PriorWeight = priorWeight;
        OptimiseNoise = optimiseNoise;
    }

    /// <summary>β.</summary>
    public double InformationWeight { get; }

    /// <summary>γ.</summary>
    public double PriorWeight { get; }

    /// <summary>Whether the flow moves s.</summary>
    public bool OptimiseNoise { get; }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "−βI + γ E KL(p(z|x)‖N(0, 1))";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("β", InformationWeight), ("γ", PriorWeight));

    /// <summary>The aggregate variance a² + s² at every stationary point: β/γ.</summary>
    public double StationaryAggregateVariance => InformationWeight / PriorWeight;

    /// <summary>The optimal gain for a fixed noise s: a* = √max(0, β/γ − s²).</summary>
    /// <param name="noise">s &gt; 0.</param>
    /// <returns>a* ≥ 0.</returns>
    public double OptimalGain(double noise)
    {
        Require.Positive(noise, nameof(noise));
        return Math.Sqrt(Math.Max(0, StationaryAggregateVariance - noise * noise));
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta)
    {
        var encoder = Encoder(theta);
        return -InformationWeight * encoder.MutualInformation + PriorWeight * encoder.ExpectedKlToPrior;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Require.Length(gradient.Length, 2, nameof(gradient));
        var encoder = Encoder(theta);
        double a = encoder.Gain, s = encoder.Noise, v = a * a + s * s;
        // I = ½ ln(a² + s²) − ½ ln s²; E KL = ½(a² + s² − ln s² − 1).
        gradient[0] = -InformationWeight * a / v + PriorWeight * a;
        gradient[1] = OptimiseNoise ? -InformationWeight * (s / v - 1 / s) + PriorWeight * (s - 1 / s) : 0;
    }

    private static LinearGaussianEncoder Encoder(ReadOnlySpan<double> theta)
    {
        Require.Length(theta.Length, 2, nameof(theta));
        return new LinearGaussianEncoder(theta[0], theta[1]);
    }
}
