namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// Dormand &amp; Prince (1980), Table 2, taken from the validated <see cref="DormandPrince5"/> tableau: stored sparsely by
/// row for the ensemble kernels (row i holds the non-zero a_{ij}, row 6 the weights b (FSAL), plus the error weights),
/// and as named scalars for the unrolled <see cref="DormandPrince5Stepper{TField}"/>. Static readonly doubles become
/// constants in optimised code, and because they are read from the tableau they cannot drift from it.
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

    public static readonly double C2 = Tableau.C[1], C3 = Tableau.C[2], C4 = Tableau.C[3], C5 = Tableau.C[4];

    public static readonly double A21 = Tableau.A(1, 0);
    public static readonly double A31 = Tableau.A(2, 0), A32 = Tableau.A(2, 1);
    public static readonly double A41 = Tableau.A(3, 0), A42 = Tableau.A(3, 1), A43 = Tableau.A(3, 2);
    public static readonly double A51 = Tableau.A(4, 0), A52 = Tableau.A(4, 1), A53 = Tableau.A(4, 2), A54 = Tableau.A(4, 3);
    public static readonly double A61 = Tableau.A(5, 0), A62 = Tableau.A(5, 1), A63 = Tableau.A(5, 2), A64 = Tableau.A(5, 3), A65 = Tableau.A(5, 4);

    // Row 7 is b (FSAL); b₂ = a₇₂ = 0.
    public static readonly double B1 = Tableau.B[0], B3 = Tableau.B[2], B4 = Tableau.B[3], B5 = Tableau.B[4], B6 = Tableau.B[5];

    // e = b − b̂; e₂ = 0.
    public static readonly double E1 = Tableau.ErrorWeights[0], E3 = Tableau.ErrorWeights[2], E4 = Tableau.ErrorWeights[3],
        E5 = Tableau.ErrorWeights[4], E6 = Tableau.ErrorWeights[5], E7 = Tableau.ErrorWeights[6];
}
