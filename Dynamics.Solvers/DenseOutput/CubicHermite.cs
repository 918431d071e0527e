namespace Dynamics.Solvers.DenseOutput;

/// <summary>
/// The cubic Hermite interpolant through y₀, f₀ at the start of a step of size h and y₁, f₁ at its end, in monomial
/// form y(θ) = y₀ + c₁θ + c₂θ² + c₃θ³ (θ ∈ [0, 1]): c₁ = hf₀, c₂ = 3Δ − h(2f₀ + f₁), c₃ = −2Δ + h(f₀ + f₁) with
/// Δ = y₁ − y₀. Third order, and exact for cubics (Hairer, Nørsett &amp; Wanner I, §II.6). The coefficients are
/// linear in (Δ, f₀, f₁), so the Runge–Kutta tableaus get their stage weights from the same formula with h = 1 and
/// (Δ, f₀, f₁) replaced by the stage's weights in Δ, f₀ and f₁.
/// </summary>
public static class CubicHermite
{
    /// <summary>The coefficients c₁, c₂, c₃ of θ, θ², θ³.</summary>
    /// <param name="delta">Δ = y₁ − y₀.</param>
    /// <param name="h">The step size.</param>
    /// <param name="f0">f₀, the derivative at the start.</param>
    /// <param name="f1">f₁, the derivative at the end.</param>
    /// <returns>(c₁, c₂, c₃).</returns>
    public static (double C1, double C2, double C3) Coefficients(double delta, double h, double f0, double f1) =>
        (h * f0, 3 * delta - h * (2 * f0 + f1), -2 * delta + h * (f0 + f1));
}
