using Dynamics.Fields;
using Dynamics.Models.Stiff;
using Dynamics.Problems;

namespace Dynamics.Benchmarks;

/// <summary>
/// The stiff problems that the stiff benchmarks, the <c>stiff</c> command and scripts/stiff-baselines.sh (whose C drivers
/// hold the same numbers) all time, and the reference final states their errors are measured against: Robertson from
/// (1, 0, 0) on t ∈ [0, 10⁵], the scaled Van der Pol oscillator (ε = 10⁻⁶, μ = 1000) from (2, 0) on t ∈ [0, 2], and
/// POLLU (n = 20) on t ∈ [0, 60]. Van der Pol's and POLLU's references are the Test Set for IVP Solvers' (Mazzia &amp;
/// Magherini, vdpol.f, pollu.f). Robertson at t = 10⁵ has no published value; <see cref="RobertsonAt1e5"/> is Radau5 at
/// rtol = 10⁻¹⁴, atol = 10⁻²⁰, and agrees with Rodas4 at rtol = 10⁻¹³ (395,285 steps) to 2·10⁻¹⁵ in every component,
/// far below the errors being timed.
/// </summary>
public static class StiffWorkload
{
    /// <summary>Robertson y(10⁵) from y(0) = (1, 0, 0).</summary>
    public static double[] RobertsonAt1e5 { get; } = [0.017865921142104002, 7.274751468438174e-08, 0.982134006110379];

    /// <summary>Robertson's problem on t ∈ [0, 10⁵] from (1, 0, 0) for <paramref name="field"/>: the model or a hand-written twin of it.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">Robertson's right-hand side.</param>
    /// <returns>The problem.</returns>
    public static OdeProblem<TField> Robertson<TField>(TField field) where TField : IVectorField =>
        OdeProblem.Create(field, [.. Models.Stiff.Robertson.InitialState], 0.0, 1e5);

    /// <summary>The scaled Van der Pol oscillator, ε = 10⁻⁶, on t ∈ [0, 2] from (2, 0); its end state is <see cref="ScaledVanDerPol.ReferenceAt2"/>.</summary>
    /// <returns>The problem.</returns>
    public static OdeProblem<ScaledVanDerPol> VanDerPol() => OdeProblem.Create(new ScaledVanDerPol(1e-6), [2.0, 0.0], 0.0, 2.0);

    /// <summary>POLLU on t ∈ [0, 60] for <paramref name="field"/> (the model or a hand-written twin); its end state is <see cref="Pollution.ReferenceAt60"/>.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">POLLU's right-hand side.</param>
    /// <returns>The problem.</returns>
    public static OdeProblem<TField> Pollution<TField>(TField field) where TField : IVectorField =>
        OdeProblem.Create(field, [.. Models.Stiff.Pollution.InitialState], 0.0, 60.0);
}
