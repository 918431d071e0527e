namespace Dynamics.Models.Gan;

/// <summary>Which norm divides GAN-QP's quadratic term in the Dirac GAN (docs/gan.md, erratum E6).</summary>
public enum GanQpDenominator
{
    /// <summary>‖θ‖ = ‖x_f − x_r‖, as the article derives it (the default).</summary>
    Generator,

    /// <summary>‖φ‖, as the author's script bojone/gan/gan_numeric.py computes it.</summary>
    Discriminator,
}
