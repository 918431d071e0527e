using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// The sign flow θ̇ᵢ = −gᵢ/√(gᵢ² + ε), g = ∇L: at ε = 0 it is θ̇ = −sign(∇L) = −∇L/√(∇L⊙∇L), the idealised RMSprop
/// with dL/dt = −‖∇L‖₁, which has no asymptotically stable fixed point (it reaches a minimum in finite time and then
/// chatters), which is why adaptive methods "can't stop" and need ε and averaging (kexue.fm/archives/6261,
/// docs/learning.md). The field is discontinuous at ε = 0 (sign 0 = 0); ε &gt; 0 smooths it for adaptive solvers.
/// </summary>
/// <typeparam name="TLoss">The loss.</typeparam>
public readonly record struct SignGradientFlow<TLoss> : IModel, IHasInvariants, ILaneField where TLoss : ILoss
{
    /// <summary>The (smoothed) sign flow of <paramref name="loss"/>.</summary>
    /// <param name="loss">The loss L.</param>
    /// <param name="epsilon">ε ≥ 0 (0 for the exact sign).</param>
    public SignGradientFlow(TLoss loss, double epsilon = 0)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Loss = loss;
        Epsilon = epsilon;
    }

    /// <summary>The loss L.</summary>
    public TLoss Loss { get; }

    /// <summary>The smoothing ε ≥ 0 (same units as ‖∇L‖²).</summary>
    public double Epsilon
    {
        get;
        init
        {
            Require.NonNegative(value, nameof(Epsilon));
            field = value;
        }
    }

    /// <inheritdoc/>
    public int Dimension => Loss.Dimension;

    /// <inheritdoc/>
    public string Name => $"Sign flow on {Loss.Name}";

    /// <inheritdoc/>
    public string Parameters => FlowLabels.Combine(ParameterText.Of(("ε", Epsilon)), Loss.Parameters);

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ComponentLabels.Indexed("θ", Loss.Dimension);

    /// <summary>The loss, non-increasing (dL/dt = −Σ gᵢ²/√(gᵢ² + ε) ≤ 0).</summary>
    public IReadOnlyList<Invariant> Invariants => [FlowInvariants.Loss(Loss)];

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // ε is parameter 0, the loss's follow; the sign of 0 is 0.
        T epsilon = parameters.Read(0, Epsilon), zero = T.Create(0.0);
        Loss.Gradient<T, OffsetParameters<T, TParameters>, TVector>(new OffsetParameters<T, TParameters>(parameters, 1), in y, ref dydt);
        for (int i = 0; i < Loss.Dimension; i++)
        {
            T g = dydt[i];
            dydt[i] = T.WhereZero(g, zero, -g / T.Sqrt(g * g + epsilon));
        }
    }
}
