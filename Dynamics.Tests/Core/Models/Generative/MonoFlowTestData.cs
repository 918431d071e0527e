using Dynamics.Distributions;

namespace Dynamics.Tests.Core.Models.Generative;

/// <summary>Shared laws of the MonoFlow tests: MonoFlow's notebook target Σ_p = LLᵀ, L = [[1, 0], [0.8, 0.5]].</summary>
internal static class MonoFlowTestData
{
    public static readonly double[] TargetCovariance = [1, 0.8, 0.8, 0.89];

    public static GaussianMixture Target() => new([1.0], [0.0, 0.0], TargetCovariance);

    public static GaussianMixture Gaussian(double[] mean, double[] covariance) => new([1.0], mean, covariance);

    /// <summary>Two components at (±1.5, 0), sd 0.5, weights 0.3/0.7.</summary>
    public static GaussianMixture Mixture() => GaussianMixture.Isotropic([0.3, 0.7], [-1.5, 0, 1.5, 0], [0.5, 0.5]);

    public static double[] Sample(GaussianMixture law, int count, ulong seed)
    {
        var points = new double[law.Dimension * count];
        law.Sample(seed, 0, count, points, default);
        return points;
    }
}
