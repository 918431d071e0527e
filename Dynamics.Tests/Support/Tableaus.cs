using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Support;

/// <summary>Views of a tableau as plain arrays for the order-condition tests.</summary>
public static class Tableaus
{
    public static TheoryData<string> MethodNames() => NamesOf(OdeMethods.All);

    /// <summary>The adaptive methods' names, for theories that run every one of them.</summary>
    public static TheoryData<string> AdaptiveMethodNames() => NamesOf(OdeMethods.Adaptive);

    public static ButcherTableau Named(string name) =>
        ((ExplicitRungeKutta)OdeMethods.All.Single(m => m.Name == name)).Tableau;

    public static IOdeMethod Method(string name) => OdeMethods.All.Single(m => m.Name == name);

    /// <summary>The coupling rows of the method's stages followed by the interpolant's extra stages.</summary>
    public static List<double[]> ExtendedRows(ButcherTableau tableau)
    {
        var rows = new List<double[]>();
        for (int i = 0; i < tableau.Stages; i++)
        {
            var row = new double[i];
            for (int j = 0; j < i; j++) row[j] = tableau.A(i, j);
            rows.Add(row);
        }

        rows.AddRange(tableau.Interpolant.ExtraRows);
        return rows;
    }

    /// <summary>Σᵢ wᵢ Φᵢ(τ) − θ^{|τ|}/γ(τ): the defect of an order condition for weights w (θ = 1 for the step itself).</summary>
    public static double Defect(RootedTree tree, IReadOnlyList<double[]> rows, IReadOnlyList<double> weights, double theta = 1.0)
    {
        var phi = tree.StageWeights(rows);
        double sum = 0;
        for (int i = 0; i < weights.Count; i++) sum += weights[i] * phi[i];
        return sum - Math.Pow(theta, tree.Order) / tree.Density;
    }

    /// <summary>
    /// A bound on the rounding error of <see cref="Defect"/>: 64 ε Σᵢ |wᵢ| |Φᵢ(τ)| (Φᵢ itself is a rounded sum of
    /// coefficients up to 10², hence the factor), where |wᵢ| may be passed as the
    /// sum of the magnitudes of the terms that make up wᵢ (an interpolant's Σₘ |Pᵢₘ| θᵐ, which cancel heavily).
    /// </summary>
    public static double RoundingBound(RootedTree tree, IReadOnlyList<double[]> rows, IReadOnlyList<double> weightMagnitudes)
    {
        var phi = tree.StageWeights(rows);
        double sum = 1;
        for (int i = 0; i < weightMagnitudes.Count; i++) sum += Math.Abs(weightMagnitudes[i] * phi[i]);
        return 64 * 2.220446049250313e-16 * sum;
    }

    private static TheoryData<string> NamesOf(IEnumerable<IOdeMethod> methods)
    {
        var data = new TheoryData<string>();
        foreach (var m in methods) data.Add(m.Name);
        return data;
    }
}
