using Dynamics.Fields;

namespace Dynamics.Analysis;

/// <summary>
/// A field sampled on a plane grid: at node (i, j) of <see cref="Grid"/> (index j·Columns + i) the projected field
/// (<see cref="U"/>, <see cref="V"/>) = (f_X, f_Y) of <see cref="Slice"/>. Entries may be NaN or ±∞ where the field is
/// singular; consumers skip them.
/// </summary>
/// <param name="Grid">The grid.</param>
/// <param name="Slice">How plane points map to states.</param>
/// <param name="U">The horizontal component of the field at each node.</param>
/// <param name="V">The vertical component of the field at each node.</param>
public sealed record FieldSamples(PlaneGrid Grid, PlaneSlice Slice, double[] U, double[] V)
{
    /// <summary>The projected speed √(U² + V²) at node <paramref name="index"/>.</summary>
    /// <param name="index">The node index j·Columns + i.</param>
    /// <returns>The speed.</returns>
    public double Speed(int index) => Math.Sqrt(U[index] * U[index] + V[index] * V[index]);

    /// <summary>
    /// Samples <paramref name="field"/> at every node of <paramref name="grid"/> in <paramref name="slice"/>. A field
    /// that also implements <see cref="IBatchVectorField"/> is evaluated in one batch call (structure-of-arrays, so a
    /// SIMD kernel runs over the grid); any other field node by node.
    /// </summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="slice">The plane (its dimension must match the field's).</param>
    /// <param name="grid">The grid.</param>
    /// <returns>The samples.</returns>
    public static FieldSamples Sample<TField>(TField field, PlaneSlice slice, PlaneGrid grid) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(slice);
        slice.Validate(field, nameof(field));
        grid.Validate(nameof(grid));
        int n = slice.Dimension, count = grid.Count;
        var u = new double[count];
        var v = new double[count];
        if (field is IBatchVectorField batch)
        {
            var states = new double[n * count];
            var derivatives = new double[n * count];
            for (int j = 0; j < grid.Rows; j++)
            {
                for (int i = 0; i < grid.Columns; i++)
                {
                    int m = grid.IndexOf(i, j);
                    for (int c = 0; c < n; c++) states[c * count + m] = slice.BaseState[c];
                    states[slice.XComponent * count + m] = grid.XAt(i);
                    states[slice.YComponent * count + m] = grid.YAt(j);
                }
            }

            batch.Evaluate(slice.Time, states, derivatives, count);
            Array.Copy(derivatives, slice.XComponent * count, u, 0, count);
            Array.Copy(derivatives, slice.YComponent * count, v, 0, count);
            return new FieldSamples(grid, slice, u, v);
        }

        var state = new double[n];
        var derivative = new double[n];
        for (int j = 0; j < grid.Rows; j++)
        {
            for (int i = 0; i < grid.Columns; i++)
            {
                slice.Lift(grid.XAt(i), grid.YAt(j), state);
                field.Evaluate(slice.Time, state, derivative);
                int m = grid.IndexOf(i, j);
                u[m] = derivative[slice.XComponent];
                v[m] = derivative[slice.YComponent];
            }
        }

        return new FieldSamples(grid, slice, u, v);
    }

    /// <summary>The largest finite projected speed on the grid (0 when none is finite).</summary>
    /// <returns>The maximum speed.</returns>
    public double MaximumSpeed()
    {
        double maximum = 0;
        for (int m = 0; m < U.Length; m++)
        {
            double s = Speed(m);
            if (double.IsFinite(s) && s > maximum) maximum = s;
        }

        return maximum;
    }
}
