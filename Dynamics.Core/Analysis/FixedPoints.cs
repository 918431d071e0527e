using Dynamics.Fields;
using Dynamics.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Analysis;

/// <summary>
/// Finds the equilibria f(t, y) = 0 of a field in a box: Newton's method from a grid of seeds (each step solves
/// J Δ = f by LU decomposition, falling back to the SVD pseudo-inverse where J is singular, as on a line of
/// equilibria), keeps the converged points inside the box whose residual is small, merges duplicates and classifies
/// each from the eigenvalues of its Jacobian (<see cref="FixedPoint.Classify"/>).
/// </summary>
public static class FixedPoints
{
    /// <summary>Finds the equilibria of a planar field in [xRange] × [yRange].</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">A field of dimension 2.</param>
    /// <param name="xRange">The range of the first component.</param>
    /// <param name="yRange">The range of the second component.</param>
    /// <param name="options">The search options (default <see cref="FixedPointOptions.Default"/>).</param>
    /// <returns>The distinct equilibria, sorted by their coordinates.</returns>
    public static IReadOnlyList<FixedPoint> Find<TField>(TField field, Interval xRange, Interval yRange, FixedPointOptions? options = null)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        if (field.Dimension != 2)
            throw new ArgumentException($"field has dimension {field.Dimension}; give one interval per component with the other overload.", nameof(field));
        xRange.Validate(nameof(xRange));
        yRange.Validate(nameof(yRange));
        return Find(field, [xRange, yRange], options);
    }

    /// <summary>Finds the equilibria of an n-dimensional field in the box box[0] × … × box[n − 1].</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="box">One interval per component.</param>
    /// <param name="options">The search options (default <see cref="FixedPointOptions.Default"/>).</param>
    /// <returns>The distinct equilibria, sorted by their coordinates.</returns>
    public static IReadOnlyList<FixedPoint> Find<TField>(TField field, IReadOnlyList<Interval> box, FixedPointOptions? options = null)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(box);
        options ??= FixedPointOptions.Default;
        int n = field.Dimension;
        Require.Length(box.Count, n, nameof(box));
        for (int i = 0; i < n; i++) box[i].Validate($"{nameof(box)}[{i}]");
        int seeds = options.SeedsPerAxis ?? Math.Min(16, (int)Math.Floor(Math.Pow(4096, 1.0 / n) + 1e-9));
        Validate(options, seeds, n);

        double diagonal = 0;
        for (int i = 0; i < n; i++) diagonal += box[i].Width * box[i].Width;
        diagonal = Math.Sqrt(diagonal);
        var found = new List<(double[] Point, double Residual)>();
        var seed = new double[n];
        var index = new int[n];
        long total = (long)Math.Pow(seeds, n);
        for (long s = 0; s < total; s++)
        {
            long rest = s;
            for (int i = 0; i < n; i++)
            {
                index[i] = (int)(rest % seeds);
                rest /= seeds;
                seed[i] = box[i].At((index[i] + 0.5) / seeds);
            }

            if (Newton(field, seed, box, options) is { } root) Merge(found, root, options.DuplicateDistance * diagonal);
        }

        found.Sort((a, b) => CompareLexicographically(a.Point, b.Point));
        var points = new List<FixedPoint>(found.Count);
        foreach (var (point, residual) in found)
        {
            var linearisation = LinearStability.At(field, point, options.Time);
            points.Add(new FixedPoint(point, FixedPoint.Classify(linearisation.Eigenvalues, options.ClassificationTolerance), linearisation, residual));
        }

        return points;
    }

    private static void Validate(FixedPointOptions options, int seeds, int dimension)
    {
        Require.AtLeast(seeds, 1, nameof(options.SeedsPerAxis));
        if (Math.Pow(seeds, dimension) > 1e6)
            throw new ArgumentOutOfRangeException(nameof(options), $"SeedsPerAxis = {seeds} in {dimension} dimensions gives more than 1,000,000 Newton seeds.");
        Require.AtLeast(options.MaxIterations, 1, nameof(options.MaxIterations));
        Require.Positive(options.StepTolerance, nameof(options.StepTolerance));
        Require.Positive(options.ResidualTolerance, nameof(options.ResidualTolerance));
        Require.Positive(options.DuplicateDistance, nameof(options.DuplicateDistance));
        Require.NonNegative(options.ClassificationTolerance, nameof(options.ClassificationTolerance));
        Require.Finite(options.Time, nameof(options.Time));
    }

    // One Newton run; null when it diverges, leaves the neighbourhood of the box, or ends with a large residual.
    private static (double[] Point, double Residual)? Newton<TField>(TField field, double[] seed, IReadOnlyList<Interval> box, FixedPointOptions options)
        where TField : IVectorField
    {
        int n = seed.Length;
        var y = (double[])seed.Clone();
        var f = new double[n];
        for (int iteration = 0; iteration < options.MaxIterations; iteration++)
        {
            field.Evaluate(options.Time, y, f);
            if (!AllFinite(f)) return null;
            var step = Solve(Jacobian.At(field, options.Time, y), f);
            double stepSize = 0, size = 0;
            for (int i = 0; i < n; i++)
            {
                y[i] -= step[i];
                stepSize = Math.Max(stepSize, Math.Abs(step[i]));
                size = Math.Max(size, Math.Abs(y[i]));
            }

            if (!double.IsFinite(stepSize) || FarOutside(y, box)) return null;
            if (stepSize <= options.StepTolerance * (1 + size)) break;
        }

        field.Evaluate(options.Time, y, f);
        double residual = 0;
        for (int i = 0; i < n; i++) residual = Math.Max(residual, Math.Abs(f[i]));
        if (!(residual <= options.ResidualTolerance)) return null;
        for (int i = 0; i < n; i++)
        {
            // Rounding may put a root that sits exactly on the boundary a hair outside it.
            double slack = 1e-9 * box[i].Width;
            if (y[i] < box[i].Min - slack || y[i] > box[i].Max + slack) return null;
        }

        return (y, residual);
    }

    private static double[] Solve(Matrix<double> jacobian, double[] f)
    {
        var rhs = Vector<double>.Build.DenseOfArray(f);
        var lu = jacobian.LU();
        if (lu.Determinant != 0)
        {
            var step = lu.Solve(rhs).ToArray();
            if (AllFinite(step)) return step;
        }

        // Singular J (a non-isolated or degenerate equilibrium): the least-norm Gauss–Newton step.
        return (jacobian.PseudoInverse() * rhs).ToArray();
    }

    private static bool FarOutside(double[] y, IReadOnlyList<Interval> box)
    {
        for (int i = 0; i < y.Length; i++)
        {
            if (y[i] < box[i].Min - 10 * box[i].Width || y[i] > box[i].Max + 10 * box[i].Width) return true;
        }

        return false;
    }

    private static void Merge(List<(double[] Point, double Residual)> found, (double[] Point, double Residual) root, double distance)
    {
        for (int k = 0; k < found.Count; k++)
        {
            double d = 0;
            for (int i = 0; i < root.Point.Length; i++) d = Math.Max(d, Math.Abs(found[k].Point[i] - root.Point[i]));
            if (d > distance) continue;
            if (root.Residual < found[k].Residual) found[k] = root;
            return;
        }

        found.Add(root);
    }

    private static int CompareLexicographically(double[] a, double[] b)
    {
        for (int i = 0; i < a.Length; i++)
        {
            int c = a[i].CompareTo(b[i]);
            if (c != 0) return c;
        }

        return 0;
    }

    private static bool AllFinite(double[] values)
    {
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) return false;
        }

        return true;
    }
}
