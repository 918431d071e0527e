namespace Dynamics.Models.Estimators;

/// <summary>A differentiable f: ℝ → ℝ inside L(θ) = E_{z∼p_θ}[f(z)]; the reparameterized estimator needs f′.</summary>
public interface ISmoothObjective
{
    /// <summary>f(z).</summary>
    /// <param name="z">The sample.</param>
    /// <returns>The value.</returns>
    double Value(double z);

    /// <summary>f′(z).</summary>
    /// <param name="z">The sample.</param>
    /// <returns>The derivative.</returns>
    double Derivative(double z);
}
