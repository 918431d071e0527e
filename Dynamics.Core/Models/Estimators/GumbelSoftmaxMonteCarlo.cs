using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using Dynamics.Numerics;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Estimators;

/// <summary>
/// The vectorised Monte Carlo of the one-sample Gumbel-softmax (or straight-through) gradient on logits: the mean and
/// variance of ỹⱼ(gⱼ − Σᵢ ỹᵢ gᵢ)/τ over N samples, sample s reading the same counters as
/// <see cref="GumbelSoftmaxEstimator"/> with M = 1 (so every sample's gradient has the same bits as the scalar
/// estimator's). Each block's Gumbel numbers come from <see cref="CounterRandom.FillGumbel"/> (a two-sided ziggurat,
/// no logarithm), so the only transcendental per category is the softmax exponential. Samples run in blocks of 512, sixteen at a
/// time as two independent chains of eight lanes (<see cref="Lanes.ForEachPaired{TKernel}"/>, the exponential by
/// <see cref="LaneMath"/>), and each group adds its gradients and their squares straight into eight partial sums per
/// component (by sample index mod 8, sample after sample). Blocks are dealt to 16 fixed stripes run in parallel, and the
/// stripes' sums are added in a fixed order, so the result is identical for any number of threads and any vector width. Set-up allocates the
/// workspaces; <see cref="Run"/> then allocates nothing that grows with N. Not thread-safe: one instance per caller.
/// </summary>
public sealed class GumbelSoftmaxMonteCarlo
{
    private const int Block = 512, Stripes = 16;
    private readonly double[] _logits, _costs, _target;
    private readonly double _weight, _inverseTemperature;
    private readonly bool _straightThrough;
    private readonly int _categories;
    private readonly double[][] _buffers, _scratch, _sums;
    private readonly Action<int> _stripeBody;
    private readonly ParallelOptions _parallel;
    private ulong _seed;
    private long _samples;

    /// <summary>Prepares the workspaces for logits o, objective f and a constant τ.</summary>
    /// <param name="logits">o, finite, length K.</param>
    /// <param name="objective">f on the simplex, K categories.</param>
    /// <param name="temperature">τ &gt; 0.</param>
    /// <param name="straightThrough">Take ∇f at the hard sample (straight-through).</param>
    /// <param name="maxDegreeOfParallelism">Threads to use (−1: all cores; 1: the calling thread only). The result does not depend on it.</param>
    public GumbelSoftmaxMonteCarlo(ReadOnlySpan<double> logits, SimplexObjective objective, double temperature, bool straightThrough = false, int maxDegreeOfParallelism = -1)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(maxDegreeOfParallelism), maxDegreeOfParallelism, $"maxDegreeOfParallelism must be −1 or at least 1, but was {maxDegreeOfParallelism}.");
        _parallel = new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism };
        ArgumentNullException.ThrowIfNull(objective);
        Categorical.CheckLogits(logits);
        Require.Length(logits.Length, objective.Categories, nameof(logits));
        Require.Positive(temperature, nameof(temperature));
        _categories = logits.Length;
        _logits = logits.ToArray();
        _costs = objective.Costs.ToArray();
        _target = objective.Target.ToArray();
        _weight = objective.Weight;
        _inverseTemperature = 1 / temperature;
        _straightThrough = straightThrough;
        _buffers = new double[Stripes][];
        _scratch = new double[Stripes][];
        _sums = new double[Stripes][];
        for (int r = 0; r < Stripes; r++)
        {
            _buffers[r] = new double[_categories * Block];
            _scratch[r] = new double[2 * _categories * Lane512Pair.Count];  // x and e, then slope and ỹ
            _sums[r] = new double[2 * _categories * 8];
        }

        _stripeBody = RunStripe;
    }

    /// <summary>The number of categories K.</summary>
    public int Categories => _categories;

    /// <summary>Estimates the mean and the per-sample variance of the gradient from N samples.</summary>
    /// <param name="seed">The experiment's seed.</param>
    /// <param name="samples">N ≥ 2.</param>
    /// <param name="mean">Receives the sample mean of each component, length K.</param>
    /// <param name="variance">Receives the unbiased sample variance of each component, length K.</param>
    public void Run(ulong seed, long samples, Span<double> mean, Span<double> variance)
    {
        if (samples < 2) throw new ArgumentOutOfRangeException(nameof(samples), samples, $"samples must be at least 2, but was {samples}.");
        Require.Length(mean.Length, _categories, nameof(mean));
        Require.Length(variance.Length, _categories, nameof(variance));
        _seed = seed;
        _samples = samples;
        if (_parallel.MaxDegreeOfParallelism == 1)
        {
            for (int r = 0; r < Stripes; r++) RunStripe(r);
        }
        else
        {
            Parallel.For(0, Stripes, _parallel, _stripeBody);
        }

        // Fixed order: stripe by stripe, then the eight partial sums of each stripe.
        for (int k = 0; k < _categories; k++)
        {
            double sum = 0, square = 0;
            for (int r = 0; r < Stripes; r++)
            {
                for (int j = 0; j < 8; j++)
                {
                    sum += _sums[r][k * 8 + j];
                    square += _sums[r][(_categories + k) * 8 + j];
                }
            }

            double m = sum / samples;
            mean[k] = m;
            variance[k] = Math.Max(0, (square - samples * m * m) / (samples - 1));
        }
    }

    private void RunStripe(int stripe)
    {
        double[] buffer = _buffers[stripe], sums = _sums[stripe];
        Array.Clear(sums);
        long blocks = (_samples + Block - 1) / Block;
        for (long b = stripe; b < blocks; b += Stripes)
        {
            long first = b * Block;
            int count = (int)Math.Min(Block, _samples - first);
            for (int k = 0; k < _categories; k++)
                CounterRandom.FillGumbel(_seed, (ulong)first * (ulong)_categories + (ulong)k, (ulong)_categories, buffer.AsSpan(k * Block, count));

            var kernel = new SampleKernel(this, buffer, _scratch[stripe], sums);
            Lanes.ForEachPaired(ref kernel, count);
        }
    }

    // One group of samples: reads each sample's K Gumbel numbers from the block buffer (category-major; the numbers of
    // CounterRandom.Gumbel, drawn by FillGumbel), forms the sample's gradient
    // and adds it and its square into the stripe's sums. Operations mirror GumbelSoftmaxEstimator.Estimate with M = 1, in
    // the same order, so every sample's gradient has the scalar estimator's bits.
    private readonly ref struct SampleKernel(GumbelSoftmaxMonteCarlo owner, double[] buffer, double[] scratch, double[] sums) : ILaneKernel
    {
        private readonly GumbelSoftmaxMonteCarlo _owner = owner;
        private readonly ReadOnlySpan<double> _buffer = buffer;
        private readonly Span<double> _scratch = scratch, _sums = sums;

        // Not inlined: Lanes.ForEachPaired would take the four widths' bodies (each with K exponentials)
        // into one method past the JIT's budget, and the 8-lane loop ran at half speed (BenchmarkDotNet, 45 ms against
        // 19–21 ms per 10⁶ samples). A call per group of 16 samples costs nothing measurable.
        [MethodImpl(MethodImplOptions.NoInlining)]
        public void Execute<TLane>(int offset) where TLane : struct, ILane<TLane>
        {
            // The owner's arrays and flags in locals: read through `this` they were reloaded in every iteration.
            ReadOnlySpan<double> logits = _owner._logits, costs = _owner._costs, target = _owner._target, buffer = _buffer;
            Span<double> scratch = _scratch, sums = _sums;
            // Loads read through a ReadOnlySpan made once: each Load(scratch, …) converted the Span by a call that the JIT
            // left in the straight-through branch, and every vector live across that call (τ⁻¹, the maximum, ỹ, the mean)
            // was spilled to the stack and reloaded in every iteration of every loop.
            ReadOnlySpan<double> stored = scratch;
            bool straightThrough = _owner._straightThrough;
            int K = logits.Length, L = TLane.Count;
            var inverse = TLane.Create(_owner._inverseTemperature);
            var max = TLane.Create(double.NegativeInfinity);
            for (int k = 0; k < K; k++)
            {
                var gumbel = TLane.Load(buffer, k * Block + offset);
                var x = (TLane.Create(logits[k]) + gumbel) * inverse;
                x.Store(scratch, k * L);
                max = TLane.AtLeast(max, x);  // x > max ? x : max, as the scalar estimator; x is finite
            }

            var sum = TLane.Create(0);
            for (int k = 0; k < K; k++)
            {
                var e = LaneMath.ExpOfNonPositiveByTable(TLane.Load(stored, k * L) - max);
                e.Store(scratch, (K + k) * L);
                sum += e;
            }

            // ỹ overwrites e (formed once, read again for the gradient); the slope overwrites x once straight-through has
            // read it for the hard sample. mean = Σ ỹ·slope by fused multiply-adds, as the scalar estimator adds it.
            var scale = TLane.Create(1) / sum;
            var mean = TLane.Create(0);
            var weight = TLane.Create(_owner._weight);
            for (int k = 0; k < K; k++)
            {
                var y = TLane.Load(stored, (K + k) * L) * scale;
                y.Store(scratch, (K + k) * L);
                var at = straightThrough
                    ? TLane.ConditionalSelect(TLane.LessThanOrEqual(max, TLane.Load(stored, k * L)), TLane.Create(1), TLane.Create(0))
                    : y;
                var slope = TLane.Create(costs[k]) + weight * (at - TLane.Create(target[k]));
                slope.Store(scratch, k * L);
                mean = TLane.MultiplyAdd(y, slope, mean);
            }

            ref double sumsStart = ref MemoryMarshal.GetReference(sums);
            for (int k = 0; k < K; k++)
            {
                var gradient = TLane.Load(stored, (K + k) * L) * (TLane.Load(stored, k * L) - mean) * inverse;
                Accumulate(gradient, ref sumsStart, k * 8, (K + k) * 8, offset);
            }
        }

        // Adds Σ g and Σ g² into eight partial sums by sample index mod 8, sample after sample (g² by a fused multiply-add),
        // so the sums have the same bits at every vector width: a pair's two halves go to the same eight sums, its low half
        // first; eight lanes start at a multiple of 8, four at a multiple of 4 (Lanes.ForEachPaired's order), so each
        // lane has a sum of its own. The sums are addressed from the stripe's first without a check (Slice's two checks per
        // category showed in the loop).
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        private static void Accumulate<TLane>(TLane gradient, ref double sums, int sum, int square, int offset) where TLane : struct, ILane<TLane>
        {
            ref double s = ref Unsafe.Add(ref sums, sum);
            ref double q = ref Unsafe.Add(ref sums, square);
            if (typeof(TLane) == typeof(Lane512Pair))
            {
                var (low, high) = Unsafe.As<TLane, Lane512Pair>(ref gradient).Halves;
                (Vector512.LoadUnsafe(ref s) + low + high).StoreUnsafe(ref s);
                Vector512.FusedMultiplyAdd(high, high, Vector512.FusedMultiplyAdd(low, low, Vector512.LoadUnsafe(ref q))).StoreUnsafe(ref q);
            }
            else
            {
                Span<double> eightSums = MemoryMarshal.CreateSpan(ref s, 8), eightSquares = MemoryMarshal.CreateSpan(ref q, 8);
                int j = offset & 7;
                (TLane.Load(eightSums, j) + gradient).Store(eightSums, j);
                TLane.MultiplyAdd(gradient, gradient, TLane.Load(eightSquares, j)).Store(eightSquares, j);
            }
        }
    }
}
