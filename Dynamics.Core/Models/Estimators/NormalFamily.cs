using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// The normal family N(μ, σ²) with parameters θ = (μ, σ), σ &gt; 0, reparameterized as z = μ + σε, ε ∼ N(0, 1)
/// (Kingma &amp; Welling 2014; kexue.fm/archives/6705). Its score is ∂log p/∂μ = ε/σ, ∂log p/∂σ = (ε² − 1)/σ.
/// </summary>
public sealed record NormalFamily
{
    /// <summary>N(μ, σ²).</summary>
    /// <param name="mean">μ, finite.</param>
    /// <param name="standardDeviation">σ &gt; 0.</param>
    public NormalFamily(double mean, double standardDeviation)
    {
        Mean = mean;
        StandardDeviation = standardDeviation;
    }

    /// <summary>The mean μ.</summary>
    public double Mean
    {
        get;
        init
        {
            Require.Finite(value, nameof(Mean));
            field = value;
        }
    }

    /// <summary>The standard deviation σ &gt; 0.</summary>
    public double StandardDeviation
    {
        get;
        init
        {
            Require.Positive(value, nameof(StandardDeviation));
            field = value;
        }
    }

    /// <summary>The family at θ = (μ, σ), with validation.</summary>
    /// <param name="parameters">(μ, σ).</param>
    /// <returns>N(μ, σ²).</returns>
    public static NormalFamily At(ReadOnlySpan<double> parameters)
    {
        Require.Length(parameters.Length, 2, nameof(parameters));
        return new NormalFamily(parameters[0], parameters[1]);
    }
}
