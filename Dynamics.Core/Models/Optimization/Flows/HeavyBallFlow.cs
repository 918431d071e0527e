using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// The heavy ball with friction θ̈ + λθ̇ = −∇L(θ), as the state (θ, η) with θ̇ = η, η̇ = −λη − ∇L. Momentum gradient
/// descent is its leapfrog discretisation (<see cref="MomentumDescent"/>; kexue.fm/archives/5655, docs/learning.md).
/// The energy ½‖η‖² + L decreases at the rate λ‖η‖² (conserved at λ = 0). On L = ½aθ² it is the damped oscillator
/// with closed form <see cref="DampedOscillator"/>. As an <see cref="ISecondOrderField"/> it runs under the symplectic
/// integrators.
/// </summary>
/// <typeparam name="TLoss">The loss.</typeparam>
public readonly record struct HeavyBallFlow<TLoss> : IModel, IHasInvariants, ISecondOrderField, ILaneField where TLoss : ILoss
{
    /// <summary>The heavy ball on <paramref name="loss"/> with friction <paramref name="friction"/>.</summary>
    /// <param name="loss">The loss L.</param>
    /// <param name="friction">λ ≥ 0.</param>
    public HeavyBallFlow(TLoss loss, double friction)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Loss = loss;
        Friction = friction;
    }

    /// <summary>The loss L.</summary>
    public TLoss Loss { get; }

    /// <summary>The friction λ ≥ 0 (1/time).</summary>
    public double Friction
    {
        get;
        init
        {
            Require.NonNegative(value, nameof(Friction));
            field = value;
        }
    }

    /// <inheritdoc/>
    public int Dimension => 2 * Loss.Dimension;

    /// <inheritdoc/>
    public string Name => $"Heavy ball on {Loss.Name}";

    /// <inheritdoc/>
    public string Parameters => FlowLabels.Combine(ParameterText.Of(("λ", Friction)), Loss.Parameters);

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames =>
        [.. ComponentLabels.Indexed("θ", Loss.Dimension), .. ComponentLabels.Indexed("η", Loss.Dimension)];

    /// <summary>The energy ½‖η‖² + L(θ): conserved when λ = 0, non-increasing otherwise.</summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var self = this;
            return [new Invariant("E = ½‖η‖² + L(θ)", (t, y) => self.Energy(y), Friction == 0 ? InvariantKind.Conserved : InvariantKind.NonIncreasing)];
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
        // λ is parameter 0, the loss's follow. The gradient is written into the θ block first and consumed there.
        int d = Loss.Dimension;
        T friction = parameters.Read(0, Friction);
        Loss.Gradient<T, OffsetParameters<T, TParameters>, TVector>(new OffsetParameters<T, TParameters>(parameters, 1), in y, ref dydt);
        for (int i = 0; i < d; i++)
        {
            T g = dydt[i], v = y[d + i];
            dydt[i] = v;
            dydt[d + i] = -friction * v - g;
        }
    }

    /// <summary>The force −∇L(θ).</summary>
    /// <param name="t">The time (unused: the loss does not depend on it).</param>
    /// <param name="position">θ.</param>
    /// <param name="acceleration">Receives −∇L(θ).</param>
    public void Acceleration(double t, ReadOnlySpan<double> position, Span<double> acceleration) => LaneField.Acceleration(this, t, position, acceleration);

    /// <summary>½‖η‖² + L(θ).</summary>
    /// <param name="state">(θ, η).</param>
    /// <returns>The energy.</returns>
    public double Energy(ReadOnlySpan<double> state) => FlowInvariants.Energy(Loss, state);
}
