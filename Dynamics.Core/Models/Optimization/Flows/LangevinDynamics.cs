using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// SGD as the overdamped Langevin SDE dθ = −∇L(θ) dt + σ dW, with mini-batch noise modelled as Gaussian
/// (kexue.fm/archives/5655, docs/learning.md). <b>Convention</b> (docs/corrections.md, E1): with W a standard Wiener process the
/// stationary density is p∞(θ) ∝ exp(−2L(θ)/σ²), i.e. the temperature is σ²/2. Su's exp(−L/σ²) belongs to the other
/// normalisation dθ = −∇L dt + √2·σ dW. Euler–Maruyama with step γ, θₙ₊₁ = θₙ − γ∇L + σ√γ ξₙ, is SGD with learning
/// rate γ and gradient-noise standard deviation σ/√γ; its own stationary law differs at O(γ)
/// (<see cref="LangevinStationaryLaw"/>).
/// </summary>
/// <typeparam name="TLoss">The loss.</typeparam>
public readonly record struct LangevinDynamics<TLoss> : IStochasticField, IModel, ILaneField where TLoss : ILoss
{
    /// <summary>The Langevin SDE on <paramref name="loss"/> with noise amplitude <paramref name="sigma"/>.</summary>
    /// <param name="loss">The loss L.</param>
    /// <param name="sigma">σ ≥ 0.</param>
    public LangevinDynamics(TLoss loss, double sigma)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Loss = loss;
        Sigma = sigma;
    }

    /// <summary>The loss L.</summary>
    public TLoss Loss { get; }

    /// <summary>The noise amplitude σ ≥ 0 multiplying the standard Wiener increment dW.</summary>
    public double Sigma
    {
        get;
        init
        {
            Require.NonNegative(value, nameof(Sigma));
            field = value;
        }
    }

    /// <summary>The temperature σ²/2 of the stationary law exp(−L/T).</summary>
    public double Temperature => Sigma * Sigma / 2;

    /// <inheritdoc/>
    public int Dimension => Loss.Dimension;

    /// <inheritdoc/>
    public string Name => $"Langevin SGD on {Loss.Name}";

    /// <inheritdoc/>
    public string Parameters => FlowLabels.Combine(ParameterText.Of(("σ", Sigma)), Loss.Parameters);

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ComponentLabels.Indexed("θ", Loss.Dimension);

    /// <summary>The drift −∇L(θ).</summary>
    /// <param name="t">The time.</param>
    /// <param name="y">θ.</param>
    /// <param name="dydt">Receives −∇L(θ).</param>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <summary>The drift −∇L(θ): the gradient flow's formula (σ enters only the noise, so the drift reads no parameter of its own).</summary>
    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct =>
        new GradientFlow<TLoss>(Loss).Derivative(in parameters, t, in y, ref dydt);

    /// <summary>The constant noise amplitude σ in every component.</summary>
    /// <param name="t">The time.</param>
    /// <param name="y">θ.</param>
    /// <param name="amplitudes">Receives σ.</param>
    public void Diffusion(double t, ReadOnlySpan<double> y, Span<double> amplitudes) => amplitudes.Fill(Sigma);

    /// <summary>The unnormalised log stationary density −2L(θ)/σ² (convention E1).</summary>
    /// <param name="theta">θ.</param>
    /// <returns>log p∞(θ) up to a constant.</returns>
    public double StationaryLogDensity(ReadOnlySpan<double> theta)
    {
        Require.Length(theta.Length, Loss.Dimension, nameof(theta));
        return -2 * Loss.Value(theta) / (Sigma * Sigma);
    }
}
