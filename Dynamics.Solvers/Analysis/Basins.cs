using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Solvers.Events;
using Dynamics.Validation;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// Basins of attraction over a grid of starts: every node of a plane grid is integrated (through
/// <see cref="TrajectoryBatch"/>) until it comes within a capture radius of one of the given attractors, which stops
/// it, or until a time limit. The label is the attractor reached.
/// </summary>
public static class Basins
{
    /// <summary>Computes the basin map.</summary>
    /// <typeparam name="TField">The field type; it must be safe to evaluate from several threads at once.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="slice">How grid points map to states (the other components are held at the slice's base state).</param>
    /// <param name="grid">The starts.</param>
    /// <param name="attractors">The attracting equilibria (full states), at least one.</param>
    /// <param name="options">The options (default <see cref="BasinOptions.Default"/>).</param>
    /// <returns>The map.</returns>
    public static BasinMap Compute<TField>(TField field, PlaneSlice slice, PlaneGrid grid, IReadOnlyList<double[]> attractors, BasinOptions? options = null)
        where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(slice);
        slice.Validate(field, nameof(field));
        grid.Validate(nameof(grid));
        ArgumentNullException.ThrowIfNull(attractors);
        if (attractors.Count == 0) throw new ArgumentException("attractors must contain at least one state.", nameof(attractors));
        for (int a = 0; a < attractors.Count; a++)
        {
            ArgumentNullException.ThrowIfNull(attractors[a], $"attractors[{a}]");
            Require.Length(attractors[a].Length, slice.Dimension, $"attractors[{a}]");
            Require.AllFinite(attractors[a], $"attractors[{a}]");
        }

        options ??= BasinOptions.Default;
        Require.Positive(options.MaxTime, nameof(options.MaxTime));
        Require.Positive(options.CaptureRadius, nameof(options.CaptureRadius));
        Require.Positive(options.Tolerance, nameof(options.Tolerance));
        ArgumentNullException.ThrowIfNull(options.Method, nameof(options.Method));

        var targets = attractors.Select(a => (double[])a.Clone()).ToArray();
        double radius = options.CaptureRadius;
        double Outside(double t, ReadOnlySpan<double> y) => NearestDistance(targets, y).Distance - radius;
        var solverOptions = SolverOptions.WithTolerance(options.Tolerance) with
        {
            SaveAt = SaveAt.End,
            Events = [OdeEvent.Stop("captured", Outside, EventDirection.Falling)],
            // Checking the capture condition once per step suffices: a step that grazes a ball and leaves it again is
            // simply followed on until the trajectory settles inside one.
            EventSamplesPerStep = 1,
        };
        var starts = new double[grid.Count][];
        for (int j = 0; j < grid.Rows; j++)
        {
            for (int i = 0; i < grid.Columns; i++) starts[grid.IndexOf(i, j)] = slice.Lift(grid.XAt(i), grid.YAt(j));
        }

        var solutions = TrajectoryBatch.Solve(field, starts, 0, options.MaxTime, options.Method, solverOptions);
        var labels = new int[grid.Count];
        for (int m = 0; m < labels.Length; m++)
        {
            // A start inside a capture ball never crosses its surface, so it is labelled by where it ends as well; the
            // event puts the end on the surface up to rounding, hence the relative slack.
            var (index, distance) = NearestDistance(targets, solutions[m].FinalState);
            labels[m] = solutions[m].IsSuccess && distance <= radius * (1 + 1e-9) ? index : -1;
        }

        return new BasinMap(grid, slice, targets, labels);
    }

    private static (int Index, double Distance) NearestDistance(double[][] targets, ReadOnlySpan<double> y)
    {
        int best = -1;
        double nearest = double.PositiveInfinity;
        for (int a = 0; a < targets.Length; a++)
        {
            double sum = 0;
            for (int i = 0; i < y.Length; i++) sum += (y[i] - targets[a][i]) * (y[i] - targets[a][i]);
            if (sum < nearest)
            {
                nearest = sum;
                best = a;
            }
        }

        return (best, Math.Sqrt(nearest));
    }
}
