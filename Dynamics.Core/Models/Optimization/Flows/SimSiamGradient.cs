namespace Dynamics.Models.Optimization.Flows;

/// <summary>Which gradient of the SimSiam toy loss ½(φθ − θ)² the encoder θ follows (kexue.fm/archives/7980).</summary>
public enum SimSiamGradient
{
    /// <summary>Stop-gradient on the target: θ̇ = −(φθ − θ)φ. Conserves θ² − φ²; no collapse.</summary>
    StopGradient,

    /// <summary>The full gradient: θ̇ = −(φθ − θ)(φ − 1). Conserves (φ − 1)² − θ²; θ collapses to 0.</summary>
    Full,

    /// <summary>Only the target's term: θ̇ = φθ − θ. Conserves φ + θ²/2; θ collapses to 0.</summary>
    SecondTermOnly,
}
