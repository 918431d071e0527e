using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// A Gumbel-softmax temperature by iteration: τₙ = τ_final + (τ₀ − τ_final)·rⁿ. Su's schedule (bojone/vae
/// vae_keras_cnn_gs.py) is τₙ = 0.01 + 0.99·0.999ⁿ, updated every mini-batch; a constant τ has r = 1.
/// </summary>
public sealed record TemperatureSchedule
{
    private TemperatureSchedule(double initial, double final, double rate)
    {
        Initial = initial;
        Final = final;
        Rate = rate;
    }

    /// <summary>Su's annealing τₙ = 0.01 + 0.99·0.999ⁿ.</summary>
    public static TemperatureSchedule Su { get; } = new(1, 0.01, 0.999);

    /// <summary>τ₀.</summary>
    public double Initial { get; }

    /// <summary>The limit τ_∞.</summary>
    public double Final { get; }

    /// <summary>The decay factor r ∈ (0, 1] per iteration.</summary>
    public double Rate { get; }

    /// <summary>A constant temperature.</summary>
    /// <param name="temperature">τ &gt; 0.</param>
    /// <returns>The schedule.</returns>
    public static TemperatureSchedule Constant(double temperature)
    {
        Require.Positive(temperature, nameof(temperature));
        return new(temperature, temperature, 1);
    }

    /// <summary>An exponential anneal τₙ = τ_final + (τ₀ − τ_final)·rⁿ.</summary>
    /// <param name="initial">τ₀ &gt; 0.</param>
    /// <param name="final">τ_final &gt; 0.</param>
    /// <param name="rate">r ∈ (0, 1].</param>
    /// <returns>The schedule.</returns>
    public static TemperatureSchedule Exponential(double initial, double final, double rate)
    {
        Require.Positive(initial, nameof(initial));
        Require.Positive(final, nameof(final));
        if (!(rate > 0 && rate <= 1)) throw new ArgumentOutOfRangeException(nameof(rate), rate, $"rate must lie in (0, 1], but was {Require.Format(rate)}.");
        return new(initial, final, rate);
    }

    /// <summary>τₙ.</summary>
    /// <param name="iteration">n ≥ 0.</param>
    /// <returns>The temperature.</returns>
    public double At(long iteration) => Rate == 1 ? Initial : Final + (Initial - Final) * Math.Pow(Rate, iteration);
}
