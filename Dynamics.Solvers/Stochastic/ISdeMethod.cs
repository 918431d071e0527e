using Dynamics.Fields;

namespace Dynamics.Solvers.Stochastic;

/// <summary>
/// A fixed-step method for Itô SDEs with diagonal noise (<see cref="IStochasticField"/>). Immutable and shareable;
/// <see cref="CreateStepper{TField}"/> gives each trajectory (or worker) its own allocation-free workspace.
/// </summary>
public interface ISdeMethod
{
    /// <summary>The method's name, e.g. "Euler–Maruyama".</summary>
    string Name { get; }

    /// <summary>The strong (pathwise) order: E|X_N − X(T)| = O(h^order).</summary>
    double StrongOrder { get; }

    /// <summary>The weak order: |E φ(X_N) − E φ(X(T))| = O(h^order) for smooth φ.</summary>
    int WeakOrder { get; }

    /// <summary>Drift evaluations per step (a diffusion sampler's score evaluations per step).</summary>
    int DriftEvaluationsPerStep { get; }

    /// <summary>Creates a workspace for <paramref name="field"/>.</summary>
    /// <typeparam name="TField">The field type; a struct is devirtualised.</typeparam>
    /// <param name="field">The SDE's coefficients.</param>
    /// <returns>The stepper.</returns>
    ISdeStepper CreateStepper<TField>(TField field) where TField : IStochasticField;
}
