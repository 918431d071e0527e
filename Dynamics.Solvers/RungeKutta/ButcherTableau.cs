using System.Globalization;

namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// The coefficients of an explicit Runge–Kutta method (Butcher 1964): nodes c, the strictly lower-triangular
/// coupling matrix A, weights b, optional embedded weights b̂ for error estimation and an optional dense-output
/// extension. The data is validated on construction: c₁ = 0, each row of A sums to its node, b and b̂ sum to 1.
/// "First same as last" (FSAL) is derived, never declared: it holds when the last stage is evaluated at the new state,
/// i.e. the last row of A equals b and its node is 1.
/// </summary>
public sealed class ButcherTableau
{
    private readonly double[] _c, _b, _errorWeights;
    private readonly double[][] _a;

    /// <summary>Creates and validates a tableau.</summary>
    /// <param name="name">The method's name, e.g. "Dormand–Prince 5(4)".</param>
    /// <param name="order">The order p of the propagated solution.</param>
    /// <param name="c">The nodes c (length s, c₁ = 0).</param>
    /// <param name="a">The rows of A: row i holds the i entries a_{i,1} … a_{i,i−1} (row 0 is empty).</param>
    /// <param name="b">The weights b (length s).</param>
    /// <param name="embeddedWeights">The embedded weights b̂ (length s) of an adaptive pair, or null.</param>
    /// <param name="embeddedOrder">The order p̂ of the embedded solution (required with <paramref name="embeddedWeights"/>).</param>
    /// <param name="interpolant">The method's own dense output, or null for cubic Hermite interpolation.</param>
    public ButcherTableau(string name, int order, double[] c, double[][] a, double[] b,
        double[]? embeddedWeights = null, int? embeddedOrder = null, ContinuousExtension? interpolant = null)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        Name = name;
        Order = order;
        Stages = c.Length;
        _c = (double[])c.Clone();
        _b = (double[])b.Clone();
        _a = new double[Stages][];
        if (a.Length != Stages) throw Invalid($"A has {a.Length} rows for {Stages} nodes");
        if (b.Length != Stages) throw Invalid($"b has {b.Length} entries for {Stages} nodes");
        if (c[0] != 0) throw Invalid($"c[0] must be 0, but was {c[0]}");
        for (int i = 0; i < Stages; i++)
        {
            if (a[i].Length != i) throw Invalid($"row {i} of A must have {i} entries (explicit method), but has {a[i].Length}");
            _a[i] = (double[])a[i].Clone();
            CheckSum(a[i], c[i], $"row {i} of A");
        }

        CheckSum(b, 1.0, "b");
        if (embeddedWeights is not null)
        {
            if (embeddedWeights.Length != Stages) throw Invalid($"b̂ has {embeddedWeights.Length} entries for {Stages} nodes");
            CheckSum(embeddedWeights, 1.0, "b̂");
            EmbeddedOrder = embeddedOrder ?? throw Invalid("an embedded pair needs its embedded order");
            _errorWeights = new double[Stages];
            for (int i = 0; i < Stages; i++) _errorWeights[i] = b[i] - embeddedWeights[i];
        }
        else
        {
            _errorWeights = [];
        }

        IsFirstSameAsLast = Stages > 1 && c[Stages - 1] == 1.0 && b[Stages - 1] == 0.0 && a[Stages - 1].AsSpan().SequenceEqual(b.AsSpan(0, Stages - 1));
        Interpolant = interpolant ?? ContinuousExtension.CubicHermite(Stages, _b, order, IsFirstSameAsLast ? Stages - 1 : -1);
        ValidateInterpolant(Interpolant);
    }

    /// <summary>The method's name.</summary>
    public string Name { get; }

    /// <summary>The order p of the propagated solution.</summary>
    public int Order { get; }

    /// <summary>The order of the embedded solution, or null for a fixed-step method.</summary>
    public int? EmbeddedOrder { get; }

    /// <summary>The number of stages s (counting an FSAL stage).</summary>
    public int Stages { get; }

    /// <summary>Whether the tableau carries an embedded error estimate.</summary>
    public bool IsAdaptive => _errorWeights.Length > 0;

    /// <summary>Whether the last stage is f at the new state, so it is reused as the next step's first stage.</summary>
    public bool IsFirstSameAsLast { get; }

    /// <summary>The dense output used between step ends.</summary>
    public ContinuousExtension Interpolant { get; }

    /// <summary>The nodes c.</summary>
    public ReadOnlySpan<double> C => _c;

    /// <summary>The weights b.</summary>
    public ReadOnlySpan<double> B => _b;

    /// <summary>The error weights e = b − b̂ (empty for a fixed-step method); they sum to 0.</summary>
    public ReadOnlySpan<double> ErrorWeights => _errorWeights;

    /// <summary>The coupling coefficient a_{ij} (0 for j ≥ i).</summary>
    /// <param name="i">The stage row.</param>
    /// <param name="j">The stage column.</param>
    /// <returns>a_{ij}.</returns>
    public double A(int i, int j) => j < i ? _a[i][j] : 0.0;

    /// <inheritdoc/>
    public override string ToString() => Name;

    private void ValidateInterpolant(ContinuousExtension extension)
    {
        int total = Stages + extension.ExtraNodes.Count;
        if (extension.Weights.Count != total)
            throw Invalid($"the interpolant has weights for {extension.Weights.Count} stages, but the method and its extra stages have {total}");
        for (int e = 0; e < extension.ExtraNodes.Count; e++)
        {
            var row = extension.ExtraRows[e];
            if (row.Length != Stages + e) throw Invalid($"extra stage {e} must couple to {Stages + e} earlier stages, but has {row.Length} entries");
            CheckSum(row, extension.ExtraNodes[e], $"extra stage {e}");
        }

        // At θ = 1 the interpolant must reproduce the step: Σₘ Pᵢₘ = bᵢ (and 0 for the extra stages).
        for (int i = 0; i < total; i++)
        {
            double sum = 0, magnitude = 0;
            foreach (double p in extension.Weights[i]) { sum += p; magnitude += Math.Abs(p); }
            double target = i < Stages ? _b[i] : 0;
            if (Math.Abs(sum - target) > Tolerance(magnitude + Math.Abs(target), extension.Degree))
                throw Invalid($"the interpolant's weights for stage {i} sum to {sum.ToString("R", CultureInfo.InvariantCulture)} at θ = 1, not b = {target}");
        }
    }

    private void CheckSum(double[] values, double expected, string what)
    {
        double sum = 0, magnitude = Math.Abs(expected);
        foreach (double v in values) { sum += v; magnitude += Math.Abs(v); }
        if (Math.Abs(sum - expected) > Tolerance(magnitude, values.Length))
            throw Invalid($"{what} sums to {sum.ToString("R", CultureInfo.InvariantCulture)}, not {expected.ToString("R", CultureInfo.InvariantCulture)}");
    }

    // A sum of n rounded terms is off by at most about n·ε·Σ|terms|; the coefficients themselves are rounded once more.
    private static double Tolerance(double magnitude, int terms) => 4 * (terms + 2) * 2.220446049250313e-16 * Math.Max(magnitude, 1.0);

    private ArgumentException Invalid(string reason) => new($"Invalid Butcher tableau '{Name}': {reason}.");
}
