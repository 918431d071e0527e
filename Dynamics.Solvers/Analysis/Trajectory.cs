using Dynamics.Validation;

namespace Dynamics.Solvers.Analysis;

/// <summary>
/// A computed trajectory as plain data: times and states (row-major, state k at k·n … k·n + n − 1), typically sampled
/// densely enough to draw as a smooth curve. Unlike a <see cref="Solution"/> it can be reversed and joined, e.g. to
/// put a backward and a forward solve from the same start into one path.
/// </summary>
/// <param name="Times">The times, monotone (increasing or decreasing).</param>
/// <param name="States">The states, row-major, <see cref="Dimension"/> values per time.</param>
/// <param name="Dimension">The state dimension n.</param>
public sealed record Trajectory(double[] Times, double[] States, int Dimension)
{
    /// <summary>The number of points.</summary>
    public int Count => Times.Length;

    /// <summary>State number <paramref name="index"/>.</summary>
    /// <param name="index">0 … Count − 1.</param>
    /// <returns>A read-only view.</returns>
    public ReadOnlySpan<double> State(int index) => States.AsSpan(index * Dimension, Dimension);

    /// <summary>One component along the trajectory.</summary>
    /// <param name="component">0 … n − 1.</param>
    /// <returns>A new array of length <see cref="Count"/>.</returns>
    public double[] Component(int component)
    {
        Require.Component(component, Dimension, nameof(component));
        var values = new double[Count];
        for (int k = 0; k < values.Length; k++) values[k] = States[k * Dimension + component];
        return values;
    }

    /// <summary>The recorded times and states of a solution, as they are.</summary>
    /// <param name="solution">The solution.</param>
    /// <returns>The trajectory.</returns>
    public static Trajectory Of(Solution solution)
    {
        ArgumentNullException.ThrowIfNull(solution);
        return new Trajectory([.. solution.Times], solution.States.ToArray(), solution.Dimension);
    }

    /// <summary>
    /// A dense solution sampled at its steps plus <paramref name="pointsPerStep"/> − 1 interpolated points inside each
    /// step: the sampling follows the step sizes, dense where the solution turns quickly and sparse where it is
    /// straight, so the curve is smooth at every zoom a figure needs.
    /// </summary>
    /// <param name="solution">A solution solved with <see cref="SaveAt.Dense"/>.</param>
    /// <param name="pointsPerStep">Points per step, at least 1 (1 gives the steps themselves).</param>
    /// <returns>The trajectory.</returns>
    public static Trajectory Refine(Solution solution, int pointsPerStep)
    {
        ArgumentNullException.ThrowIfNull(solution);
        Require.AtLeast(pointsPerStep, 1, nameof(pointsPerStep));
        if (!solution.HasDenseOutput)
            throw new ArgumentException("solution has no dense output; solve with SaveAt = SaveAt.Dense.", nameof(solution));
        int n = solution.Dimension, steps = solution.Count - 1;
        var times = new List<double>(steps * pointsPerStep + 1);
        var states = new List<double>((steps * pointsPerStep + 1) * n);
        var scratch = new double[n];
        times.Add(solution.Times[0]);
        states.AddRange(solution.State(0));
        for (int k = 0; k < steps; k++)
        {
            double t0 = solution.Times[k], t1 = solution.Times[k + 1];
            for (int m = 1; m < pointsPerStep && t1 != t0; m++)
            {
                double t = t0 + (t1 - t0) * m / pointsPerStep;
                solution.Evaluate(t, scratch);
                times.Add(t);
                states.AddRange(scratch);
            }

            times.Add(t1);
            states.AddRange(solution.State(k + 1));
        }

        return new Trajectory([.. times], [.. states], n);
    }

    /// <summary>The same points in reverse order.</summary>
    /// <returns>The reversed trajectory.</returns>
    public Trajectory Reversed()
    {
        var times = new double[Count];
        var states = new double[States.Length];
        for (int k = 0; k < Count; k++)
        {
            times[k] = Times[Count - 1 - k];
            Array.Copy(States, (Count - 1 - k) * Dimension, states, k * Dimension, Dimension);
        }

        return new Trajectory(times, states, Dimension);
    }

    /// <summary>This trajectory followed by <paramref name="next"/>, dropping next's first point when it repeats this one's last.</summary>
    /// <param name="next">A trajectory of the same dimension.</param>
    /// <returns>The joined trajectory.</returns>
    public Trajectory Then(Trajectory next)
    {
        ArgumentNullException.ThrowIfNull(next);
        if (next.Dimension != Dimension)
            throw new ArgumentException($"next has dimension {next.Dimension}, but this trajectory has {Dimension}.", nameof(next));
        bool repeats = Count > 0 && next.Count > 0 && next.State(0).SequenceEqual(State(Count - 1));
        int skip = repeats ? 1 : 0;
        return new Trajectory([.. Times, .. next.Times.AsSpan(skip)], [.. States, .. next.States.AsSpan(skip * Dimension)], Dimension);
    }
}
