using Dynamics.Validation;

namespace Dynamics.Solvers.Diffusion;

/// <summary>
/// How many samples a diffusion sampler draws and how: sample m's noise is the <see cref="Numerics.CounterRandom"/>
/// stream (Seed, m), so every sample is reproducible on its own and the result does not depend on the block size or
/// the number of threads.
/// </summary>
public sealed record DiffusionSamplerOptions
{
    /// <summary>The number of samples (≥ 1).</summary>
    public int Count { get; init; } = 1000;

    /// <summary>The seed of the noise.</summary>
    public ulong Seed { get; init; }

    /// <summary>Samples advanced together by one worker (component-major buffers that stay in cache); 256 by default.</summary>
    public int BlockSize { get; init; } = 256;

    /// <summary>−1 for all cores, or the number of worker threads (≥ 1).</summary>
    public int MaxDegreeOfParallelism { get; init; } = -1;

    /// <summary>How many samples (the first ones) have their whole path recorded, for figures; 0 by default.</summary>
    public int RecordedPaths { get; init; }

    /// <summary>Throws unless every option is valid.</summary>
    public void Validate()
    {
        Require.AtLeast(Count, 1, nameof(Count));
        Require.AtLeast(BlockSize, 1, nameof(BlockSize));
        Require.AtLeast(RecordedPaths, 0, nameof(RecordedPaths));
        if (RecordedPaths > Count)
            throw new ArgumentOutOfRangeException(nameof(RecordedPaths), RecordedPaths, $"RecordedPaths = {RecordedPaths} exceeds Count = {Count}.");
        if (MaxDegreeOfParallelism == 0 || MaxDegreeOfParallelism < -1)
            throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), MaxDegreeOfParallelism,
                $"MaxDegreeOfParallelism must be -1 (all cores) or at least 1, but was {MaxDegreeOfParallelism}.");
    }
}
