using Dynamics.Distributions;
using Dynamics.Models.Diffusion;

namespace Dynamics.Solvers.Diffusion;

/// <summary>Cuts the samples into blocks and runs a block sampler over them on all cores; parallel ≡ serial bit for bit.</summary>
internal static class SamplerRunner
{
    public static DiffusionSamples Run(string name, INoiseModel data, DiffusionSamplerOptions options, double[] pathTimes,
        double evaluationsPerSample, Action<SamplerBlock> sampleBlock)
    {
        int d = data.Dimension;
        int n = options.Count;
        int b = Math.Min(options.BlockSize, n);
        int recorded = options.RecordedPaths;
        var samples = new double[d * n];
        var paths = new double[pathTimes.Length * d * recorded];
        int blocks = (n + b - 1) / b;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.MaxDegreeOfParallelism };
        Parallel.For(0, blocks, parallel, () => new SamplerBlock(data, b, options.Seed, paths, recorded), (index, _, block) =>
        {
            long first = (long)index * b;
            int count = (int)Math.Min(b, n - first);
            block.Reset(first, count);
            sampleBlock(block);
            for (int j = 0; j < d; j++)
                for (int m = 0; m < count; m++) samples[j * n + first + m] = block.X[j * count + m];
            return block;
        }, _ => { });
        return new DiffusionSamples(name, d, n, samples, evaluationsPerSample, pathTimes, paths, recorded);
    }
}
