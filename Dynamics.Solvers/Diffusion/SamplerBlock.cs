using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;

namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// One worker's state: a block of samples in component-major buffers, its own exact-marginal evaluator, and access to
/// the samples' counter-based noise. Created once per worker; reused for every block it runs.
/// </summary>
internal sealed class SamplerBlock
{
    private readonly double[] _paths;
    private readonly int _recorded;

    public SamplerBlock(INoiseModel model, int blockSize, ulong seed, double[] paths, int recorded)
    {
        Dimension = model.Dimension;
        Predictor = model.CreatePredictor();
        Seed = seed;
        int size = Dimension * blockSize;
        X = new double[size];
        E1 = new double[size];
        E2 = new double[size];
        E3 = new double[size];
        T1 = new double[size];
        T2 = new double[size];
        L1 = new double[blockSize];
        L2 = new double[blockSize];
        _paths = paths;
        _recorded = recorded;
    }

    public INoisePredictor Predictor { get; }

    /// <summary>The exact evaluator, for samplers that need the density itself (MALA).</summary>
    public GaussianMixtureMarginal Marginal => Predictor as GaussianMixtureMarginal
        ?? throw new InvalidOperationException("This sampler needs the exact mixture's density, not a fitted noise model.");

    public int Dimension { get; }

    public ulong Seed { get; }

    public long First { get; private set; }

    public int Count { get; private set; }

    public double[] X { get; }

    public double[] E1 { get; }

    public double[] E2 { get; }

    public double[] E3 { get; }

    public double[] T1 { get; }

    public double[] T2 { get; }

    public double[] L1 { get; }

    public double[] L2 { get; }

    public int Length => Dimension * Count;

    public void Reset(long first, int count)
    {
        First = first;
        Count = count;
    }

    /// <summary>Standard normals of draw <paramref name="stage"/> for every sample of the block: normal stage·d + j of stream (seed, index).</summary>
    public void Normals(int stage, Span<double> z)
    {
        int d = Dimension;
        // FillNormal uses both Box–Muller branches of a pair (one logarithm, square root and sin/cos for two normals) and
        // returns the same numbers as d single draws.
        Span<double> draw = d <= 128 ? stackalloc double[d] : new double[d];
        for (int m = 0; m < Count; m++)
        {
            CounterRandom.FillNormal(Seed, (ulong)(First + m), (ulong)stage * (ulong)d, draw);
            for (int j = 0; j < d; j++) z[j * Count + m] = draw[j];
        }
    }

    /// <summary>
    /// The block's starting samples X ∼ N(0, <paramref name="spread"/>²I) from normal draw 0, recorded as path point 0:
    /// the start of every sampler.
    /// </summary>
    /// <returns>The samples, X[..Length], which the sampler then moves.</returns>
    public Span<double> Start(double spread)
    {
        var x = X.AsSpan(0, Length);
        Normals(0, x);
        // Multiplying by a unit spread is exact, so the samplers that start from N(0, I) share this one pass.
        for (int k = 0; k < x.Length; k++) x[k] *= spread;
        Record(0);
        return x;
    }

    /// <summary>ε*(x) of the law of a·x₀ + σ·ε.</summary>
    public void Epsilon(double scale, double sigma, ReadOnlySpan<double> x, Span<double> eps)
    {
        Predictor.PredictNoise(scale, sigma, x[..Length], Count, eps[..Length]);
    }

    /// <summary>∇log p of the law of a·x₀ + σ·ε: the exact mixture's own score (defined at σ = 0 too), else −ε̂/σ.</summary>
    public void Score(double scale, double sigma, ReadOnlySpan<double> x, Span<double> score)
    {
        if (Predictor is GaussianMixtureMarginal marginal)
        {
            marginal.Update(scale, sigma);
            marginal.Evaluate(x[..Length], Count, default, score[..Length], default);
        }
        else
        {
            NoisePrediction.Score(Predictor, scale, sigma, x[..Length], Count, score[..Length]);
        }
    }

    /// <summary>Copies the recorded samples of this block into path point <paramref name="point"/>.</summary>
    public void Record(int point)
    {
        if (First >= _recorded) return;
        int d = Dimension;
        int upto = (int)Math.Min(Count, _recorded - First);
        for (int j = 0; j < d; j++)
            for (int m = 0; m < upto; m++) _paths[(point * d + j) * _recorded + First + m] = X[j * Count + m];
    }
}
