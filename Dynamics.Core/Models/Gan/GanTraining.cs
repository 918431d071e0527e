using Dynamics.Fields;
using Dynamics.Maps;
using Dynamics.Validation;

namespace Dynamics.Models.Gan;

/// <summary>
/// Discrete GAN training with learning rate h on a field whose state is (φ, θ), discriminator first
/// (kexue.fm/archives/6583, docs/gan.md; Mescheder et al. 2018 §2). Simultaneous steps are explicit Euler on the
/// flow, and where the flow circles they spiral out: on the vanilla Dirac GAN each step multiplies J₂ by exactly
/// det[[1, −hσ], [h(1 − σ), 1]] = 1 + h²σ(1 − σ) with σ = σ(θ·φ) (1 + h²/4 near the equilibrium). Alternating steps
/// (φ first, then θ against the new φ) have determinant 1 and conserve J₂ exactly, like the flow. Each step covers
/// flow time h.
/// </summary>
public sealed record GanTraining
{
    /// <summary>Discrete training with learning rate h.</summary>
    /// <param name="learningRate">h &gt; 0.</param>
    /// <param name="scheme">Simultaneous or alternating updates.</param>
    public GanTraining(double learningRate, GanUpdateScheme scheme)
    {
        LearningRate = learningRate;
        Scheme = scheme;
    }

    /// <summary>The learning rate h &gt; 0 of both players.</summary>
    public double LearningRate
    {
        get;
        init
        {
            Require.Positive(value, nameof(LearningRate));
            field = value;
        }
    }

    /// <summary>Simultaneous or alternating updates.</summary>
    public GanUpdateScheme Scheme
    {
        get;
        init
        {
            RequireDefined.Value(value, nameof(Scheme));
            field = value;
        }
    }

    /// <summary>Trains for <paramref name="steps"/> steps from <paramref name="initialState"/>.</summary>
    /// <typeparam name="TField">The GAN flow (state (φ, θ) of even dimension 2d).</typeparam>
    /// <param name="field">The flow whose two halves are the players' gradient fields.</param>
    /// <param name="initialState">(φ₀, θ₀), finite.</param>
    /// <param name="steps">The number of steps (≥ 0).</param>
    /// <param name="recordEvery">Record every k-th state (k ≥ 1), plus the first and the last; 0 records only those two.</param>
    /// <returns>The iterates with times n·h; iteration stops early if a state becomes non-finite.</returns>
    public MapTrajectory Run<TField>(TField field, ReadOnlySpan<double> initialState, long steps, int recordEvery = 1) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        int n = field.Dimension;
        if (n % 2 != 0) throw new ArgumentException($"A GAN state (φ, θ) has even dimension, but the field's dimension is {n}.", nameof(field));
        Require.Length(initialState.Length, n, nameof(initialState));
        Require.AllFinite(initialState, nameof(initialState));
        if (steps < 0) throw new ArgumentOutOfRangeException(nameof(steps), steps, $"steps must be at least 0, but was {steps}.");
        Require.AtLeast(recordEvery, 0, nameof(recordEvery));

        int d = n / 2;
        double h = LearningRate;
        var y = initialState.ToArray();
        var f = new double[n];
        var recorder = new MapRecorder(n, recordEvery, steps);
        recorder.Offer(0, 0, y);
        for (long k = 1; k <= steps; k++)
        {
            double t = (k - 1) * h;
            field.Evaluate(t, y, f);
            if (Scheme == GanUpdateScheme.Simultaneous)
            {
                for (int i = 0; i < n; i++) y[i] += h * f[i];
            }
            else
            {
                for (int i = 0; i < d; i++) y[i] += h * f[i];
                field.Evaluate(t, y, f);
                for (int i = d; i < n; i++) y[i] += h * f[i];
            }

            int bad = MapRecorder.FirstNonFinite(y);
            if (bad >= 0)
            {
                return recorder.Finish(k, k * h, y,
                    $"{Scheme} training diverged: component {bad} became {Require.Format(y[bad])} at step {k}.");
            }

            recorder.Offer(k, k * h, y);
        }

        return recorder.Finish(steps, steps * h, y, null);
    }
}
