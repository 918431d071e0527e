using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Solvers.Analysis;

/// <summary>How <see cref="LyapunovExponents.Compute{TField}"/> measures. Every property has a working default.</summary>
public sealed record LyapunovOptions
{
    /// <summary>The default options.</summary>
    public static LyapunovOptions Default { get; } = new();

    /// <summary>How many exponents, largest first (default null: the whole spectrum, one per state component).</summary>
    public int? Count { get; init; }

    /// <summary>The time integrated before measuring, so the orbit settles on its attractor first (default 0).</summary>
    public double TransientTime { get; init; }

    /// <summary>
    /// The averaging time T (default 1000). The finite-time estimates converge to the exponents as T → ∞, for chaotic
    /// orbits with fluctuations of order T^(−1/2); the sum of the whole spectrum is exact for any T (it is the time
    /// average of the Jacobian's trace).
    /// </summary>
    public double Time { get; init; } = 1000;

    /// <summary>
    /// The time Δ between Gram–Schmidt renormalisations (default 0.25). Between renormalisations the k-th vector
    /// turns towards the most expanding direction, and its part perpendicular to the others, which gives λ_k, shrinks
    /// relative to the whole by e^(−(λ₁−λ_k)Δ): the solver's and the differences' relative errors are amplified by that
    /// factor. Keep (λ₁ − λ_k)·Δ below about 5 (for Lorenz, 15.5 × 0.25 ≈ 3.9; Δ = 1 loses six digits of the sum).
    /// </summary>
    public double RenormalisationInterval { get; init; } = 0.25;

    /// <summary>The time of the initial state (default 0; matters only for non-autonomous fields).</summary>
    public double StartTime { get; init; }

    /// <summary>The adaptive method for the variational equations (default Dormand–Prince 5(4)).</summary>
    public IOdeMethod Method { get; init; } = new DormandPrince5();

    /// <summary>The solver's relative and absolute tolerance (default 1e-10).</summary>
    public double SolverTolerance { get; init; } = 1e-10;

    /// <summary>
    /// The relative step δ of the central differences J·v ≈ [f(y + εv) − f(y − εv)]/(2ε), ε = δ(1 + ‖y‖)/‖v‖, used
    /// when the field does not implement <see cref="Fields.IJacobianField"/> (default 6e-6 ≈ ε_machine^⅓, which
    /// balances the O(ε²) truncation against rounding). Central differences are exact for quadratic fields such as Lorenz.
    /// </summary>
    public double DifferenceStep { get; init; } = 6e-6;
}
