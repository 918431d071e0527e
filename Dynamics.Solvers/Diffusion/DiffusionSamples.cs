namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// The output of a diffusion sampler: the final samples (component-major, x[j·Count + m]), the number of score (noise
/// predictor) evaluations each sample cost, and the recorded paths of the first samples.
/// </summary>
public sealed class DiffusionSamples
{
    private readonly double[] _samples;
    private readonly double[] _paths;
    private readonly double[] _pathTimes;

    internal DiffusionSamples(string sampler, int dimension, int count, double[] samples, double scoreEvaluations, double[] pathTimes, double[] paths, int recorded)
    {
        Sampler = sampler;
        Dimension = dimension;
        Count = count;
        _samples = samples;
        ScoreEvaluations = scoreEvaluations;
        _pathTimes = pathTimes;
        _paths = paths;
        RecordedPaths = recorded;
    }

    /// <summary>The sampler's name, e.g. "DDIM".</summary>
    public string Sampler { get; }

    /// <summary>The dimension d.</summary>
    public int Dimension { get; }

    /// <summary>The number of samples.</summary>
    public int Count { get; }

    /// <summary>The samples, component-major: entry j·Count + m is coordinate j of sample m.</summary>
    public ReadOnlySpan<double> Samples => _samples;

    /// <summary>Score evaluations per sample (the average over samples for adaptive samplers).</summary>
    public double ScoreEvaluations { get; }

    /// <summary>The number of recorded paths.</summary>
    public int RecordedPaths { get; }

    /// <summary>The times (or noise levels) of the recorded path points, from the start (noise) to the end (data).</summary>
    public ReadOnlySpan<double> PathTimes => _pathTimes;

    /// <summary>Coordinate j of recorded sample r at every path point.</summary>
    /// <param name="sample">r &lt; <see cref="RecordedPaths"/>.</param>
    /// <param name="component">j &lt; d.</param>
    /// <returns>One value per entry of <see cref="PathTimes"/>.</returns>
    public double[] Path(int sample, int component)
    {
        if ((uint)sample >= (uint)RecordedPaths)
            throw new ArgumentOutOfRangeException(nameof(sample), sample, $"sample must lie in [0, {RecordedPaths}), but was {sample}.");
        if ((uint)component >= (uint)Dimension)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"component must lie in [0, {Dimension}), but was {component}.");
        var path = new double[_pathTimes.Length];
        for (int k = 0; k < path.Length; k++) path[k] = _paths[(k * Dimension + component) * RecordedPaths + sample];
        return path;
    }

    /// <summary>The final point of sample m (d entries, copied).</summary>
    /// <param name="sample">m &lt; Count.</param>
    /// <returns>The point.</returns>
    public double[] Sample(int sample)
    {
        if ((uint)sample >= (uint)Count)
            throw new ArgumentOutOfRangeException(nameof(sample), sample, $"sample must lie in [0, {Count}), but was {sample}.");
        var x = new double[Dimension];
        for (int j = 0; j < Dimension; j++) x[j] = _samples[j * Count + sample];
        return x;
    }
}
