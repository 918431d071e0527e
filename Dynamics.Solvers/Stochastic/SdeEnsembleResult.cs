namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// The final states of an ensemble of independent sample paths, member m driven by noise stream (seed, m), so the
/// result is identical whether the members run in parallel or serially.
/// </summary>
public sealed class SdeEnsembleResult
{
    private readonly double[] _finalStates;

    internal SdeEnsembleResult(int count, int dimension, double[] finalStates, int failures, string? firstFailure)
    {
        Count = count;
        Dimension = dimension;
        _finalStates = finalStates;
        Failures = failures;
        FirstFailure = firstFailure;
    }

    /// <summary>The number of members.</summary>
    public int Count { get; }

    /// <summary>The state dimension n.</summary>
    public int Dimension { get; }

    /// <summary>The final states, row-major (member m at m·n … m·n + n − 1); a failed member holds the non-finite state where it stopped.</summary>
    public ReadOnlySpan<double> FinalStates => _finalStates;

    /// <summary>How many members became non-finite.</summary>
    public int Failures { get; }

    /// <summary>The message of the lowest-numbered failed member, or null.</summary>
    public string? FirstFailure { get; }

    /// <summary>Component <paramref name="component"/> of every member's final state.</summary>
    /// <param name="component">0 … n − 1.</param>
    /// <returns>A new array of length <see cref="Count"/>.</returns>
    public double[] Component(int component)
    {
        if ((uint)component >= (uint)Dimension)
            throw new ArgumentOutOfRangeException(nameof(component), component, $"component must lie in [0, {Dimension - 1}], but was {component}.");
        var values = new double[Count];
        for (int m = 0; m < Count; m++) values[m] = _finalStates[m * Dimension + component];
        return values;
    }
}
