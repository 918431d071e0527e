using Dynamics.Analysis;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// Which attractor each start on a grid ends at: <see cref="Labels"/>[j·Columns + i] is the index into
/// <see cref="Attractors"/> of the attractor the trajectory from node (i, j) reached, or −1 when it reached none within
/// the time limit (or its solve failed).
/// </summary>
/// <param name="Grid">The grid of starts.</param>
/// <param name="Slice">How grid points map to states.</param>
/// <param name="Attractors">The attracting equilibria.</param>
/// <param name="Labels">One label per node.</param>
public sealed record BasinMap(PlaneGrid Grid, PlaneSlice Slice, IReadOnlyList<double[]> Attractors, int[] Labels)
{
    /// <summary>The fraction of starts that ended at attractor <paramref name="attractor"/> (or at none, for −1).</summary>
    /// <param name="attractor">The attractor index, or −1.</param>
    /// <returns>The fraction in [0, 1].</returns>
    public double Fraction(int attractor)
    {
        int count = 0;
        foreach (int label in Labels) count += label == attractor ? 1 : 0;
        return (double)count / Labels.Length;
    }
}
