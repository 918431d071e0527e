using Dynamics.Solvers.Implicit;

namespace Dynamics.Tests.Solvers.Implicit;

/// <summary>
/// Rosenbrock order conditions (Hairer &amp; Wanner II, Table IV.7.1) on the standard form the tableau reconstructs from
/// its transformed coefficients, with βᵢⱼ = αᵢⱼ + γᵢⱼ, β′ᵢ = Σⱼ&lt;ᵢ βᵢⱼ and αᵢ = Σⱼ αᵢⱼ. A transcription error in any
/// published digit of a, c or m breaks at least one condition far above the 1e-12 tolerance (the coefficients carry
/// 16 significant digits). The stability function at infinity R(∞) = 1 − bᵀB⁻¹𝟙 with B = (βᵢⱼ) including the diagonal
/// γ must vanish for an L-stable method.
/// </summary>
public class RosenbrockTableauTests
{
    public static TheoryData<string> Tableaus => new() { "Rodas4", "Rosenbrock23" };

    private static RosenbrockTableau Named(string name) => name == "Rodas4" ? Rodas4.Coefficients : Rosenbrock23.Coefficients;

    [Theory]
    [MemberData(nameof(Tableaus))]
    public void Solution_weights_satisfy_the_order_conditions(string name)
    {
        var tableau = Named(name);
        var b = tableau.StandardWeights.ToArray();
        var defects = Defects(tableau, b);
        for (int order = 1; order <= tableau.Order; order++)
        {
            foreach (double defect in defects[order - 1]) Assert.True(Math.Abs(defect) < 1e-12, $"{name}: order-{order} condition off by {defect:E2}");
        }

        // The next order fails: the stated order is the true one.
        if (tableau.Order < 4) Assert.Contains(defects[tableau.Order], d => Math.Abs(d) > 1e-3);
    }

    [Theory]
    [MemberData(nameof(Tableaus))]
    public void Embedded_weights_satisfy_the_order_conditions(string name)
    {
        var tableau = Named(name);
        int s = tableau.Stages;
        var gamma = Gamma(tableau);
        // The embedded weights in standard form are b − (error weights)·Γ for Rodas4 (y₁ − ŷ₁ = error) and b + error·Γ
        // for Rosenbrock23 (error = ŷ₁ − y₁ with the higher-order ŷ₁); whichever sign, ŷ must have the embedded order.
        var error = new double[s];
        for (int j = 0; j < s; j++)
        {
            for (int k = j; k < s; k++) error[j] += tableau.ErrorWeights[k] * gamma[k, j];
        }

        var minus = tableau.StandardWeights.Select((w, i) => w - error[i]).ToArray();
        var plus = tableau.StandardWeights.Select((w, i) => w + error[i]).ToArray();
        var embedded = name == "Rodas4" ? minus : plus;
        var defects = Defects(tableau, embedded);
        for (int order = 1; order <= tableau.EmbeddedOrder; order++)
        {
            foreach (double defect in defects[order - 1]) Assert.True(Math.Abs(defect) < 1e-12, $"{name}: embedded order-{order} condition off by {defect:E2}");
        }
    }

    [Theory]
    [MemberData(nameof(Tableaus))]
    public void Both_methods_are_L_stable_at_infinity(string name)
    {
        var tableau = Named(name);
        int s = tableau.Stages;
        var beta = new double[s, s];
        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j <= i; j++) beta[i, j] = tableau.Alpha(i, j) + tableau.GammaEntry(i, j);
        }

        // B x = 𝟙 by forward substitution (B is lower triangular with γ on the diagonal).
        var x = new double[s];
        for (int i = 0; i < s; i++)
        {
            double sum = 1;
            for (int j = 0; j < i; j++) sum -= beta[i, j] * x[j];
            x[i] = sum / beta[i, i];
        }

        double rInfinity = 1 - tableau.StandardWeights.Select((w, i) => w * x[i]).Sum();
        Assert.True(Math.Abs(rInfinity) < 1e-12, $"{name}: R(∞) = {rInfinity:E2}");
    }

    [Fact]
    public void Inconsistent_coefficients_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => RosenbrockTableau.FromTransformed("bad", 1, 1, 0.5,
            a: [[], [1.0]], c: [[], [0.0]], nodes: [0.0, 0.5], timeCoefficients: [0.5, 0.5], weights: [1, 0, 0], errorWeights: [1, 0], dense: []));
        Assert.Contains("bad", error.Message);
        var transformed = Assert.Throws<ArgumentException>(() => RosenbrockTableau.FromTransformed("bad2", 1, 1, 0.5,
            a: [[], [1.0]], c: [[], [0.0]], nodes: [0.0, 0.7], timeCoefficients: [0.5, 0.5], weights: [1, 0], errorWeights: [1, 0], dense: []));
        Assert.Contains("α2", transformed.Message);
    }

    private static double[,] Gamma(RosenbrockTableau tableau)
    {
        int s = tableau.Stages;
        var gamma = new double[s, s];
        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j <= i; j++) gamma[i, j] = tableau.GammaEntry(i, j);
        }

        return gamma;
    }

    /// <summary>Defects of the conditions of orders 1–4 (Table IV.7.1), grouped by order.</summary>
    private static List<double[]> Defects(RosenbrockTableau tableau, double[] b)
    {
        int s = tableau.Stages;
        double g = tableau.Gamma;
        var alpha = new double[s, s];
        var beta = new double[s, s];
        var a = new double[s];
        var bp = new double[s];
        for (int i = 0; i < s; i++)
        {
            for (int j = 0; j < i; j++)
            {
                alpha[i, j] = tableau.Alpha(i, j);
                beta[i, j] = alpha[i, j] + tableau.GammaEntry(i, j);
                a[i] += alpha[i, j];
                bp[i] += beta[i, j];
            }
        }

        double Sum(Func<int, double> term)
        {
            double total = 0;
            for (int i = 0; i < s; i++) total += term(i);
            return total;
        }

        double BetaTimes(int i, Func<int, double> v)
        {
            double total = 0;
            for (int k = 0; k < i; k++) total += beta[i, k] * v(k);
            return total;
        }

        double AlphaTimes(int i, Func<int, double> v)
        {
            double total = 0;
            for (int k = 0; k < i; k++) total += alpha[i, k] * v(k);
            return total;
        }

        return
        [
            [Sum(i => b[i]) - 1],
            [Sum(i => b[i] * bp[i]) - (0.5 - g)],
            [Sum(i => b[i] * a[i] * a[i]) - 1.0 / 3, Sum(i => b[i] * BetaTimes(i, k => bp[k])) - (1.0 / 6 - g + g * g)],
            [
                Sum(i => b[i] * a[i] * a[i] * a[i]) - 0.25,
                Sum(i => b[i] * a[i] * AlphaTimes(i, k => bp[k])) - (1.0 / 8 - g / 3),
                Sum(i => b[i] * BetaTimes(i, k => a[k] * a[k])) - (1.0 / 12 - g / 3),
                Sum(i => b[i] * BetaTimes(i, k => BetaTimes(k, l => bp[l]))) - (1.0 / 24 - g / 2 + 1.5 * g * g - g * g * g),
            ],
        ];
    }
}
