namespace Dynamics.Models.Gan;

/// <summary>How discrete GAN training orders the two players' gradient steps.</summary>
public enum GanUpdateScheme
{
    /// <summary>Both players step from the same state: explicit Euler on the flow (φ, θ) ← (φ, θ) + h·f(φ, θ).</summary>
    Simultaneous,

    /// <summary>The discriminator steps first, then the generator steps against the updated discriminator.</summary>
    Alternating,
}
