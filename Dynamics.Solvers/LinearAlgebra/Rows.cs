namespace Dynamics.Solvers.LinearAlgebra;

/// <summary>Row operations shared by the factorisations.</summary>
internal static class Rows
{
    /// <summary>Swaps two equal-length, non-overlapping rows element by element.</summary>
    public static void Swap(Span<double> first, Span<double> second)
    {
        for (int j = 0; j < first.Length; j++) (first[j], second[j]) = (second[j], first[j]);
    }
}
