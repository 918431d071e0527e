namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// A differentiable loss L: ℝᵈ → ℝ to be minimised, with its gradient. Implementations must not allocate in
/// <see cref="Value"/> and <see cref="Gradient"/>; optimizers and flows call them in their inner loops.
/// </summary>
public interface ILoss
{
    /// <summary>The number d of parameters θ.</summary>
    int Dimension { get; }

    /// <summary>The loss's name for titles, e.g. "Rosenbrock".</summary>
    string Name { get; }

    /// <summary>Its parameters in plain text, e.g. "a = 1, b = 100"; empty when there are none.</summary>
    string Parameters { get; }

    /// <summary>L(θ).</summary>
    /// <param name="theta">The parameters, length <see cref="Dimension"/>.</param>
    /// <returns>The loss.</returns>
    double Value(ReadOnlySpan<double> theta);

    /// <summary>Writes ∇L(θ) into <paramref name="gradient"/>.</summary>
    /// <param name="theta">The parameters, length <see cref="Dimension"/>.</param>
    /// <param name="gradient">Receives the gradient, length <see cref="Dimension"/>.</param>
    void Gradient(ReadOnlySpan<double> theta, Span<double> gradient);
}
