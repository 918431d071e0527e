using Dynamics.Validation;

namespace Dynamics.Trajectories;

/// <summary>
/// A path recorded at discrete times: the times and the states, row-major. The base of every result that is a recorded
/// path: ODE solutions, iterated maps (<see cref="Maps.MapTrajectory"/>) and SDE sample paths.
/// </summary>
public abstract class SampledPath
{
    private readonly double[] _times, _states;

    /// <summary>Wraps recorded times and states.</summary>
    /// <param name="dimension">The state length n ≥ 1.</param>
    /// <param name="times">The recorded times (empty only when a solve recorded nothing, e.g. it failed before its first requested time).</param>
    /// <param name="states">The recorded states, row-major (state k at k·n … k·n + n − 1).</param>
    protected SampledPath(int dimension, double[] times, double[] states)
    {
        Require.AtLeast(dimension, 1, nameof(dimension));
        ArgumentNullException.ThrowIfNull(times);
        ArgumentNullException.ThrowIfNull(states);
        Require.Length(states.Length, times.Length * dimension, nameof(states));
        Dimension = dimension;
        _times = times;
        _states = states;
    }

    /// <summary>The state length n.</summary>
    public int Dimension { get; }

    /// <summary>The recorded times.</summary>
    public IReadOnlyList<double> Times => _times;

    /// <summary>All recorded states, row-major.</summary>
    public ReadOnlySpan<double> States => _states;

    /// <summary>The number of recorded states.</summary>
    public int Count => _times.Length;

    /// <summary>The recorded state number <paramref name="index"/>.</summary>
    /// <param name="index">0 … <see cref="Count"/> − 1.</param>
    /// <returns>A read-only view of the state.</returns>
    public ReadOnlySpan<double> State(int index)
    {
        if ((uint)index >= (uint)_times.Length)
            throw new ArgumentOutOfRangeException(nameof(index), index, $"index must lie in [0, {_times.Length - 1}], but was {index}.");
        return _states.AsSpan(index * Dimension, Dimension);
    }

    /// <summary>The series of one component over the recorded states.</summary>
    /// <param name="component">0 … n − 1.</param>
    /// <returns>A new array of length <see cref="Count"/>.</returns>
    public double[] Component(int component)
    {
        if ((uint)component >= (uint)Dimension)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"component must lie in [0, {Dimension - 1}], but was {component}.");
        var series = new double[_times.Length];
        for (int i = 0; i < series.Length; i++) series[i] = _states[i * Dimension + component];
        return series;
    }

    /// <summary>
    /// Writes the path as CSV: a header <c>t,name₀,…</c>, then one row per recorded state, invariant culture and
    /// round-trip precision (see <see cref="PathCsv"/>).
    /// </summary>
    /// <param name="writer">The destination (not closed).</param>
    /// <param name="componentNames">One header name per component, e.g. <c>PathCsv.ComponentNames(field)</c> (default y0, y1, …).</param>
    public void WriteCsv(TextWriter writer, IReadOnlyList<string>? componentNames = null) => PathCsv.Write(this, writer, componentNames);

    /// <summary>Writes the path as CSV to a file, atomically (temporary file, then rename); see <see cref="PathCsv"/>.</summary>
    /// <param name="file">The target file.</param>
    /// <param name="componentNames">One header name per component, e.g. <c>PathCsv.ComponentNames(field)</c> (default y0, y1, …).</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="IOException">The file or its folder cannot be written; the message names the path.</exception>
    public string WriteCsv(string file, IReadOnlyList<string>? componentNames = null) => PathCsv.Write(this, file, componentNames);
}
