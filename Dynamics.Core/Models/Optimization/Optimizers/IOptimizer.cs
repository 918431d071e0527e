using Dynamics.Models.Optimization.Losses;

namespace Dynamics.Models.Optimization.Optimizers;

/// <summary>
/// A discrete optimizer read as a map on its state (θ and any auxiliary variables: velocity, moments, accumulated
/// squared gradients). Its state always begins with θ, so it can be compared with the flow it discretises, and each
/// step reports the time along that flow it covers (the learning rate, or an adaptive step). Implementations are
/// immutable hyper-parameter records; <see cref="Advance"/> must not allocate.
/// </summary>
public interface IOptimizer
{
    /// <summary>The method's name, e.g. "Momentum (leapfrog)".</summary>
    string Name { get; }

    /// <summary>Its hyper-parameters in plain text, e.g. "γ = 0.1, λ = 0.5".</summary>
    string Parameters { get; }

    /// <summary>The length of the state for <paramref name="dimension"/> parameters (θ first).</summary>
    /// <param name="dimension">d, the number of parameters.</param>
    /// <returns>The state length (at least d).</returns>
    int StateLength(int dimension);

    /// <summary>The length of the scratch space <see cref="Advance"/> needs (gradients, look-ahead points).</summary>
    /// <param name="dimension">d.</param>
    /// <returns>The workspace length.</returns>
    int WorkspaceLength(int dimension);

    /// <summary>Writes the initial state for parameters θ₀ (auxiliary variables at their documented starts).</summary>
    /// <typeparam name="TLoss">The loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="theta0">θ₀, length d.</param>
    /// <param name="state">Receives the state, length <see cref="StateLength"/>.</param>
    void Initialize<TLoss>(TLoss loss, ReadOnlySpan<double> theta0, Span<double> state) where TLoss : ILoss;

    /// <summary>Advances the state by one step in place and returns the flow time the step covers.</summary>
    /// <typeparam name="TLoss">The loss type.</typeparam>
    /// <param name="loss">The loss.</param>
    /// <param name="state">The state, updated in place.</param>
    /// <param name="workspace">Scratch space of length <see cref="WorkspaceLength"/>.</param>
    /// <returns>The time step along the continuous flow (γ for a fixed learning rate).</returns>
    double Advance<TLoss>(TLoss loss, Span<double> state, Span<double> workspace) where TLoss : ILoss;
}
