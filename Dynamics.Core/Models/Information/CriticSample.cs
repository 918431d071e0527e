using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// N pairs (xᵢ, zᵢ) drawn from a <see cref="CorrelatedGaussian"/> with the critic features of the positives (xᵢ, zᵢ) and
/// of S negatives per positive, (x₍ᵢ₊ₛ₎ mod N, zᵢ) for s = 1 … S: shifting the batch pairs each z with x's of other,
/// independent draws, i.e. samples of the product of marginals (Su's batch shuffle, kexue.fm/archives/6024). The
/// positive pair is (x, z), as the article's text says (docs/corrections.md, E5: the reference code pairs z with itself).
/// </summary>
public sealed class CriticSample
{
    private readonly double[] _x, _z, _positive, _negative;

    /// <summary>Draws pairs first … first + N − 1 and builds the features.</summary>
    /// <param name="source">The distribution.</param>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="count">N ≥ 2.</param>
    /// <param name="negativesPerPositive">S ∈ [1, N − 1].</param>
    /// <param name="first">The index of the first pair (independent datasets use disjoint ranges).</param>
    public CriticSample(CorrelatedGaussian source, ulong seed, int count, int negativesPerPositive = 1, long first = 0)
    {
        ArgumentNullException.ThrowIfNull(source);
        Require.AtLeast(count, 2, nameof(count));
        Require.AtLeast(negativesPerPositive, 1, nameof(negativesPerPositive));
        if (negativesPerPositive > count - 1)
            throw new ArgumentOutOfRangeException(nameof(negativesPerPositive), negativesPerPositive, $"negativesPerPositive must be at most count − 1 = {count - 1}, but was {negativesPerPositive}.");
        if (first < 0) throw new ArgumentOutOfRangeException(nameof(first), first, $"first must be ≥ 0, but was {first}.");
        int d = source.Dimensions, f = QuadraticCritic.ParameterCount;
        Count = count;
        Dimensions = d;
        NegativesPerPositive = negativesPerPositive;
        _x = new double[count * d];
        _z = new double[count * d];
        for (int i = 0; i < count; i++) source.Sample(seed, first + i, _x.AsSpan(i * d, d), _z.AsSpan(i * d, d));
        _positive = new double[count * f];
        _negative = new double[(long)count * negativesPerPositive * f];
        for (int i = 0; i < count; i++)
        {
            QuadraticCritic.Features(X(i), Z(i), _positive.AsSpan(i * f, f));
            for (int s = 1; s <= negativesPerPositive; s++)
                QuadraticCritic.Features(X((i + s) % count), Z(i), _negative.AsSpan((i * negativesPerPositive + s - 1) * f, f));
        }
    }

    /// <summary>N.</summary>
    public int Count { get; }

    /// <summary>d.</summary>
    public int Dimensions { get; }

    /// <summary>S.</summary>
    public int NegativesPerPositive { get; }

    /// <summary>The number of negative pairs N·S.</summary>
    public int NegativeCount => Count * NegativesPerPositive;

    /// <summary>All positive features, pair-major (6 per pair), for the loops that sweep them.</summary>
    internal ReadOnlySpan<double> AllPositiveFeatures => _positive;

    /// <summary>All negative features, pair-major (6 per pair).</summary>
    internal ReadOnlySpan<double> AllNegativeFeatures => _negative;

    /// <summary>xᵢ.</summary>
    /// <param name="index">i.</param>
    /// <returns>xᵢ, length d.</returns>
    public ReadOnlySpan<double> X(int index) => _x.AsSpan(index * Dimensions, Dimensions);

    /// <summary>zᵢ.</summary>
    /// <param name="index">i.</param>
    /// <returns>zᵢ, length d.</returns>
    public ReadOnlySpan<double> Z(int index) => _z.AsSpan(index * Dimensions, Dimensions);

    /// <summary>The features of positive pair i.</summary>
    /// <param name="index">i ∈ [0, N).</param>
    /// <returns>φ(xᵢ, zᵢ).</returns>
    public ReadOnlySpan<double> PositiveFeatures(int index) => _positive.AsSpan(index * QuadraticCritic.ParameterCount, QuadraticCritic.ParameterCount);

    /// <summary>The features of negative pair j.</summary>
    /// <param name="index">j ∈ [0, N·S).</param>
    /// <returns>φ of the j-th negative pair.</returns>
    public ReadOnlySpan<double> NegativeFeatures(int index) => _negative.AsSpan(index * QuadraticCritic.ParameterCount, QuadraticCritic.ParameterCount);
}
