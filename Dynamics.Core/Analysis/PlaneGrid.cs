using Dynamics.Validation;

namespace Dynamics.Analysis;

/// <summary>
/// A rectangular grid of <see cref="Columns"/> × <see cref="Rows"/> nodes spanning <see cref="X"/> × <see cref="Y"/>
/// with both ends included: node (i, j) sits at (X.Min + i·Δx, Y.Min + j·Δy), Δx = X.Width/(Columns − 1). Values on
/// the grid are stored row by row, node (i, j) at index j·Columns + i.
/// </summary>
/// <param name="X">The horizontal range.</param>
/// <param name="Y">The vertical range.</param>
/// <param name="Columns">Nodes along x, at least 2.</param>
/// <param name="Rows">Nodes along y, at least 2.</param>
public readonly record struct PlaneGrid(Interval X, Interval Y, int Columns, int Rows)
{
    /// <summary>The number of nodes, Columns × Rows.</summary>
    public int Count => Columns * Rows;

    /// <summary>The node spacing along x.</summary>
    public double DeltaX => X.Width / (Columns - 1);

    /// <summary>The node spacing along y.</summary>
    public double DeltaY => Y.Width / (Rows - 1);

    /// <summary>The x coordinate of column <paramref name="i"/> (the last column lands exactly on X.Max).</summary>
    /// <param name="i">0 … Columns − 1.</param>
    /// <returns>The coordinate.</returns>
    public double XAt(int i) => i == Columns - 1 ? X.Max : X.Min + i * DeltaX;

    /// <summary>The y coordinate of row <paramref name="j"/> (the last row lands exactly on Y.Max).</summary>
    /// <param name="j">0 … Rows − 1.</param>
    /// <returns>The coordinate.</returns>
    public double YAt(int j) => j == Rows - 1 ? Y.Max : Y.Min + j * DeltaY;

    /// <summary>The storage index j·Columns + i of node (i, j).</summary>
    /// <param name="i">The column.</param>
    /// <param name="j">The row.</param>
    /// <returns>The index.</returns>
    public int IndexOf(int i, int j) => j * Columns + i;

    /// <summary>Throws unless both ranges are valid and there are at least 2 nodes each way (and not absurdly many).</summary>
    /// <param name="name">The parameter name reported in the exception.</param>
    public void Validate(string name)
    {
        X.Validate(name + ".X");
        Y.Validate(name + ".Y");
        Require.AtLeast(Columns, 2, name + ".Columns");
        Require.AtLeast(Rows, 2, name + ".Rows");
        // Guards against a typo such as 100000 × 100000 silently allocating tens of gigabytes.
        if ((long)Columns * Rows > 16_000_000)
            throw new ArgumentOutOfRangeException(name, $"{name} has {Columns} × {Rows} nodes; at most 16,000,000 are allowed.");
    }
}
