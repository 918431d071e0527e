namespace Dynamics.Fields;

/// <summary>The one length check a batch field makes per call, before its unchecked SIMD loads and stores.</summary>
public static class BatchLength
{
    /// <summary>Throws unless <paramref name="count"/> ≥ 0 and both spans hold <paramref name="dimension"/> × <paramref name="count"/> values.</summary>
    /// <param name="dimension">The member dimension n.</param>
    /// <param name="y">The states.</param>
    /// <param name="dydt">The derivatives.</param>
    /// <param name="count">The number of members.</param>
    public static void Check(int dimension, ReadOnlySpan<double> y, ReadOnlySpan<double> dydt, int count)
    {
        if (count < 0) throw new ArgumentOutOfRangeException(nameof(count), count, $"count must be at least 0, but was {count}.");
        long needed = (long)dimension * count;
        if (y.Length < needed)
            throw new ArgumentException($"y has length {y.Length}, but {dimension} components × {count} members need {needed}.", nameof(y));
        if (dydt.Length < needed)
            throw new ArgumentException($"dydt has length {dydt.Length}, but {dimension} components × {count} members need {needed}.", nameof(dydt));
    }
}
