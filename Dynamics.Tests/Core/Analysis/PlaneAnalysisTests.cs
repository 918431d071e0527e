using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Classical;

namespace Dynamics.Tests.Core.Analysis;

public class PlaneAnalysisTests
{
    private static readonly PlaneGrid Square41 = new((-2, 2), (-2, 2), 41, 41);

    private static double[] Sample(PlaneGrid grid, Func<double, double, double> g)
    {
        var values = new double[grid.Count];
        for (int j = 0; j < grid.Rows; j++)
            for (int i = 0; i < grid.Columns; i++) values[grid.IndexOf(i, j)] = g(grid.XAt(i), grid.YAt(j));
        return values;
    }

    private static IEnumerable<(double X, double Y)> Points(IEnumerable<Polyline> lines) =>
        lines.SelectMany(line => line.Xs.Zip(line.Ys));

    [Fact]
    public void A_circle_comes_out_as_one_closed_curve()
    {
        static double g(double x, double y) => x * x + y * y - 1;
        var linear = MarchingSquares.ZeroContours(Square41, Sample(Square41, g));
        var refined = MarchingSquares.ZeroContours(Square41, Sample(Square41, g), g);
        var curve = Assert.Single(linear);
        Assert.True(curve.IsClosed);
        // Linear interpolation across a cell of width h = 0.1 misses a unit circle by at most about h²/8 = 1.3e-3.
        Assert.All(Points(linear), p => Assert.InRange(Math.Sqrt(p.X * p.X + p.Y * p.Y), 1 - 2e-3, 1 + 2e-3));
        // Brent on the edge finds the crossing to machine precision.
        Assert.All(Points(refined), p => Assert.InRange(Math.Abs(g(p.X, p.Y)), 0, 1e-14));
        // An inscribed polygon with chords of at most h√2 = 0.14 is shorter than the circle by at most 2π·0.14²/24 ≈ 5e-3.
        Assert.InRange(Assert.Single(refined).Length, 2 * Math.PI - 6e-3, 2 * Math.PI);
    }

    [Theory]
    [InlineData(0.1, 1)]
    [InlineData(-0.1, -1)]
    public void Saddle_cells_connect_the_corners_the_bilinear_interpolant_connects(double constant, int quadrantSign)
    {
        // g = xy + c on the single cell [−1, 1]²: the corners alternate in sign, and the zero set is a hyperbola in the
        // quadrants where xy = −c, i.e. x·y has sign −sign(c). The asymptotic decider must pick those two corners.
        var cell = new PlaneGrid((-1, 1), (-1, 1), 2, 2);
        double g(double x, double y) => x * y + constant;
        var curves = MarchingSquares.ZeroContours(cell, Sample(cell, g), g);
        Assert.Equal(2, curves.Count);
        Assert.All(curves, curve => Assert.All(curve.Xs.Zip(curve.Ys), p => Assert.Equal(-quadrantSign, Math.Sign(p.First * p.Second))));
    }

    [Fact]
    public void Every_branch_of_a_hyperbola_is_traced()
    {
        static double g(double x, double y) => x * y - 0.5;
        var curves = MarchingSquares.ZeroContours(Square41, Sample(Square41, g), g);
        Assert.Equal(2, curves.Count);
        Assert.Contains(curves, c => c.Xs.All(x => x > 0));
        Assert.Contains(curves, c => c.Xs.All(x => x < 0));
        Assert.All(Points(curves), p => Assert.InRange(Math.Abs(g(p.X, p.Y)), 0, 1e-14));
    }

    [Fact]
    public void A_zero_set_along_grid_nodes_is_one_line_without_repeated_points()
    {
        static double g(double x, double y) => y;
        var line = Assert.Single(MarchingSquares.ZeroContours(Square41, Sample(Square41, g)));
        Assert.Equal(41, line.Count);
        Assert.All(line.Ys, y => Assert.Equal(0, y));
    }

    [Fact]
    public void Van_der_Pol_nullclines_have_the_axis_and_three_branches_of_y_equals_x_over_mu_one_minus_x_squared()
    {
        var model = new VanDerPol();
        var grid = new PlaneGrid((-3, 3), (-4, 4), 121, 121);
        var nullclines = Nullclines.Find(model, PlaneSlice.Of(model), grid);
        var axis = Assert.Single(nullclines.XNullclines);
        Assert.All(axis.Ys, y => Assert.Equal(0, y, 1e-15));
        Assert.Equal(3, nullclines.YNullclines.Count);
        // Refined on the field, each point satisfies μ(1 − x²)y − x = 0 to rounding.
        Assert.All(Points(nullclines.YNullclines), p => Assert.InRange(Math.Abs(model.Mu * (1 - p.X * p.X) * p.Y - p.X), 0, 1e-13));
        Assert.Contains(nullclines.YNullclines, c => c.Xs.All(x => x < -1));
        Assert.Contains(nullclines.YNullclines, c => c.Xs.All(x => Math.Abs(x) < 1));
        Assert.Contains(nullclines.YNullclines, c => c.Xs.All(x => x > 1));
    }

    [Fact]
    public void Pendulum_nullclines_are_omega_zero_and_omega_equals_minus_sine_over_b()
    {
        var pendulum = new DampedPendulum();
        var nullclines = Nullclines.Find(pendulum, PlaneSlice.Of(pendulum), new PlaneGrid((-7, 7), (-3, 3), 101, 101));
        Assert.All(Points(nullclines.XNullclines), p => Assert.Equal(0, p.Y, 1e-15));
        Assert.All(Points(nullclines.YNullclines), p => Assert.InRange(Math.Abs(pendulum.Damping * p.Y + Math.Sin(p.X)), 0, 1e-13));
        // ω = −4 sin θ leaves |ω| ≤ 3 where |sin θ| > 3/4, cutting the curve into one branch per crossing of ω = 0:
        // through −2π, −π, 0, π, 2π.
        Assert.Equal(5, nullclines.YNullclines.Count);
    }

    [Fact]
    public void A_slice_of_Lorenz_samples_the_projected_field_with_the_other_component_held()
    {
        var lorenz = new Lorenz();
        var slice = new PlaneSlice(3, xComponent: 0, yComponent: 2, baseState: [0, 5, 0]);
        var grid = new PlaneGrid((-10, 10), (0, 40), 5, 6);
        var samples = FieldSamples.Sample(lorenz, slice, grid);
        var f = new double[3];
        for (int j = 0; j < grid.Rows; j++)
        {
            for (int i = 0; i < grid.Columns; i++)
            {
                lorenz.Evaluate(0, [grid.XAt(i), 5, grid.YAt(j)], f);
                Assert.Equal(f[0], samples.U[grid.IndexOf(i, j)]);
                Assert.Equal(f[2], samples.V[grid.IndexOf(i, j)]);
            }
        }

        Assert.Equal([3.0, 5.0, 4.0], slice.Lift(3, 4));
    }

    [Fact]
    public void A_field_with_a_batch_kernel_is_sampled_in_one_batch_call_with_the_same_values()
    {
        var field = new CountingBatchField();
        var grid = new PlaneGrid((-1, 1), (0, 2), 7, 5);
        var samples = FieldSamples.Sample(field, PlaneSlice.Of(field), grid);
        Assert.Equal(1, field.BatchCalls);
        Assert.Equal(0, field.SingleCalls);
        for (int j = 0; j < grid.Rows; j++)
        {
            for (int i = 0; i < grid.Columns; i++)
            {
                Assert.Equal(grid.YAt(j), samples.U[grid.IndexOf(i, j)]);
                Assert.Equal(-grid.XAt(i), samples.V[grid.IndexOf(i, j)]);
            }
        }
    }

    [Fact]
    public void Streamlines_of_a_rotation_are_circles_kept_apart()
    {
        var rotation = new HarmonicOscillator();
        const double separation = 0.05;
        var lines = Streamlines.Trace(rotation, PlaneSlice.Of(rotation), (-2, 2), (-2, 2), separation);
        Assert.True(lines.Count >= 10, $"only {lines.Count} streamlines");
        foreach (var line in lines)
        {
            double r0 = Math.Sqrt(line.Xs[0] * line.Xs[0] + line.Ys[0] * line.Ys[0]);
            // Midpoint steps of 1/50 of the separation on circles of radius ≥ 0.05 window widths keep the radius to 1e-3.
            for (int k = 0; k < line.Count; k++) Assert.Equal(r0, Math.Sqrt(line.Xs[k] * line.Xs[k] + line.Ys[k] * line.Ys[k]), 1e-3);
        }

        // Lines stop half a separation from each other (window-normalised: 0.5 · 0.05 · 4 = 0.1 in these units).
        var sample = lines.Select(l => (l, Points([l]).Where((_, k) => k % 10 == 0).ToArray())).ToArray();
        for (int a = 0; a < sample.Length; a++)
            for (int b = a + 1; b < sample.Length; b++)
                foreach (var p in sample[a].Item2)
                    foreach (var q in sample[b].Item2) Assert.True(Math.Sqrt((p.X - q.X) * (p.X - q.X) + (p.Y - q.Y) * (p.Y - q.Y)) > 0.09);
    }

    [Fact]
    public void Bad_grids_and_slices_are_rejected_naming_the_parameter_and_the_value()
    {
        var columns = Assert.Throws<ArgumentOutOfRangeException>(() => MarchingSquares.ZeroContours(new PlaneGrid((0, 1), (0, 1), 1, 5), new double[5]));
        Assert.Equal("grid.Columns", columns.ParamName);
        Assert.Contains("but was 1", columns.Message);
        var reversed = Assert.Throws<ArgumentException>(() => MarchingSquares.ZeroContours(new PlaneGrid((1, 0), (0, 1), 2, 2), new double[4]));
        Assert.Equal("grid.X", reversed.ParamName);
        var empty = Assert.Throws<ArgumentException>(() => FieldSamples.Sample(new VanDerPol(), PlaneSlice.Of(new VanDerPol()), new PlaneGrid((0, 1), (2, 2), 3, 3)));
        Assert.Contains("[2, 2] is empty", empty.Message);
        Assert.Throws<ArgumentException>(() => MarchingSquares.ZeroContours(new PlaneGrid((0, 1), (0, 1), 3, 3), new double[8]));
        var same = Assert.Throws<ArgumentException>(() => new PlaneSlice(3, 1, 1));
        Assert.Equal("yComponent", same.ParamName);
        var component = Assert.Throws<ArgumentOutOfRangeException>(() => new PlaneSlice(3, 0, 3));
        Assert.Contains("but was 3", component.Message);
        var nan = Assert.Throws<ArgumentException>(() => new PlaneSlice(3, 0, 1, [0, 0, double.NaN]));
        Assert.Contains("baseState[2]", nan.Message);
        var planar = Assert.Throws<ArgumentException>(() => PlaneSlice.Of(new Lorenz()));
        Assert.Equal("field", planar.ParamName);
        var separation = Assert.Throws<ArgumentOutOfRangeException>(() => Streamlines.Trace(new VanDerPol(), PlaneSlice.Of(new VanDerPol()), (0, 1), (0, 1), 0));
        Assert.Equal("separation", separation.ParamName);
        var mismatch = Assert.Throws<ArgumentException>(() => Nullclines.Find(new Lorenz(), PlaneSlice.Of(new VanDerPol()), Square41));
        Assert.Equal("field", mismatch.ParamName);
    }

    private sealed class CountingBatchField : IVectorField, IBatchVectorField
    {
        public int BatchCalls { get; private set; }

        public int SingleCalls { get; private set; }

        public int Dimension => 2;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
        {
            SingleCalls++;
            dydt[0] = y[1];
            dydt[1] = -y[0];
        }

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt, int count)
        {
            BatchCalls++;
            for (int m = 0; m < count; m++)
            {
                dydt[m] = y[count + m];
                dydt[count + m] = -y[m];
            }
        }
    }
}
