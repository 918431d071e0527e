namespace Dynamics.Benchmarks;

/// <summary>
/// Reference final states for the stiff timings (shared with scripts/stiff-baselines.sh, whose C drivers hold the same
/// numbers). Van der Pol: the Test Set for IVP Solvers (Mazzia &amp; Magherini, vdpol.f). Robertson at t = 10⁵ has no
/// published value; this one is Radau5 at rtol = 10⁻¹⁴, atol = 10⁻²⁰, and agrees with Rodas4 at rtol = 10⁻¹³
/// (395,285 steps) to 2·10⁻¹⁵ in every component, far below the errors being timed.
/// </summary>
public static class StiffReferences
{
    /// <summary>Robertson y(10⁵) from y(0) = (1, 0, 0).</summary>
    public static double[] RobertsonAt1e5 { get; } = [0.017865921142104002, 7.274751468438174e-08, 0.982134006110379];

    /// <summary>Scaled Van der Pol (ε = 10⁻⁶) y(2) from (2, 0).</summary>
    public static double[] VanDerPolAt2 { get; } = [0.1706167732170483e+01, -0.8928097010247975e+00];
}
