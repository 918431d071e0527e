using Dynamics.Validation;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// The coefficients of an s-stage Rosenbrock method in both of Hairer &amp; Wanner's forms (Solving ODEs II, §IV.7).
/// Standard form: (I − hγJ)kᵢ = h f(t + αᵢh, y + Σⱼ αᵢⱼkⱼ) + hJ Σⱼ γᵢⱼkⱼ + γᵢh²∂f/∂t, y₁ = y + Σ bᵢkᵢ, with
/// Γ = (γᵢⱼ) lower triangular and γᵢᵢ = γ. Implemented (transformed) form, with uᵢ = Σⱼ γᵢⱼkⱼ (eq. IV.7.25):
/// (I/(hγ) − J)uᵢ = f(t + αᵢh, y + Σⱼ aᵢⱼuⱼ) + Σⱼ (cᵢⱼ/h)uⱼ + γᵢh ∂f/∂t, y₁ = y + Σ mᵢuᵢ, where
/// (aᵢⱼ) = AΓ⁻¹, (cᵢⱼ) = diag(1/γ) − Γ⁻¹ and mᵀ = bᵀΓ⁻¹; the transformed form needs no matrix–vector products with J.
/// The order conditions (Table IV.7.1) are stated on the standard form, which this class reconstructs from the
/// transformed coefficients. The error estimate is Σ eᵢuᵢ and the dense output y(t + θh) = y + Σₘ θᵐ Σᵢ hₘᵢuᵢ.
/// </summary>
public sealed class RosenbrockTableau
{
    private readonly double[][] _a, _c, _alpha, _gammaMatrix, _dense;
    private readonly double[] _nodes, _timeCoefficients, _weights, _errorWeights, _standardWeights;

    private RosenbrockTableau(string name, int order, int embeddedOrder, double gamma, double[][] a, double[][] c, double[] nodes,
        double[] timeCoefficients, double[] weights, double[] errorWeights, double[][] dense)
    {
        Name = name;
        Order = order;
        EmbeddedOrder = embeddedOrder;
        Gamma = gamma;
        Stages = nodes.Length;
        int s = Stages;
        if (a.Length != s || c.Length != s || timeCoefficients.Length != s || weights.Length != s || errorWeights.Length != s)
            throw new ArgumentException($"Rosenbrock tableau '{name}': every coefficient array needs {s} stage rows.", nameof(nodes));
        for (int i = 0; i < s; i++)
        {
            if (a[i].Length != i || c[i].Length != i)
                throw new ArgumentException($"Rosenbrock tableau '{name}': row {i} of a and c needs {i} entries.", nameof(a));
        }

        foreach (var row in dense)
        {
            if (row.Length != s) throw new ArgumentException($"Rosenbrock tableau '{name}': each dense-output row needs {s} entries.", nameof(dense));
        }

        _a = a;
        _c = c;
        _nodes = nodes;
        _timeCoefficients = timeCoefficients;
        _weights = weights;
        _errorWeights = errorWeights;
        _dense = dense;

        // Γ⁻¹ = diag(1/γ) − C, then Γ by forward substitution; A = aΓ and b = mΓ.
        var inverse = new double[s][];
        for (int i = 0; i < s; i++)
        {
            inverse[i] = new double[i + 1];
            for (int j = 0; j < i; j++) inverse[i][j] = -c[i][j];
            inverse[i][i] = 1 / gamma;
        }

        _gammaMatrix = new double[s][];
        for (int i = 0; i < s; i++)
        {
            _gammaMatrix[i] = new double[i + 1];
            _gammaMatrix[i][i] = gamma;
            for (int j = i - 1; j >= 0; j--)
            {
                double sum = 0;
                for (int k = j; k < i; k++) sum += inverse[i][k] * _gammaMatrix[k][j];
                _gammaMatrix[i][j] = -gamma * sum;
            }
        }

        _alpha = new double[s][];
        for (int i = 0; i < s; i++)
        {
            _alpha[i] = new double[i];
            for (int j = 0; j < i; j++)
            {
                double sum = 0;
                for (int k = j; k < i; k++) sum += a[i][k] * _gammaMatrix[k][j];
                _alpha[i][j] = sum;
            }
        }

        _standardWeights = new double[s];
        for (int j = 0; j < s; j++)
        {
            double sum = 0;
            for (int k = j; k < s; k++) sum += weights[k] * _gammaMatrix[k][j];
            _standardWeights[j] = sum;
        }

        for (int i = 0; i < s; i++)
        {
            double alphaSum = 0, gammaSum = 0;
            for (int j = 0; j < i; j++) alphaSum += _alpha[i][j];
            for (int j = 0; j <= i; j++) gammaSum += _gammaMatrix[i][j];
            if (Math.Abs(alphaSum - nodes[i]) > 1e-12 * Math.Max(1, Math.Abs(nodes[i])))
                throw new ArgumentException($"Rosenbrock tableau '{name}': node α{i + 1} = {Require.Format(nodes[i])} is not Σⱼ αᵢⱼ = {Require.Format(alphaSum)}.", nameof(nodes));
            if (Math.Abs(gammaSum - timeCoefficients[i]) > 1e-12 * Math.Max(1, Math.Abs(timeCoefficients[i])))
                throw new ArgumentException($"Rosenbrock tableau '{name}': γ{i + 1} = {Require.Format(timeCoefficients[i])} is not Σⱼ γᵢⱼ = {Require.Format(gammaSum)}.", nameof(timeCoefficients));
        }
    }

    /// <summary>Builds a tableau from the transformed coefficients, as published in Hairer's codes.</summary>
    /// <param name="name">The method's name.</param>
    /// <param name="order">The order of y₁.</param>
    /// <param name="embeddedOrder">The order of the embedded solution.</param>
    /// <param name="gamma">The diagonal γ.</param>
    /// <param name="a">aᵢⱼ, row i has i entries.</param>
    /// <param name="c">cᵢⱼ, row i has i entries.</param>
    /// <param name="nodes">αᵢ = Σⱼ αᵢⱼ.</param>
    /// <param name="timeCoefficients">γᵢ = Σⱼ≤ᵢ γᵢⱼ.</param>
    /// <param name="weights">mᵢ.</param>
    /// <param name="errorWeights">eᵢ: the error estimate is Σ eᵢuᵢ.</param>
    /// <param name="dense">hₘᵢ for m = 1 … degree.</param>
    /// <returns>The validated tableau.</returns>
    public static RosenbrockTableau FromTransformed(string name, int order, int embeddedOrder, double gamma, double[][] a, double[][] c,
        double[] nodes, double[] timeCoefficients, double[] weights, double[] errorWeights, double[][] dense) =>
        new(name, order, embeddedOrder, gamma, a, c, nodes, timeCoefficients, weights, errorWeights, dense);

    /// <summary>
    /// Builds a tableau from the standard form (αᵢⱼ, γᵢⱼ with γᵢᵢ = γ, weights bᵢ on kᵢ, error weights on kᵢ, dense
    /// weights on kᵢ), converting to the transformed form.
    /// </summary>
    /// <param name="name">The method's name.</param>
    /// <param name="order">The order of y₁.</param>
    /// <param name="embeddedOrder">The order of the embedded solution.</param>
    /// <param name="alpha">αᵢⱼ, row i has i entries.</param>
    /// <param name="gammaMatrix">γᵢⱼ, row i has i + 1 entries (the last is γ).</param>
    /// <param name="weights">bᵢ.</param>
    /// <param name="errorWeights">Weights on kᵢ of the error estimate.</param>
    /// <param name="dense">Weights on kᵢ of θᵐ, m = 1 … degree.</param>
    /// <returns>The validated tableau.</returns>
    public static RosenbrockTableau FromStandard(string name, int order, int embeddedOrder, double[][] alpha, double[][] gammaMatrix,
        double[] weights, double[] errorWeights, double[][] dense)
    {
        int s = weights.Length;
        double gamma = gammaMatrix[0][0];
        // Γ⁻¹ by forward substitution on the lower-triangular Γ.
        var inverse = new double[s][];
        for (int i = 0; i < s; i++)
        {
            inverse[i] = new double[i + 1];
            inverse[i][i] = 1 / gammaMatrix[i][i];
            for (int j = i - 1; j >= 0; j--)
            {
                double sum = 0;
                for (int k = j; k < i; k++) sum += gammaMatrix[i][k] * inverse[k][j];
                inverse[i][j] = -sum / gammaMatrix[i][i];
            }
        }

        double[] RowTimesInverse(double[] w)
        {
            var result = new double[s];
            for (int j = 0; j < s; j++)
            {
                for (int k = j; k < s; k++) result[j] += w[k] * inverse[k][j];
            }

            return result;
        }

        var a = new double[s][];
        var c = new double[s][];
        var nodes = new double[s];
        var timeCoefficients = new double[s];
        for (int i = 0; i < s; i++)
        {
            a[i] = new double[i];
            c[i] = new double[i];
            for (int j = 0; j < i; j++)
            {
                for (int k = j; k < i; k++) a[i][j] += alpha[i][k] * inverse[k][j];
                c[i][j] = -inverse[i][j];
                nodes[i] += alpha[i][j];
            }

            for (int j = 0; j <= i; j++) timeCoefficients[i] += gammaMatrix[i][j];
        }

        var dense2 = new double[dense.Length][];
        for (int m = 0; m < dense.Length; m++) dense2[m] = RowTimesInverse(dense[m]);
        return new(name, order, embeddedOrder, gamma, a, c, nodes, timeCoefficients, RowTimesInverse(weights), RowTimesInverse(errorWeights), dense2);
    }

    /// <summary>The method's name.</summary>
    public string Name { get; }

    /// <summary>The order of y₁.</summary>
    public int Order { get; }

    /// <summary>The order of the embedded solution used for the error estimate.</summary>
    public int EmbeddedOrder { get; }

    /// <summary>The number of stages s (one LU solve each).</summary>
    public int Stages { get; }

    /// <summary>The diagonal coefficient γ.</summary>
    public double Gamma { get; }

    /// <summary>The degree of the dense output in θ.</summary>
    public int DenseDegree => _dense.Length;

    /// <summary>Transformed coupling aᵢⱼ (j &lt; i).</summary>
    /// <param name="i">Stage row.</param>
    /// <param name="j">Stage column.</param>
    /// <returns>aᵢⱼ.</returns>
    public double A(int i, int j) => j < i ? _a[i][j] : 0;

    /// <summary>Transformed coupling cᵢⱼ (j &lt; i).</summary>
    /// <param name="i">Stage row.</param>
    /// <param name="j">Stage column.</param>
    /// <returns>cᵢⱼ.</returns>
    public double C(int i, int j) => j < i ? _c[i][j] : 0;

    /// <summary>Standard-form αᵢⱼ (j &lt; i).</summary>
    /// <param name="i">Stage row.</param>
    /// <param name="j">Stage column.</param>
    /// <returns>αᵢⱼ.</returns>
    public double Alpha(int i, int j) => j < i ? _alpha[i][j] : 0;

    /// <summary>Standard-form γᵢⱼ (j ≤ i).</summary>
    /// <param name="i">Stage row.</param>
    /// <param name="j">Stage column.</param>
    /// <returns>γᵢⱼ.</returns>
    public double GammaEntry(int i, int j) => j <= i ? _gammaMatrix[i][j] : 0;

    /// <summary>The nodes αᵢ.</summary>
    public IReadOnlyList<double> Nodes => _nodes;

    /// <summary>The time-derivative coefficients γᵢ.</summary>
    public IReadOnlyList<double> TimeCoefficients => _timeCoefficients;

    /// <summary>The transformed weights mᵢ.</summary>
    public IReadOnlyList<double> Weights => _weights;

    /// <summary>The standard-form weights bᵢ = (mᵀΓ)ᵢ.</summary>
    public IReadOnlyList<double> StandardWeights => _standardWeights;

    /// <summary>The transformed error weights eᵢ.</summary>
    public IReadOnlyList<double> ErrorWeights => _errorWeights;

    /// <summary>The dense-output weights hₘᵢ on uᵢ of θᵐ (m = 1 … degree).</summary>
    /// <param name="m">The power of θ, 1 … <see cref="DenseDegree"/>.</param>
    /// <param name="i">The stage.</param>
    /// <returns>hₘᵢ.</returns>
    public double Dense(int m, int i) => _dense[m - 1][i];
}
