namespace Dynamics.Solvers.Implicit;

/// <summary>
/// The Rosenbrock 2(3) pair of Shampine &amp; Reichelt (1997, SIAM J. Sci. Comput. 18(1)), MATLAB's ode23s: three
/// stages with d = 1/(2 + √2), L-stable order 2 with an order-3 error estimate, the third stage evaluated at y₁ (so it
/// is reused as the next step's f), and a free quadratic dense output. Cheap per step; for loose tolerances (1e-2 … 1e-4).
/// </summary>
public sealed class Rosenbrock23 : RosenbrockMethod
{
    private static readonly double D = 1 / (2 + Math.Sqrt(2));
    private static readonly double E32 = 6 + Math.Sqrt(2);

    /// <summary>
    /// The coefficients, written in standard form from the paper's step: W = I − hdJ, Wk₁ = F₀ + hdT,
    /// Wk₂ = F₁ − hdJk₁ with F₁ = f(y + ½hk₁), y₁ = y + hk₂, Wk₃ = F₂ + hdJ((e₃₂ − 2)k₁ − e₃₂k₂) − hdT, and the
    /// error (h/6)(k₁ − 2k₂ + k₃).
    /// </summary>
    public static RosenbrockTableau Coefficients { get; } = RosenbrockTableau.FromStandard("Rosenbrock23", 2, 3,
        alpha: [[], [0.5], [0.0, 1.0]],
        gammaMatrix: [[D], [-D, D], [D * (E32 - 2), -D * E32, D]],
        weights: [0.0, 1.0, 0.0],
        errorWeights: [1.0 / 6, -2.0 / 6, 1.0 / 6],
        dense: [[1 / (1 - 2 * D), -2 * D / (1 - 2 * D), 0.0], [-1 / (1 - 2 * D), 1 / (1 - 2 * D), 0.0]]);

    /// <summary>Creates the method.</summary>
    public Rosenbrock23() : base(Coefficients) { }
}
