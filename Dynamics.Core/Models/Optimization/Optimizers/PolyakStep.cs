using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Optimizers;

/// <summary>
/// The clipped Polyak step θ ← θ − h·(L − L*)·min(1/‖∇L‖, M)·∇L/‖∇L‖: explicit Euler with step h on
/// <see cref="PolyakFlow{TLoss}"/>. In one dimension it is Su's x += h·(−sign(g)·min(|g|/g², M)·f)
/// (kexue.fm/archives/6261, docs/learning.md: h = 0.01, M = 1000, x₀ = 4 on <see cref="PolyakQuarticLoss"/>; near the
/// local minimum x = 3 a clipped step can be as long as hMf ≈ 16, so the first few thousand steps are chaotic, and
/// after ≥ 20,000 steps every start near 4 sits within 3e-6 of the global minimum). The state is θ; each step covers
/// flow time h.
/// </summary>
public sealed record PolyakStep : IOptimizer
{
    /// <summary>The clipped Polyak step.</summary>
    /// <param name="stepSize">h &gt; 0.</param>
    /// <param name="clip">M &gt; 0, possibly +∞.</param>
    /// <param name="optimalValue">L* (0 by default).</param>
    public PolyakStep(double stepSize, double clip = double.PositiveInfinity, double optimalValue = 0)
    {
        StepSize = stepSize;
        Clip = clip;
        OptimalValue = optimalValue;
    }

    /// <summary>The step h &gt; 0.</summary>
    public double StepSize
    {
        get;
        init
        {
            Require.Positive(value, nameof(StepSize));
            field = value;
        }
    }

    /// <summary>The clip M &gt; 0 (+∞ for none).</summary>
    public double Clip
    {
        get;
        init
        {
            RequireClip(value, nameof(Clip));
            field = value;
        }
    }

    /// <summary>The known minimum value L*.</summary>
    public double OptimalValue
    {
        get;
        init
        {
            Require.Finite(value, nameof(OptimalValue));
            field = value;
        }
    }

    /// <inheritdoc/>
    public string Name => "Polyak step";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("h", StepSize), ("M", Clip), ("L*", OptimalValue));

    /// <inheritdoc/>
    public int StateLength(int dimension) => dimension;

    /// <inheritdoc/>
    public int WorkspaceLength(int dimension) => dimension;

    /// <inheritdoc/>
    public void Initialize<TLoss>(TLoss loss, ReadOnlySpan<double> theta0, Span<double> state) where TLoss : ILoss =>
        theta0.CopyTo(state);

    /// <inheritdoc/>
    public double Advance<TLoss>(TLoss loss, Span<double> state, Span<double> workspace) where TLoss : ILoss
    {
        int d = loss.Dimension;
        var theta = state[..d];
        var g = workspace[..d];
        loss.Gradient(theta, g);
        double scale = Scale(loss.Value(theta) - OptimalValue, g, Clip);
        for (int i = 0; i < d; i++) theta[i] -= StepSize * scale * g[i];
        return StepSize;
    }

    /// <summary>(L − L*)·min(1/‖g‖, M)/‖g‖, the factor multiplying −g; 0 where g = 0.</summary>
    internal static double Scale(double excess, ReadOnlySpan<double> g, double clip) =>
        Scale(ScalarLane.Create(excess), LossGradient.ScalarView(g), g.Length, ScalarLane.Create(clip)).Value;

    /// <summary>
    /// (L − L*)·min(1/‖g‖, M)/‖g‖ from the first <paramref name="dimension"/> entries of g on any number type,
    /// branch-free: the one formula of the step and of <see cref="PolyakFlow{TLoss}"/>'s lanes. 0 where ‖g‖² = 0 (the
    /// 1/0 computed beside it is discarded).
    /// </summary>
    internal static T Scale<T, TVector>(T excess, in TVector g, int dimension, T clip)
        where T : struct, IFieldNumber<T>
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T norm2 = T.Create(0.0);
        for (int i = 0; i < dimension; i++) norm2 += g[i] * g[i];
        T norm = T.Sqrt(norm2);
        // min(a, b) = −max(−a, −b) to the bit (negation is exact); the number types have a max but no min.
        T speed = -T.Max(-(T.Create(1.0) / norm), -clip);
        return T.WhereZero(norm2, T.Create(0.0), excess * speed / norm);
    }

    internal static void RequireClip(double value, string name)
    {
        if (!(value > 0))
            throw new ArgumentOutOfRangeException(name, value, $"{name} must be greater than 0 (+∞ for no clipping), but was {Require.Format(value)}.");
    }
}
