namespace Dynamics.Models.Generative;

/// <summary>
/// Rules of thumb for the bandwidth h of an isotropic Gaussian kernel density estimate in d dimensions from n points with
/// pooled standard deviation σ̂ (Scott 1992; Silverman 1986, eq. 4.14).
/// </summary>
public enum BandwidthRule
{
    /// <summary>Scott's rule h = σ̂ n^{−1/(d+4)}.</summary>
    Scott,

    /// <summary>Silverman's rule h = σ̂ (4/(d + 2))^{1/(d+4)} n^{−1/(d+4)} (the same as Scott's in 2-D).</summary>
    Silverman,
}
