using Dynamics.Fields;

namespace Dynamics.Analysis;

/// <summary>
/// The nullclines of a field in a plane: the curves where the horizontal component of the (projected) field vanishes,
/// f_X = 0 (the flow crosses them vertically), and where the vertical one does, f_Y = 0 (crossed horizontally). Fixed
/// points lie where the two meet. Every branch inside the window is a separate polyline.
/// </summary>
/// <param name="XNullclines">The branches of f_X = 0 (for a planar field, f₁ = 0).</param>
/// <param name="YNullclines">The branches of f_Y = 0 (for a planar field, f₂ = 0).</param>
public sealed record Nullclines(IReadOnlyList<Polyline> XNullclines, IReadOnlyList<Polyline> YNullclines)
{
    /// <summary>
    /// Finds the nullclines of <paramref name="field"/> in <paramref name="slice"/> on <paramref name="grid"/> by marching
    /// squares on the sampled components, with every crossing refined on the field itself (so points lie on the
    /// nullcline to machine precision; the grid spacing only limits which small features are resolved).
    /// </summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="slice">The plane.</param>
    /// <param name="grid">The grid; 200 × 200 resolves the nullclines of most textbook systems.</param>
    /// <returns>The nullclines.</returns>
    public static Nullclines Find<TField>(TField field, PlaneSlice slice, PlaneGrid grid) where TField : IVectorField
    {
        var samples = FieldSamples.Sample(field, slice, grid);
        return Find(samples, field);
    }

    /// <summary>The nullclines from samples already taken (e.g. for a direction field), refined on <paramref name="field"/>.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="samples">The sampled field.</param>
    /// <param name="field">The same field, for refinement.</param>
    /// <returns>The nullclines.</returns>
    public static Nullclines Find<TField>(FieldSamples samples, TField field) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(samples);
        samples.Slice.Validate(field, nameof(field));
        var slice = samples.Slice;
        var state = new double[slice.Dimension];
        var derivative = new double[slice.Dimension];
        double Component(double x, double y, int component)
        {
            slice.Lift(x, y, state);
            field.Evaluate(slice.Time, state, derivative);
            return derivative[component];
        }

        return new Nullclines(
            MarchingSquares.ZeroContours(samples.Grid, samples.U, (x, y) => Component(x, y, slice.XComponent)),
            MarchingSquares.ZeroContours(samples.Grid, samples.V, (x, y) => Component(x, y, slice.YComponent)));
    }
}
