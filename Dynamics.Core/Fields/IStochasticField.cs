namespace Dynamics.Fields;

/// <summary>
/// The coefficients of an Itô SDE with diagonal noise, dXᵢ = fᵢ(t, X) dt + gᵢ(t, X) dWᵢ, with independent standard
/// Wiener processes Wᵢ: <see cref="IVectorField.Evaluate"/> is the drift f and <see cref="Diffusion"/> the noise
/// amplitudes g (a component with gᵢ ≡ 0 is deterministic). The generator is Σfᵢ∂ᵢ + ½Σgᵢ²∂ᵢ², so the
/// Fokker–Planck equation is ∂ₜp = −∇·(fp) + ½Σ∂ᵢ²(gᵢ²p) (docs/diffusion.md).
/// </summary>
public interface IStochasticField : IVectorField
{
    /// <summary>Writes the noise amplitudes g(t, y) into <paramref name="amplitudes"/> (length <see cref="IVectorField.Dimension"/>).</summary>
    /// <param name="t">The time.</param>
    /// <param name="y">The state.</param>
    /// <param name="amplitudes">Receives gᵢ(t, y).</param>
    void Diffusion(double t, ReadOnlySpan<double> y, Span<double> amplitudes);
}
