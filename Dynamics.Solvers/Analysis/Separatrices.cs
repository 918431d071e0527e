using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Validation;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// Traces the separatrices of a saddle: the one-dimensional stable and unstable manifolds, which leave the saddle
/// tangent to the eigenvectors of its real eigenvalues (the stable/unstable manifold theorem; Guckenheimer &amp; Holmes
/// §1.3). Each branch starts a small offset from the saddle along ±v and is integrated forwards in time (unstable,
/// λ &gt; 0) or backwards (stable, λ &lt; 0). An eigen-direction is traced when its eigenvalue is real and the only one
/// with its sign of real part, so its manifold is a curve: both manifolds of a planar saddle, and the one-dimensional
/// manifold of a saddle in higher dimensions (e.g. the unstable manifold of the Lorenz origin).
/// </summary>
public static class Separatrices
{
    /// <summary>Traces every one-dimensional manifold branch of <paramref name="saddle"/>.</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="saddle">An equilibrium of the field (usually of class Saddle or SaddleFocus).</param>
    /// <param name="options">The options (default <see cref="SeparatrixOptions.Default"/>).</param>
    /// <returns>The branches: for each traced eigen-direction, the +v branch then the −v branch; empty if none qualifies.</returns>
    public static IReadOnlyList<Separatrix> Trace<TField>(TField field, FixedPoint saddle, SeparatrixOptions? options = null)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        ArgumentNullException.ThrowIfNull(saddle);
        options ??= SeparatrixOptions.Default;
        int n = field.Dimension;
        Require.Length(saddle.Point.Length, n, nameof(saddle));
        Validate(options, n);

        double scale = 1;
        foreach (double c in saddle.Point) scale = Math.Max(scale, Math.Abs(c));
        double offset = options.Offset * scale;
        var starts = new List<double[]>();
        var labels = new List<(ManifoldKind Kind, double Eigenvalue, int Branch)>();
        var eigenvalues = saddle.Eigenvalues;
        for (int k = 0; k < eigenvalues.Count; k++)
        {
            if (!IsOneDimensional(eigenvalues, k, saddle.Class)) continue;
            var direction = UnitEigenvector(saddle, k);
            var kind = eigenvalues[k].Real > 0 ? ManifoldKind.Unstable : ManifoldKind.Stable;
            foreach (int branch in new[] { 1, -1 })
            {
                var start = new double[n];
                for (int i = 0; i < n; i++) start[i] = saddle.Point[i] + branch * offset * direction[i];
                starts.Add(start);
                labels.Add((kind, eigenvalues[k].Real, branch));
            }
        }

        var solverOptions = SolverOptionsFor(options);
        var unstable = Enumerable.Range(0, starts.Count).Where(k => labels[k].Kind == ManifoldKind.Unstable).ToArray();
        var stable = Enumerable.Range(0, starts.Count).Where(k => labels[k].Kind == ManifoldKind.Stable).ToArray();
        var solutions = new Solution[starts.Count];
        Scatter(solutions, unstable, TrajectoryBatch.Solve(field, [.. unstable.Select(k => starts[k])], 0, options.Duration, options.Method, solverOptions));
        Scatter(solutions, stable, TrajectoryBatch.Solve(field, [.. stable.Select(k => starts[k])], 0, -options.Duration, options.Method, solverOptions));
        var separatrices = new List<Separatrix>(starts.Count);
        for (int k = 0; k < starts.Count; k++)
        {
            var path = Trajectory.Refine(solutions[k], options.PointsPerStep);
            if (labels[k].Kind == ManifoldKind.Stable) path = path.Reversed();
            separatrices.Add(new Separatrix(saddle, labels[k].Kind, labels[k].Eigenvalue, labels[k].Branch, path, solutions[k].Status));
        }

        return separatrices;
    }

    private static void Scatter(Solution[] target, int[] indices, Solution[] values)
    {
        for (int m = 0; m < indices.Length; m++) target[indices[m]] = values[m];
    }

    private static void Validate(SeparatrixOptions options, int dimension)
    {
        Require.Positive(options.Offset, nameof(options.Offset));
        Require.Positive(options.Duration, nameof(options.Duration));
        Require.Positive(options.Tolerance, nameof(options.Tolerance));
        Require.AtLeast(options.PointsPerStep, 1, nameof(options.PointsPerStep));
        ArgumentNullException.ThrowIfNull(options.Method, nameof(options.Method));
        Require.Component(options.XComponent, dimension, nameof(options.XComponent));
        Require.Component(options.YComponent, dimension, nameof(options.YComponent));
        if (options.XRange is { } x) x.Validate(nameof(options.XRange));
        if (options.YRange is { } y) y.Validate(nameof(options.YRange));
    }

    private static SolverOptions SolverOptionsFor(SeparatrixOptions options)
    {
        var solverOptions = SolverOptions.WithTolerance(options.Tolerance) with { SaveAt = SaveAt.Dense };
        if (options.XRange is null && options.YRange is null) return solverOptions;
        var open = new Interval(double.NegativeInfinity, double.PositiveInfinity);
        return solverOptions with { Events = [WindowExit.Stop(options.XComponent, options.XRange ?? open, options.YComponent, options.YRange ?? open)] };
    }

    private static bool IsOneDimensional(IReadOnlyList<System.Numerics.Complex> eigenvalues, int k, FixedPointClass type)
    {
        if (type is not (FixedPointClass.Saddle or FixedPointClass.SaddleFocus)) return false;
        var lambda = eigenvalues[k];
        double scale = 0;
        foreach (var e in eigenvalues) scale = Math.Max(scale, System.Numerics.Complex.Abs(e));
        double zero = FixedPoint.DefaultClassificationTolerance * scale;
        if (Math.Abs(lambda.Imaginary) > zero || Math.Abs(lambda.Real) <= zero) return false;
        int sameSign = 0;
        foreach (var e in eigenvalues)
        {
            if (Math.Sign(e.Real) == Math.Sign(lambda.Real) && Math.Abs(e.Real) > zero) sameSign++;
        }

        return sameSign == 1;
    }

    private static double[] UnitEigenvector(FixedPoint saddle, int k)
    {
        // A real eigenvalue has a real eigenvector (MathNet returns it in the real parts).
        var column = saddle.Eigenvectors.Column(k);
        var v = new double[column.Count];
        double norm = 0;
        for (int i = 0; i < v.Length; i++)
        {
            v[i] = column[i].Real;
            norm += v[i] * v[i];
        }

        norm = Math.Sqrt(norm);
        for (int i = 0; i < v.Length; i++) v[i] /= norm;
        return v;
    }
}
