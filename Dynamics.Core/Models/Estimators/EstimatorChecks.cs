using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>The argument checks the estimators share, so every entry point names the bad value the same way.</summary>
internal static class EstimatorChecks
{
    public static void Arguments(ReadOnlySpan<double> parameters, int dimension, long index, Span<double> gradient)
    {
        Require.Length(parameters.Length, dimension, nameof(parameters));
        Require.Length(gradient.Length, dimension, nameof(gradient));
        Require.AllFinite(parameters, nameof(parameters));
        if (index < 0) throw new ArgumentOutOfRangeException(nameof(index), index, $"index must be ≥ 0, but was {index}.");
    }

    public static void PositiveScale(double sigma)
    {
        if (!(sigma > 0)) throw new ArgumentOutOfRangeException("parameters", sigma, $"parameters[1] = σ must be > 0, but was {Require.Format(sigma)}.");
    }

    public static void Samples(int samples, ScoreBaseline baseline)
    {
        Require.AtLeast(samples, baseline.Kind == ScoreBaselineKind.LeaveOneOut ? 2 : 1, nameof(samples));
    }
}
