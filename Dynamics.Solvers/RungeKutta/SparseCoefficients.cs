namespace Dynamics.Solvers.RungeKutta;

/// <summary>Tableau rows stored sparsely, so the steppers skip zero coefficients (most high-order tableaus are half zeros).</summary>
internal static class SparseCoefficients
{
    /// <summary>The non-zero entries of <paramref name="values"/>: their columns and values.</summary>
    public static (int[] Column, double[] Coefficient) Of(ReadOnlySpan<double> values)
    {
        var column = new List<int>();
        var coefficient = new List<double>();
        for (int j = 0; j < values.Length; j++)
        {
            if (values[j] == 0) continue;
            column.Add(j);
            coefficient.Add(values[j]);
        }

        return (column.ToArray(), coefficient.ToArray());
    }
}
