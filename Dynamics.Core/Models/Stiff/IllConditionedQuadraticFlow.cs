using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Stiff;

/// <summary>
/// The gradient flow θ̇ = −Λθ of the quadratic loss L(θ) = ½θᵀΛθ with Λ = diag(λ₁ … λₙ), λᵢ = κ^{(i−1)/(n−1)}
/// log-spaced from 1 to the condition number κ. Its closed form is θᵢ(t) = e^{−λᵢt}θᵢ(0). Gradient descent with learning
/// rate γ is explicit Euler on it and is stable only for γ &lt; 2/L with L = λₙ = κ (the stability interval (−2, 0) of
/// Euler's method), so GD needs ~κ steps to resolve the slowest mode, while an L-stable implicit method takes steps
/// governed by accuracy alone. With κ = 10⁶ the flow is stiff.
/// </summary>
public sealed record IllConditionedQuadraticFlow : IModel, ILaneField, IJacobianField, ITimeDerivativeField
{
    private readonly double[] _curvatures;

    /// <summary>Creates the flow.</summary>
    /// <param name="dimension">n ≥ 2.</param>
    /// <param name="conditionNumber">κ ≥ 1 (λₙ/λ₁).</param>
    public IllConditionedQuadraticFlow(int dimension, double conditionNumber)
    {
        Require.AtLeast(dimension, 2, nameof(dimension));
        Require.Finite(conditionNumber, nameof(conditionNumber));
        if (conditionNumber < 1) throw new ArgumentOutOfRangeException(nameof(conditionNumber), conditionNumber, $"The condition number must be at least 1, not {Require.Format(conditionNumber)}.");
        Dimension = dimension;
        ConditionNumber = conditionNumber;
        _curvatures = new double[dimension];
        for (int i = 0; i < dimension; i++) _curvatures[i] = Math.Pow(conditionNumber, i / (dimension - 1.0));
        _curvatures[dimension - 1] = conditionNumber;
    }

    /// <summary>κ = λₙ/λ₁.</summary>
    public double ConditionNumber { get; }

    /// <summary>The curvatures λᵢ (eigenvalues of the Hessian), increasing.</summary>
    public IReadOnlyList<double> Curvatures => _curvatures;

    /// <summary>The Lipschitz constant of ∇L, L = λₙ = κ.</summary>
    public double Lipschitz => _curvatures[^1];

    /// <summary>Gradient descent's stability limit 2/L: for γ above it the stiffest mode grows like |1 − γL|ⁿ.</summary>
    public double LargestStableLearningRate => 2 / Lipschitz;

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public string Name => "Gradient flow on an ill-conditioned quadratic";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("n", Dimension), ("κ", ConditionNumber));

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ComponentLabels.Indexed("θ", Dimension);

    /// <summary>The loss L(θ) = ½ Σ λᵢθᵢ².</summary>
    /// <param name="theta">θ.</param>
    /// <returns>L(θ).</returns>
    public double Loss(ReadOnlySpan<double> theta)
    {
        double sum = 0;
        for (int i = 0; i < Dimension; i++) sum += _curvatures[i] * theta[i] * theta[i];
        return 0.5 * sum;
    }

    /// <summary>The closed form θᵢ(t) = e^{−λᵢt}θᵢ(0).</summary>
    /// <param name="initial">θ(0).</param>
    /// <param name="t">The time.</param>
    /// <param name="state">Receives θ(t).</param>
    public void Exact(ReadOnlySpan<double> initial, double t, Span<double> state)
    {
        for (int i = 0; i < Dimension; i++) state[i] = Math.Exp(-_curvatures[i] * t) * initial[i];
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
        // The curvatures follow from n and κ through powers: constants of the formula, not lane parameters.
        for (int i = 0; i < Dimension; i++) dydt[i] = -T.Create(_curvatures[i]) * y[i];
    }

    /// <summary>The exact Jacobian, by forward-mode automatic differentiation of the one formula (<see cref="LaneField.Jacobian{TField}"/>).</summary>
    /// <inheritdoc/>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian) => LaneField.Jacobian(this, t, y, jacobian);

    /// <inheritdoc/>
    public void TimeDerivative(double t, ReadOnlySpan<double> y, Span<double> derivative) => derivative[..Dimension].Clear();
}
