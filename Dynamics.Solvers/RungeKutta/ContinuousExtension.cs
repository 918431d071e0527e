namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// The dense output ("continuous extension") of a Runge–Kutta method: y(t₀ + θh) = y₀ + h Σᵢ bᵢ(θ) kᵢ for θ ∈ [0, 1],
/// with bᵢ(θ) = Σₘ Pᵢₘ θᵐ (m = 1 … degree). Some interpolants need extra stages beyond the step's own; they are
/// evaluated only when a step is actually interpolated.
/// </summary>
public sealed class ContinuousExtension
{
    /// <summary>Creates an extension from its polynomial weights and any extra stages.</summary>
    /// <param name="order">The interpolant's order of accuracy q (the local error mid-step is O(h^{q+1})).</param>
    /// <param name="weights">Pᵢₘ: one row per stage (the method's stages, then the extra ones), one column per power θ¹ … θ^degree.</param>
    /// <param name="extraNodes">The nodes c of the extra stages (may be empty).</param>
    /// <param name="extraRows">The coupling rows of the extra stages over all earlier stages (may be empty).</param>
    public ContinuousExtension(int order, double[][] weights, double[]? extraNodes = null, double[][]? extraRows = null)
    {
        ArgumentNullException.ThrowIfNull(weights);
        extraNodes ??= [];
        extraRows ??= [];
        if (extraNodes.Length != extraRows.Length)
            throw new ArgumentException($"extraNodes has {extraNodes.Length} entries but extraRows has {extraRows.Length}.", nameof(extraRows));
        Order = order;
        Weights = weights;
        ExtraNodes = extraNodes;
        ExtraRows = extraRows;
        if (weights.Length == 0 || weights[0].Length == 0)
            throw new ArgumentException("weights must have at least one stage and one power.", nameof(weights));
        Degree = weights[0].Length;
        foreach (var row in weights)
        {
            if (row.Length != Degree)
                throw new ArgumentException($"Every row of weights must have {Degree} powers.", nameof(weights));
        }
    }

    /// <summary>
    /// Creates an extension from weights given as exact decimal literals (e.g. a published table to 40 digits). High-order
    /// interpolants have monomial weights up to 10⁶ that cancel to bᵢ(θ) of order 10, so rounding each weight to a
    /// double alone costs ~10⁶ ε ≈ 2·10⁻¹⁰ in the interpolated state; here each weight is kept as a double plus its
    /// rounding residual (<see cref="WeightResiduals"/>), and the stepper combines the stages with compensated sums.
    /// </summary>
    /// <param name="order">The interpolant's order of accuracy q.</param>
    /// <param name="weights">Pᵢₘ as decimal literals: one row per stage, one column per power θ¹ … θ^degree.</param>
    /// <param name="extraNodes">The nodes c of the extra stages (may be empty).</param>
    /// <param name="extraRows">The coupling rows of the extra stages over all earlier stages (may be empty).</param>
    public ContinuousExtension(int order, string[][] weights, double[]? extraNodes = null, double[][]? extraRows = null)
        : this(order, Split(weights, residual: false), extraNodes, extraRows)
    {
        WeightResiduals = Split(weights, residual: true);
    }

    /// <summary>
    /// Pᵢₘ − fl(Pᵢₘ), the part of each exact weight that its double in <see cref="Weights"/> lost, or null when the
    /// weights were given as doubles (their rounding is then part of the method).
    /// </summary>
    public IReadOnlyList<double[]>? WeightResiduals { get; }

    /// <summary>The interpolant's order of accuracy.</summary>
    public int Order { get; }

    /// <summary>The polynomial degree in θ.</summary>
    public int Degree { get; }

    /// <summary>Pᵢₘ, the coefficient of θ^{m+1} in bᵢ(θ).</summary>
    public IReadOnlyList<double[]> Weights { get; }

    /// <summary>The nodes of the extra stages.</summary>
    public IReadOnlyList<double> ExtraNodes { get; }

    /// <summary>The coupling rows of the extra stages.</summary>
    public IReadOnlyList<double[]> ExtraRows { get; }

    private static double[][] Split(string[][] weights, bool residual)
    {
        ArgumentNullException.ThrowIfNull(weights);
        var result = new double[weights.Length][];
        for (int i = 0; i < weights.Length; i++)
        {
            ArgumentNullException.ThrowIfNull(weights[i], nameof(weights));
            result[i] = new double[weights[i].Length];
            for (int m = 0; m < weights[i].Length; m++)
            {
                var (value, rest) = ExactDecimal.Split(weights[i][m]);
                result[i][m] = residual ? rest : value;
            }
        }

        return result;
    }

    /// <summary>
    /// The cubic Hermite interpolant through y₀, f₀, y₁ and f₁ for a method of <paramref name="stages"/> stages with
    /// weights <paramref name="b"/>; f₁ = f(t₀ + h, y₁) is one extra stage whose row is b itself, and the
    /// integrator reuses it as the next step's first stage, so the interpolant is free whenever steps continue.
    /// Written in stage form: y₁ − y₀ = hΣbᵢkᵢ, so b(θ) = θe₁ + θ²(3b − 2e₁ − e_f) + θ³(e₁ + e_f − 2b), each stage's
    /// weights being <see cref="DenseOutput.CubicHermite"/>'s coefficients (linear in Δ, f₀, f₁) at Δ = bᵢ, f₀ = e₁ᵢ, f₁ = e_fᵢ, h = 1.
    /// </summary>
    /// <param name="stages">The method's number of stages.</param>
    /// <param name="b">The method's weights.</param>
    /// <param name="methodOrder">The method's order p: the interpolant is exact to order min(3, p), since it passes through y₁.</param>
    /// <param name="endpointStage">
    /// The index of a stage that already equals f(t₀ + h, y₁) (the last stage of an FSAL method), or −1 to add one.
    /// </param>
    /// <returns>The extension.</returns>
    public static ContinuousExtension CubicHermite(int stages, IReadOnlyList<double> b, int methodOrder, int endpointStage = -1)
    {
        int order = Math.Min(3, methodOrder);
        bool addStage = endpointStage < 0;
        int total = addStage ? stages + 1 : stages;
        int f1 = addStage ? stages : endpointStage;
        var weights = new double[total][];
        for (int i = 0; i < total; i++)
        {
            double bi = i < stages ? b[i] : 0;
            double e1 = i == 0 ? 1 : 0, ef = i == f1 ? 1 : 0;
            var (w1, w2, w3) = DenseOutput.CubicHermite.Coefficients(bi, 1, e1, ef);
            weights[i] = [w1, w2, w3];
        }

        return addStage
            ? new ContinuousExtension(order, weights, [1.0], [[.. b]])
            : new ContinuousExtension(order, weights);
    }
}
