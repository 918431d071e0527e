using Dynamics.Distributions;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Generative;

/// <summary>
/// The log-ratio with a Gaussian kernel density estimate of the particle law:
/// q̂(x_i) = (1/n′) Σ_j (2πh²)^{−d/2} exp(−‖x_i − x_j‖²/(2h²)), log r = log p − log q̂ and
/// ∇log r(x_i) = ∇log p(x_i) − Σ_j K_ij (x_j − x_i) / (h² Σ_j K_ij), with the sums over j ≠ i and n′ = N − 1 when
/// <see cref="LeaveOneOut"/> is set (each particle left out of its own estimate), over all j and n′ = N otherwise.
/// The bandwidth follows <see cref="Rule"/> from the cloud's pooled standard deviation at every evaluation, or is fixed.
/// </summary>
/// <remarks>
/// The O(N²) pair sums are vectorised across particles i (AVX-512, AVX2 or scalar lanes, the same bits at every width
/// through the kernel's own exponential, <see cref="GaussianKernelExponential"/>) and shared by <see cref="Workers"/>
/// threads in chunks of 64 particles taken in turn, so parallel results equal serial ones bit for bit. After the first evaluation with a given N nothing is allocated. Dimensions 1 and 2 have
/// vectorised kernels; higher dimensions use a scalar pair loop. Dispose to stop the worker threads.
/// </remarks>
public sealed class KernelDensityLogRatio : ILogRatioSource, IDisposable
{
    private readonly GaussianMixture _target;
    private readonly WorkerPool _pool;
    private readonly Action<int> _chunk;
    private double[] _points = [];
    private double[] _sum0 = [];
    private double[] _sum1 = [];
    private double[] _targetLog = [];
    private double[] _targetScore = [];
    private const int ChunkSize = 64;
    private int _count;
    private int _nextChunk;

    /// <summary>Creates the estimator.</summary>
    /// <param name="target">The target p (no Dirac components).</param>
    /// <param name="rule">The bandwidth rule (Scott by default).</param>
    /// <param name="leaveOneOut">Whether each particle is left out of its own density estimate (default true).</param>
    /// <param name="fixedBandwidth">A fixed h &gt; 0 instead of the rule, or null.</param>
    /// <param name="workers">Threads sharing the pair sums, ≥ 1 (default: every core).</param>
    public KernelDensityLogRatio(GaussianMixture target, BandwidthRule rule = BandwidthRule.Scott, bool leaveOneOut = true,
        double? fixedBandwidth = null, int? workers = null)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (target.HasDiracComponent)
            throw new ArgumentException("target has a Dirac component, so log p does not exist.", nameof(target));
        if (!Enum.IsDefined(rule)) throw new ArgumentOutOfRangeException(nameof(rule), rule, $"rule = {(int)rule} is not a BandwidthRule.");
        if (fixedBandwidth is { } h) Require.Positive(h, nameof(fixedBandwidth));
        int w = workers ?? Environment.ProcessorCount;
        Require.AtLeast(w, 1, nameof(workers));
        _target = target;
        Dimension = target.Dimension;
        Rule = rule;
        LeaveOneOut = leaveOneOut;
        FixedBandwidth = fixedBandwidth;
        _pool = new WorkerPool(w);
        _chunk = RunChunk;
    }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <summary>The bandwidth rule.</summary>
    public BandwidthRule Rule { get; }

    /// <summary>Whether each particle is left out of its own estimate.</summary>
    public bool LeaveOneOut { get; }

    /// <summary>The fixed bandwidth, or null when the rule sets it.</summary>
    public double? FixedBandwidth { get; }

    /// <summary>The number of threads sharing the pair sums.</summary>
    public int Workers => _pool.Workers;

    /// <summary>The bandwidth h of the last evaluation.</summary>
    public double Bandwidth { get; private set; }

    /// <summary>The bandwidth a rule gives: h = σ̂ c n^{−1/(d+4)}, c = 1 (Scott) or (4/(d + 2))^{1/(d+4)} (Silverman).</summary>
    /// <param name="rule">The rule.</param>
    /// <param name="pooledStandardDeviation">σ̂ &gt; 0, the root mean of the per-coordinate variances.</param>
    /// <param name="count">n ≥ 1.</param>
    /// <param name="dimension">d ≥ 1.</param>
    /// <returns>h.</returns>
    public static double RuleBandwidth(BandwidthRule rule, double pooledStandardDeviation, int count, int dimension)
    {
        Require.Positive(pooledStandardDeviation, nameof(pooledStandardDeviation));
        Require.AtLeast(count, 1, nameof(count));
        Require.AtLeast(dimension, 1, nameof(dimension));
        double factor = rule switch
        {
            BandwidthRule.Scott => 1,
            BandwidthRule.Silverman => Math.Pow(4.0 / (dimension + 2), 1.0 / (dimension + 4)),
            _ => throw new ArgumentOutOfRangeException(nameof(rule), rule, $"rule = {(int)rule} is not a BandwidthRule."),
        };
        return pooledStandardDeviation * factor * Math.Pow(count, -1.0 / (dimension + 4));
    }

    /// <inheritdoc/>
    public void Evaluate(ReadOnlySpan<double> particles, int count, Span<double> logRatio, Span<double> gradient)
    {
        int d = Dimension;
        LogRatioChecks.Arguments(particles, count, d, logRatio, gradient, LeaveOneOut ? 2 : 1);
        EnsureCapacity(count);
        double h = FixedBandwidth ?? RuleBandwidth(Rule, PooledStandardDeviation(particles, count, d), count, d);
        Bandwidth = h;
        RunPairSums(particles, h);

        _target.Evaluate(particles, count, _targetLog, _targetScore, default);
        double others = LeaveOneOut ? count - 1 : count;
        double logNormaliser = Math.Log(others) + 0.5 * d * Math.Log(2 * Math.PI * h * h);
        double inverseH2 = 1 / (h * h);
        for (int i = 0; i < count; i++)
        {
            // The self term K_ii = 1 is in every sum; leaving it out subtracts it exactly (it adds nothing to Σ K(x_j − x_i)).
            double s0 = LeaveOneOut ? _sum0[i] - 1 : _sum0[i];
            logRatio[i] = _targetLog[i] - (Math.Log(s0) - logNormaliser);
            double scale = inverseH2 / s0;
            for (int j = 0; j < d; j++) gradient[j * count + i] = _targetScore[j * count + i] - scale * _sum1[j * count + i];
        }
    }

    /// <summary>
    /// The raw pair sums for the current points: S₀(i) = Σ_j K_ij and S₁(i) = Σ_j K_ij (x_j − x_i), self term included,
    /// with K_ij = exp(−‖x_i − x_j‖²/(2h²)). This is the O(N²) kernel the benchmarks time.
    /// </summary>
    /// <param name="particles">d·count entries, component-major.</param>
    /// <param name="count">N ≥ 1.</param>
    /// <param name="bandwidth">h &gt; 0.</param>
    /// <param name="sum0">Receives S₀ (count entries).</param>
    /// <param name="sum1">Receives S₁ component-major (d·count entries).</param>
    public void PairSums(ReadOnlySpan<double> particles, int count, double bandwidth, Span<double> sum0, Span<double> sum1)
    {
        Require.AtLeast(count, 1, nameof(count));
        Require.Length(particles.Length, Dimension * count, nameof(particles));
        Require.Positive(bandwidth, nameof(bandwidth));
        Require.Length(sum0.Length, count, nameof(sum0));
        Require.Length(sum1.Length, Dimension * count, nameof(sum1));
        EnsureCapacity(count);
        RunPairSums(particles, bandwidth);
        _sum0.AsSpan(0, count).CopyTo(sum0);
        _sum1.AsSpan(0, Dimension * count).CopyTo(sum1);
    }

    /// <summary>Stops the worker threads.</summary>
    public void Dispose() => _pool.Dispose();

    // The kernel works on coordinates scaled so that the kernel is 2^{−‖u_i − u_j‖²}; S₁ comes back in those units.
    private void RunPairSums(ReadOnlySpan<double> particles, double bandwidth)
    {
        double scale = GaussianKernelExponential.CoordinateScale(bandwidth);
        for (int k = 0; k < particles.Length; k++) _points[k] = particles[k] * scale;
        _nextChunk = 0;
        _pool.Run(_chunk);
        double unscale = 1 / scale;
        for (int k = 0; k < _sum1.Length; k++) _sum1[k] *= unscale;
    }

    private void EnsureCapacity(int count)
    {
        if (_count == count) return;
        int d = Dimension;
        _points = new double[d * count];
        _sum0 = new double[count];
        _sum1 = new double[d * count];
        _targetLog = new double[count];
        _targetScore = new double[d * count];
        _count = count;
    }

    private static double PooledStandardDeviation(ReadOnlySpan<double> x, int n, int d)
    {
        double total = 0;
        for (int j = 0; j < d; j++)
        {
            var row = x.Slice(j * n, n);
            double mean = 0;
            for (int i = 0; i < n; i++) mean += row[i];
            mean /= n;
            double sum = 0;
            for (int i = 0; i < n; i++) sum += (row[i] - mean) * (row[i] - mean);
            total += sum / Math.Max(1, n - 1);
        }

        double sd = Math.Sqrt(total / d);
        if (!(sd > 0) || !double.IsFinite(sd))
            throw new InvalidOperationException($"The particles' pooled standard deviation is {Require.Format(sd)}, so no bandwidth rule applies.");
        return sd;
    }

    // Each worker takes the next chunk of 64 particles until none is left, so a worker that the operating system
    // deschedules (a loaded machine) delays nobody. Chunk boundaries are multiples of 8, so every particle meets the same
    // lane width whichever thread takes it: the sums do not depend on the split.
    private void RunChunk(int w)
    {
        int n = _count;
        int chunks = (n + ChunkSize - 1) / ChunkSize;
        var kernel = new KernelDensityKernel(_points, n, Dimension, _sum0, _sum1);
        int chunk;
        while ((chunk = Interlocked.Increment(ref _nextChunk) - 1) < chunks)
        {
            int i = chunk * ChunkSize, hi = Math.Min(n, i + ChunkSize);
            if (Lane512.IsHardwareAccelerated)
            {
                for (; i + 16 <= hi; i += 16) kernel.DoubleBlock<Lane512>(i);
                for (; i + 8 <= hi; i += 8) kernel.Block<Lane512>(i);
            }

            if (Lane256.IsHardwareAccelerated)
                for (; i + 4 <= hi; i += 4) kernel.Block<Lane256>(i);
            for (; i < hi; i++) kernel.Block<ScalarLane>(i);
        }
    }
}
