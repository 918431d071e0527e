using Dynamics.Distributions;
using Dynamics.Numerics;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Statistics;

/// <summary>
/// Distances between samples and from a sample to a known law, for judging generative samplers. Samples are stored
/// component-major as everywhere in the project: x[j·n + i] = coordinate j of point i. Pairwise statistics cost
/// O(n·m·d) and are vectorised across points; they allocate one work buffer per call.
/// </summary>
public static class SampleMetrics
{
    /// <summary>The sample mean m̂ = (1/n) Σ_i x_i.</summary>
    /// <param name="points">d·n entries, component-major.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="mean">Receives m̂, d entries.</param>
    public static void Mean(ReadOnlySpan<double> points, int dimension, Span<double> mean)
    {
        int n = Count(points, dimension, nameof(points), 1);
        Require.Length(mean.Length, dimension, nameof(mean));
        for (int j = 0; j < dimension; j++)
        {
            double sum = 0;
            var row = points.Slice(j * n, n);
            for (int i = 0; i < n; i++) sum += row[i];
            mean[j] = sum / n;
        }
    }

    /// <summary>The unbiased sample covariance Ĉ = (1/(n − 1)) Σ_i (x_i − m̂)(x_i − m̂)ᵀ, row-major.</summary>
    /// <param name="points">d·n entries, component-major, n ≥ 2.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="covariance">Receives Ĉ, d·d entries.</param>
    public static void Covariance(ReadOnlySpan<double> points, int dimension, Span<double> covariance)
    {
        int n = Count(points, dimension, nameof(points), 2);
        Require.Length(covariance.Length, dimension * dimension, nameof(covariance));
        Span<double> mean = stackalloc double[dimension];
        Mean(points, dimension, mean);
        for (int a = 0; a < dimension; a++)
            for (int b = 0; b <= a; b++)
            {
                double sum = 0;
                var ra = points.Slice(a * n, n);
                var rb = points.Slice(b * n, n);
                for (int i = 0; i < n; i++) sum += (ra[i] - mean[a]) * (rb[i] - mean[b]);
                covariance[a * dimension + b] = covariance[b * dimension + a] = sum / (n - 1);
            }
    }

    /// <summary>The Euclidean error ‖m̂ − μ‖ of the sample mean against a true mean.</summary>
    /// <param name="points">d·n entries, component-major.</param>
    /// <param name="trueMean">μ, d entries.</param>
    /// <returns>The error.</returns>
    public static double MeanError(ReadOnlySpan<double> points, ReadOnlySpan<double> trueMean)
    {
        int d = trueMean.Length;
        Require.AllFinite(trueMean, nameof(trueMean));
        Span<double> mean = stackalloc double[d];
        Mean(points, d, mean);
        double sum = 0;
        for (int j = 0; j < d; j++) sum += (mean[j] - trueMean[j]) * (mean[j] - trueMean[j]);
        return Math.Sqrt(sum);
    }

    /// <summary>The Frobenius error ‖Ĉ − Σ‖_F of the unbiased sample covariance against a true covariance.</summary>
    /// <param name="points">d·n entries, component-major.</param>
    /// <param name="trueCovariance">Σ, d·d entries row-major.</param>
    /// <returns>The error.</returns>
    public static double CovarianceError(ReadOnlySpan<double> points, ReadOnlySpan<double> trueCovariance)
    {
        int d = (int)Math.Round(Math.Sqrt(trueCovariance.Length));
        if (d < 1 || d * d != trueCovariance.Length)
            throw new ArgumentException($"trueCovariance has length {trueCovariance.Length}, which is not a square d·d.", nameof(trueCovariance));
        Require.AllFinite(trueCovariance, nameof(trueCovariance));
        var covariance = new double[d * d];
        Covariance(points, d, covariance);
        double sum = 0;
        for (int i = 0; i < d * d; i++) sum += (covariance[i] - trueCovariance[i]) * (covariance[i] - trueCovariance[i]);
        return Math.Sqrt(sum);
    }

    /// <summary>
    /// Mixture weights estimated by responsibility: ŵ_k = (1/n) Σ_i γ_k(x_i) with γ_k the posterior probability of
    /// component k under <paramref name="law"/>. For well separated components it is the fraction of points in each.
    /// </summary>
    /// <param name="law">The law whose components are counted (a noised marginal works for Dirac data).</param>
    /// <param name="points">d·n entries, component-major.</param>
    /// <param name="weights">Receives ŵ_k, K entries.</param>
    public static void ResponsibilityWeights(GaussianMixtureMarginal law, ReadOnlySpan<double> points, Span<double> weights)
    {
        ArgumentNullException.ThrowIfNull(law);
        int d = law.Dimension;
        int n = Count(points, d, nameof(points), 1);
        int components = law.Mixture.ComponentCount;
        Require.Length(weights.Length, components, nameof(weights));
        weights.Clear();
        Span<double> x = stackalloc double[d];
        Span<double> gamma = stackalloc double[components];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++) x[j] = points[j * n + i];
            law.Responsibilities(x, gamma);
            for (int k = 0; k < components; k++) weights[k] += gamma[k];
        }

        for (int k = 0; k < components; k++) weights[k] /= n;
    }

    /// <summary>
    /// The energy distance (Székely &amp; Rizzo 2013) D² = 2E‖X − Y‖ − E‖X − X′‖ − E‖Y − Y′‖, estimated with the
    /// within-sample terms as U-statistics (pairs i ≠ j), so it is unbiased; D² = 0 exactly when the laws agree.
    /// </summary>
    /// <param name="first">d·n entries, component-major, n ≥ 2.</param>
    /// <param name="second">d·m entries, component-major, m ≥ 2.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <returns>The estimate of D² (can be slightly negative from sampling noise).</returns>
    public static double EnergyDistance(ReadOnlySpan<double> first, ReadOnlySpan<double> second, int dimension)
    {
        int n = Count(first, dimension, nameof(first), 2);
        int m = Count(second, dimension, nameof(second), 2);
        double xy = PairSum(first, n, second, m, dimension, 0) / ((double)n * m);
        double xx = PairSum(first, n, first, n, dimension, 0) / ((double)n * (n - 1));
        double yy = PairSum(second, m, second, m, dimension, 0) / ((double)m * (m - 1));
        return 2 * xy - xx - yy;
    }

    /// <summary>
    /// The squared maximum mean discrepancy (Gretton et al. 2012) with the Gaussian kernel
    /// k(x, y) = exp(−‖x − y‖²/(2h²)): MMD² = E k(X, X′) + E k(Y, Y′) − 2E k(X, Y), unbiased U-statistic estimate.
    /// </summary>
    /// <param name="first">d·n entries, component-major, n ≥ 2.</param>
    /// <param name="second">d·m entries, component-major, m ≥ 2.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="bandwidth">h &gt; 0, typically the data's scale (e.g. 0.5–1 for unit-scale data).</param>
    /// <returns>The estimate of MMD² (can be slightly negative from sampling noise).</returns>
    public static double MaximumMeanDiscrepancy(ReadOnlySpan<double> first, ReadOnlySpan<double> second, int dimension, double bandwidth)
    {
        Require.Positive(bandwidth, nameof(bandwidth));
        int n = Count(first, dimension, nameof(first), 2);
        int m = Count(second, dimension, nameof(second), 2);
        double c = -0.5 / (bandwidth * bandwidth);
        double xy = PairSum(first, n, second, m, dimension, c) / ((double)n * m);
        // The diagonal terms k(x_i, x_i) = 1 are removed from the within-sample sums.
        double xx = (PairSum(first, n, first, n, dimension, c) - n) / ((double)n * (n - 1));
        double yy = (PairSum(second, m, second, m, dimension, c) - m) / ((double)m * (m - 1));
        return xx + yy - 2 * xy;
    }

    /// <summary>
    /// The sliced 2-Wasserstein distance SW₂ = (mean over θ of W₂²(θ·X, θ·Y))^{1/2} over <paramref name="projections"/>
    /// directions θ drawn uniformly on the sphere from <see cref="CounterRandom"/> stream p of <paramref name="seed"/>
    /// (Bonneel et al. 2015). Each one-dimensional W₂² is the exact distance between the two empirical quantile
    /// functions, so the samples may differ in size.
    /// </summary>
    /// <param name="first">d·n entries, component-major.</param>
    /// <param name="second">d·m entries, component-major.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="projections">The number of directions, ≥ 1 (e.g. 64).</param>
    /// <param name="seed">The seed of the directions.</param>
    /// <returns>SW₂.</returns>
    public static double SlicedWasserstein(ReadOnlySpan<double> first, ReadOnlySpan<double> second, int dimension, int projections, ulong seed)
    {
        int n = Count(first, dimension, nameof(first), 1);
        int m = Count(second, dimension, nameof(second), 1);
        Require.AtLeast(projections, 1, nameof(projections));
        var px = new double[n];
        var py = new double[m];
        Span<double> theta = stackalloc double[dimension];
        double total = 0;
        for (int p = 0; p < projections; p++)
        {
            Direction(seed, p, theta);
            Project(first, n, theta, px);
            Project(second, m, theta, py);
            total += QuantileDistanceSquared(px, py);
        }

        return Math.Sqrt(total / projections);
    }

    /// <summary>
    /// The Monte Carlo estimate of KL(q‖p) = E_q[log q(X) − log p(X)] from <paramref name="count"/> samples of q (sample
    /// m of <paramref name="seed"/>), with its standard error: the DDE generator objective on noised laws (docs/diffusion.md).
    /// </summary>
    /// <param name="first">q: its data mixture is sampled and pushed through a·x₀ + σε (noise from stream seed + 1).</param>
    /// <param name="second">p, over the same dimension.</param>
    /// <param name="count">The number of samples ≥ 2.</param>
    /// <param name="seed">The seed.</param>
    /// <returns>The estimate and its standard error.</returns>
    public static (double Estimate, double StandardError) KullbackLeibler(GaussianMixtureMarginal first, GaussianMixtureMarginal second, int count, ulong seed)
    {
        ArgumentNullException.ThrowIfNull(first);
        ArgumentNullException.ThrowIfNull(second);
        Require.AtLeast(count, 2, nameof(count));
        int d = first.Dimension;
        Require.Length(second.Dimension, d, "second.Dimension");
        var x = new double[d * count];
        first.Mixture.Sample(seed, 0, count, x, default);
        for (int j = 0; j < d; j++)
            for (int m = 0; m < count; m++)
                x[j * count + m] = first.Scale * x[j * count + m] + first.NoiseStandardDeviation * CounterRandom.Normal(seed + 1, (ulong)m, (ulong)j);
        var logQ = new double[count];
        var logP = new double[count];
        first.Evaluate(x, count, logQ, default, default);
        second.Evaluate(x, count, logP, default, default);
        double sum = 0, sumSquares = 0;
        for (int m = 0; m < count; m++)
        {
            double r = logQ[m] - logP[m];
            sum += r;
            sumSquares += r * r;
        }

        double mean = sum / count;
        double variance = Math.Max(0, (sumSquares - count * mean * mean) / (count - 1));
        return (mean, Math.Sqrt(variance / count));
    }

    /// <summary>The unit direction θ number <paramref name="projection"/> of <see cref="SlicedWasserstein"/>.</summary>
    /// <param name="seed">The seed of the directions.</param>
    /// <param name="projection">The projection index p ≥ 0.</param>
    /// <param name="direction">Receives θ, d entries with ‖θ‖ = 1.</param>
    public static void Direction(ulong seed, int projection, Span<double> direction)
    {
        Require.AtLeast(projection, 0, nameof(projection));
        Require.AtLeast(direction.Length, 1, "direction.Length");
        double norm;
        ulong attempt = 0;
        do
        {
            CounterRandom.FillNormal(seed, (ulong)projection, attempt, direction);
            attempt += (ulong)direction.Length;
            norm = 0;
            for (int j = 0; j < direction.Length; j++) norm += direction[j] * direction[j];
        }
        while (norm == 0);
        double inverse = 1 / Math.Sqrt(norm);
        for (int j = 0; j < direction.Length; j++) direction[j] *= inverse;
    }

    private static void Project(ReadOnlySpan<double> points, int n, ReadOnlySpan<double> theta, double[] projected)
    {
        Array.Clear(projected);
        for (int j = 0; j < theta.Length; j++)
        {
            var row = points.Slice(j * n, n);
            double t = theta[j];
            for (int i = 0; i < n; i++) projected[i] += t * row[i];
        }

        Array.Sort(projected);
    }

    // ∫₀¹ (F⁻¹(u) − G⁻¹(u))² du for two sorted samples, walking the merged breakpoints i/n and j/m.
    private static double QuantileDistanceSquared(double[] x, double[] y)
    {
        int n = x.Length, m = y.Length;
        int i = 0, j = 0;
        double u = 0, sum = 0;
        while (i < n && j < m)
        {
            double nextX = (double)(i + 1) / n;
            double nextY = (double)(j + 1) / m;
            double next = Math.Min(nextX, nextY);
            double diff = x[i] - y[j];
            sum += (next - u) * diff * diff;
            u = next;
            if (nextX <= next) i++;
            if (nextY <= next) j++;
        }

        return sum;
    }

    private static double PairSum(ReadOnlySpan<double> first, int n, ReadOnlySpan<double> second, int m, int dimension, double coefficient)
    {
        var values = new double[m];
        Span<double> point = stackalloc double[dimension];
        double total = 0;
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < dimension; j++) point[j] = first[j * n + i];
            var kernel = new PairwiseKernel
            {
                Others = second,
                Point = point,
                Count = m,
                Dimension = dimension,
                NegativeHalfInverseBandwidthSquared = coefficient,
                Values = values,
            };
            Lanes.ForEach(ref kernel, m);
            double sum = 0;
            for (int j = 0; j < m; j++) sum += values[j];
            total += sum;
        }

        return total;
    }

    private static int Count(ReadOnlySpan<double> points, int dimension, string name, int minimum)
    {
        Require.AtLeast(dimension, 1, nameof(dimension));
        if (points.Length % dimension != 0)
            throw new ArgumentException($"{name} has length {points.Length}, which is not a multiple of the dimension {dimension}.", name);
        int n = points.Length / dimension;
        if (n < minimum)
            throw new ArgumentException($"{name} holds {n} points, but at least {minimum} are needed.", name);
        Require.AllFinite(points, name);
        return n;
    }
}
