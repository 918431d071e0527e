using Dynamics.Validation;

namespace Dynamics.Solvers.Stochastic;

/// <summary>How to solve an SDE: the fixed step, the seed of the noise, and what to record.</summary>
public sealed record SdeOptions
{
    /// <summary>Options with step <paramref name="stepSize"/> and seed <paramref name="seed"/>.</summary>
    /// <param name="stepSize">h &gt; 0.</param>
    /// <param name="seed">The seed of the noise.</param>
    public SdeOptions(double stepSize, ulong seed = 0)
    {
        StepSize = stepSize;
        Seed = seed;
    }

    /// <summary>The step h &gt; 0; the steps lie on t₀ + kh and the last one is shortened to end on t₁.</summary>
    public double StepSize
    {
        get;
        init
        {
            Require.Positive(value, nameof(StepSize));
            field = value;
        }
    }

    /// <summary>The seed; trajectory m of a solve uses the noise stream (Seed, m) (<see cref="GaussianSource"/>).</summary>
    public ulong Seed { get; init; }

    /// <summary>Record every k-th step (k ≥ 1) plus the initial and final states; 0 records only those two (default 1).</summary>
    public int RecordEvery
    {
        get;
        init
        {
            Require.AtLeast(value, 0, nameof(RecordEvery));
            field = value;
        }
    } = 1;
}
