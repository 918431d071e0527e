using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>The argument checks every <see cref="ILogRatioSource"/> shares.</summary>
internal static class LogRatioChecks
{
    public static void Arguments(ReadOnlySpan<double> particles, int count, int dimension, Span<double> logRatio, Span<double> gradient, int minimumCount)
    {
        Require.AtLeast(count, minimumCount, nameof(count));
        Require.Length(particles.Length, dimension * count, nameof(particles));
        Require.Length(logRatio.Length, count, nameof(logRatio));
        Require.Length(gradient.Length, dimension * count, nameof(gradient));
    }
}
