using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// The gradient flow θ̇ = −∇L(θ): gradient descent with learning rate γ is its explicit Euler method with step γ,
/// and dL/dt = −‖∇L‖² ≤ 0 along it (kexue.fm/archives/5655, docs/learning.md–3.1).
/// </summary>
/// <typeparam name="TLoss">The loss; a struct loss is inlined by the solvers.</typeparam>
public readonly record struct GradientFlow<TLoss> : IModel, IHasInvariants, ILaneField where TLoss : ILoss
{
    /// <summary>The gradient flow of <paramref name="loss"/>.</summary>
    /// <param name="loss">The loss L.</param>
    public GradientFlow(TLoss loss)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Loss = loss;
    }

    /// <summary>The loss L.</summary>
    public TLoss Loss { get; }

    /// <inheritdoc/>
    public int Dimension => Loss.Dimension;

    /// <inheritdoc/>
    public string Name => $"Gradient flow on {Loss.Name}";

    /// <inheritdoc/>
    public string Parameters => Loss.Parameters;

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ComponentLabels.Indexed("θ", Loss.Dimension);

    /// <summary>The loss itself, non-increasing along the flow.</summary>
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
        // The loss's parameters are the flow's (it has none of its own).
        Loss.Gradient<T, OffsetParameters<T, TParameters>, TVector>(new OffsetParameters<T, TParameters>(parameters, 0), in y, ref dydt);
        for (int i = 0; i < Loss.Dimension; i++) dydt[i] = -dydt[i];
    }
}
