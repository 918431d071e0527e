using System.Runtime.CompilerServices;
using Dynamics.Distributions;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Diffusion;

/// <summary>
/// The probability-flow ODE of an isotropic Gaussian mixture Σ_k w_k N(μ_k, s_k²I) in Karras et al. (2022)'s scaled
/// variables: dy/ds = ε*(y; s) = −s∇log p_s(y), where p_s = Σ_k w_k N(μ_k, (s_k² + s²)I) is the law of y = x₀ + sε. The
/// time is the noise level s. Every diffusion's flow is this one ODE with y = x/a and s = σ/a (docs/diffusion.md), so
/// a sampler integrates it from s = σ(T)/a(T) down and rescales the end point by a. As a lane field
/// (<see cref="ILaneField"/>) every SIMD lane carries its own sample and its own s, so per-sample adaptive steps run
/// through <c>Ensemble.Solve(problem, method, EnsembleStrategy.SimdLanes, options)</c>.
/// </summary>
/// <remarks>
/// ε* = s·Σ_k γ_k (y − μ_k)/(s_k² + s²) with γ_k the responsibilities, by two passes over the components: the largest
/// log-weight l_k = log w_k − ½d·log(s_k² + s²) − ‖y − μ_k‖²/(2(s_k² + s²)), then e^{l_k − max} (nothing overflows far
/// from the data). When every s_k is equal the log-determinant is common to all components and is not computed.
/// The field reads no parameters: the members differ only in their initial states.
/// </remarks>
public readonly struct IsotropicMixtureFlow : ILaneField
{
    private readonly double[] _means;
    private readonly double[] _variances;
    private readonly double[] _logWeights;
    private readonly bool _sharedVariance;

    /// <summary>Creates the flow of <paramref name="data"/>.</summary>
    /// <param name="data">An isotropic mixture (every covariance s_k²I, s_k ≥ 0).</param>
    /// <exception cref="ArgumentException">A component's covariance is not a multiple of the identity.</exception>
    public IsotropicMixtureFlow(GaussianMixture data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (!data.IsIsotropic)
            throw new ArgumentException("The mixture's covariances must all be multiples of the identity (GaussianMixture.Isotropic).", nameof(data));
        int k = data.ComponentCount;
        Dimension = data.Dimension;
        _means = data.MeansData.ToArray();
        _variances = new double[k];
        _logWeights = new double[k];
        for (int c = 0; c < k; c++)
        {
            _variances[c] = data.Covariance(c)[0];
            _logWeights[c] = Math.Log(data.Weights[c]);
        }

        double first = _variances[0];
        _sharedVariance = Array.TrueForAll(_variances, v => v == first);
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    // Compiled as its own method, never inlined into the ensemble's lane evaluation: the JIT's inlining budget is a
    // multiple of the root method's size, and the lane workspace's small EvaluateLanes ran out of it under tiered PGO,
    // which inlined this body but left the Lane512Pair operations inside it as calls (PF-ODE sampling 6–37× slower than
    // with DOTNET_TieredPGO=0). As a root of its own it gets a budget that covers every lane operation; the one call per
    // evaluation of 16 samples is negligible.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        int d = Dimension;
        int components = _logWeights.Length;
        var s2 = t * t;
        var shared = _sharedVariance ? T.Create(1) / (T.Create(_variances[0]) + s2) : default;
        var max = T.Create(double.NegativeInfinity);
        for (int k = 0; k < components; k++) max = T.Max(max, LogWeight(k, s2, shared, y, out _));

        var sum = T.Create(0);
        for (int j = 0; j < d; j++) dydt[j] = T.Create(0);
        for (int k = 0; k < components; k++)
        {
            var e = T.Exp(LogWeight(k, s2, shared, y, out var precision) - max);
            sum += e;
            var weight = e * precision;
            for (int j = 0; j < d; j++) dydt[j] = T.MultiplyAdd(weight, y[j] - T.Create(_means[k * d + j]), dydt[j]);
        }

        var factor = t / sum;
        for (int j = 0; j < d; j++) dydt[j] = dydt[j] * factor;
    }

    // l_k up to the constant −½d·log 2π (and, with a shared variance, the common log-determinant), and the precision
    // 1/(s_k² + s²) (the shared one, computed once per evaluation, when every s_k is equal).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T LogWeight<T, TVector>(int k, T s2, T sharedPrecision, in TVector y, out T precision)
        where T : struct, IFieldNumber<T>
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        int d = Dimension;
        var variance = T.Create(_variances[k]) + s2;
        precision = _sharedVariance ? sharedPrecision : T.Create(1) / variance;
        var squared = T.Create(0);
        for (int j = 0; j < d; j++)
        {
            var difference = y[j] - T.Create(_means[k * d + j]);
            squared = T.MultiplyAdd(difference, difference, squared);
        }

        var l = T.MultiplyAdd(T.Create(-0.5) * precision, squared, T.Create(_logWeights[k]));
        return _sharedVariance ? l : T.MultiplyAdd(T.Create(-0.5 * d), T.Log(variance), l);
    }
}
