using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// Dormand &amp; Prince (1980), Table 2, taken from the validated <see cref="DormandPrince5"/> tableau and stored sparsely
/// by row for the ensemble kernels: row i holds the non-zero a_{ij}, row 6 the weights b (FSAL), plus the error weights.
/// </summary>
internal static class DormandPrinceCoefficients
{
    public const int Stages = 7;

    /// <summary>k = min(order, embedded order) + 1, the exponent of the step-size law, as the integrator uses.</summary>
    public const int ErrorExponent = 5;

    public static ButcherTableau Tableau { get; } = new DormandPrince5().Tableau;

    public static IReadOnlyList<(int[] Columns, double[] Weights)> Rows { get; } = BuildRows();

    public static (int[] Columns, double[] Weights) ErrorRow { get; } = SparseCoefficients.Of(Tableau.ErrorWeights);

    private static (int[] Columns, double[] Weights)[] BuildRows()
    {
        var rows = new (int[], double[])[Stages];
        for (int i = 0; i < Stages; i++)
        {
            var row = new double[i];
            for (int j = 0; j < i; j++) row[j] = Tableau.A(i, j);
            rows[i] = SparseCoefficients.Of(row);
        }

        return rows;
    }
}
