namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// A stepper that also uses the iterated integral ΔZ = ∫_t^{t+h}(W_s − W_t) ds of each Wiener component, which strong
/// order 1.5 schemes need (Kloeden &amp; Platen 1992, §10.4; Rößler 2010). Given ΔW = √h ξ₁, it is
/// ΔZ = ½h^{3/2}(ξ₁ + ξ₂/√3) with ξ₂ an independent standard normal. <see cref="Sde"/> supplies it to such steppers.
/// </summary>
public interface IAreaSdeStepper : ISdeStepper
{
    /// <summary>Advances the state by one step with the Wiener increments and their time integrals.</summary>
    /// <param name="t">The time at the start of the step.</param>
    /// <param name="y">The state, updated in place.</param>
    /// <param name="h">The step.</param>
    /// <param name="wienerIncrements">ΔW per component.</param>
    /// <param name="wienerAreas">ΔZ per component.</param>
    void Advance(double t, Span<double> y, double h, ReadOnlySpan<double> wienerIncrements, ReadOnlySpan<double> wienerAreas);
}
