namespace Dynamics.Models.Information;

/// <summary>
/// The variational objectives a <see cref="QuadraticCritic"/> can be trained to maximise (<see cref="VariationalBounds"/>;
/// Poole et al. 2019). Each has its own optimal critics within the family: ln(dP/dQ) for JS and NWJ, ln(dP/dQ) + c for
/// DV, ln(dP/dQ) + c(x) for InfoNCE.
/// </summary>
public enum CriticObjective
{
    /// <summary>E_P log σ(T) + E_Q log(1 − σ(T)); its maximiser is ln(dP/dQ), its maximum 2 JS − ln 4 (not a bound on I).</summary>
    JensenShannon,

    /// <summary>Donsker–Varadhan (MINE) E_P T − ln E_Q e^T ≤ I; maximised by ln(dP/dQ) + c for any constant c.</summary>
    DonskerVaradhan,

    /// <summary>NWJ E_P(1 + T) − E_Q e^T ≤ I; maximised by ln(dP/dQ) only.</summary>
    NguyenWainwrightJordan,

    /// <summary>InfoNCE over batches of K, ≤ ln K; maximised by ln(dP/dQ) + c(x) for any function c of x alone.</summary>
    InfoNce,
}
