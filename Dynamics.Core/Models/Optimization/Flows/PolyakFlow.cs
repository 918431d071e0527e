using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// Su's clipped Polyak flow θ̇ = −(∇L/‖∇L‖)·(L − L*)·min(1/‖∇L‖, M) (kexue.fm/archives/6261, docs/learning.md). Unclipped
/// (M = ∞) it is θ̇ = −(L − L*)∇L/‖∇L‖², so dL/dt = −(L − L*) and L − L* = (L₀ − L*)e^{−t} exactly, but it is singular
/// at non-global critical points; the clip bounds the speed there by M(L − L*), which lets an Euler iteration jump
/// out of a local minimum. Explicit Euler on this flow is the Polyak step size (<see cref="PolyakStep"/>). Where
/// ∇L = 0 the field is 0. It assumes L ≥ L*.
/// </summary>
/// <remarks>
/// A lane field: its parameters are M (0), L* (1) and then the loss's (2, 3, …), so a sweep over clips, optima and loss
/// parameters runs in SIMD lanes. The clip and the ∇L = 0 guard are branch-free (max and select lane by lane), so every
/// lane width gives the bits of the scalar path.
/// </remarks>
/// <typeparam name="TLoss">The loss; a struct loss is inlined by the solvers.</typeparam>
public readonly record struct PolyakFlow<TLoss> : IModel, IHasInvariants, ILaneField where TLoss : ILoss
{
    /// <summary>The clipped Polyak flow.</summary>
    /// <param name="loss">The loss L.</param>
    /// <param name="clip">M &gt; 0, possibly +∞ (no clipping). Su uses 1000.</param>
    /// <param name="optimalValue">L*, the known minimum value (0 by default).</param>
    public PolyakFlow(TLoss loss, double clip = double.PositiveInfinity, double optimalValue = 0)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Loss = loss;
        Clip = clip;
        OptimalValue = optimalValue;
    }

    /// <summary>The loss L.</summary>
    public TLoss Loss { get; }

    /// <summary>The clip M &gt; 0 on 1/‖∇L‖ (+∞ for the unclipped flow).</summary>
    public double Clip
    {
        get;
        init
        {
            PolyakStep.RequireClip(value, nameof(Clip));
            field = value;
        }
    }

    /// <summary>The minimum value L* the flow drives L towards.</summary>
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
    public int Dimension => Loss.Dimension;

    /// <inheritdoc/>
    public string Name => $"Polyak flow on {Loss.Name}";

    /// <inheritdoc/>
    public string Parameters => FlowLabels.Combine(ParameterText.Of(("M", Clip), ("L*", OptimalValue)), Loss.Parameters);

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ComponentLabels.Indexed("θ", Loss.Dimension);

    /// <summary>
    /// L, non-increasing; and without clipping (M = ∞) the conserved (L − L*)e^{t}, the law L − L* = (L₀ − L*)e^{−t}.
    /// </summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var loss = Loss;
            double optimum = OptimalValue;
            var decreasing = FlowInvariants.Loss(loss);
            if (!double.IsPositiveInfinity(Clip)) return [decreasing];
            return [decreasing, new Invariant("(L − L*)·e^t", (t, y) => (loss.Value(y[..loss.Dimension]) - optimum) * Math.Exp(t))];
        }
    }

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T clip = parameters.Read(0, Clip), optimum = parameters.Read(1, OptimalValue);
        var lossParameters = new OffsetParameters<T, TParameters>(parameters, 2);
        Loss.Gradient<T, OffsetParameters<T, TParameters>, TVector>(lossParameters, in y, ref dydt);
        T excess = Loss.Value<T, OffsetParameters<T, TParameters>, TVector>(lossParameters, in y) - optimum;
        int d = Loss.Dimension;
        T norm2 = T.Create(0.0);
        for (int i = 0; i < d; i++) norm2 += dydt[i] * dydt[i];
        T scale = -PolyakStep.Scale(excess, norm2, clip);
        for (int i = 0; i < d; i++) dydt[i] *= scale;
    }
}
