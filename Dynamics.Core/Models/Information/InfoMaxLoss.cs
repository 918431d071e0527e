using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// Su's Deep InfoMax loss on the <see cref="LinearGaussianEncoder"/>, L(a, s) = −β I(a, s) + γ E_x KL(p(z|x)‖N(0, 1))
/// (kexue.fm/archives/6024; β = 1 + λ, γ = λ for −I + λ KL(p(z)‖q)). By the prior-matching identity
/// L = −(β − γ) I + γ KL(p(z)‖q). Derived here: with the noise fixed (<see cref="OptimiseNoise"/> false),
/// ∂L/∂(a²) = 0 gives the optimum a*² = max(0, β/γ − s²), I* = ½ ln(β/(γ s²)) when positive: β/γ trades information
/// against the prior. With s free there is no stationary point: along the gradient flow the aggregate variance
/// v = a² + s² obeys v̇ = 2γ(1 − v) exactly, so v(t) = 1 + (v₀ − 1)e^{−2γt} (the marginal matches the prior), while
/// d(s²)/dt = 2s²(β/v − γ) − 2(β − γ): for β &gt; γ the noise reaches 0 in finite time and I grows without bound (a
/// deterministic encoder); for β &lt; γ the gain decays and I → 0.
/// </summary>
public sealed record InfoMaxLoss : ILoss
{
    /// <summary>The loss with weights β (information) and γ (prior).</summary>
    /// <param name="informationWeight">β &gt; 0.</param>
    /// <param name="priorWeight">γ &gt; 0.</param>
    /// <param name="optimiseNoise">Whether s is a parameter (true) or held fixed (false: ∂L/∂s is reported as 0).</param>
    public InfoMaxLoss(double informationWeight, double priorWeight, bool optimiseNoise = true)
    {
        Require.Positive(informationWeight, nameof(informationWeight));
        Require.Positive(priorWeight, nameof(priorWeight));
        InformationWeight = informationWeight;
        PriorWeight = priorWeight;
        OptimiseNoise = optimiseNoise;
    }

    /// <summary>β.</summary>
    public double InformationWeight { get; }

    /// <summary>γ.</summary>
    public double PriorWeight { get; }

    /// <summary>Whether the flow moves s.</summary>
    public bool OptimiseNoise { get; }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "−βI + γ E KL(p(z|x)‖N(0, 1))";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("β", InformationWeight), ("γ", PriorWeight));

    /// <summary>The optimal gain for a fixed noise s: a* = √max(0, β/γ − s²).</summary>
    /// <param name="noise">s &gt; 0.</param>
    /// <returns>a* ≥ 0.</returns>
    public double OptimalGain(double noise)
    {
        Require.Positive(noise, nameof(noise));
        return Math.Sqrt(Math.Max(0, InformationWeight / PriorWeight - noise * noise));
    }

    /// <summary>The aggregate variance a² + s² along the flow with s free: 1 + (v₀ − 1)e^{−2γt}.</summary>
    /// <param name="time">t ≥ 0.</param>
    /// <param name="initialVariance">v₀ = a₀² + s₀² &gt; 0.</param>
    /// <returns>v(t).</returns>
    public double AggregateVariance(double time, double initialVariance)
    {
        Require.NonNegative(time, nameof(time));
        Require.Positive(initialVariance, nameof(initialVariance));
        return 1 + (initialVariance - 1) * Math.Exp(-2 * PriorWeight * time);
    }

    /// <summary>
    /// I(X; Z) at time t along the gradient flow with s free, from the closed-form solution of d(s²)/dt: u = s² obeys the
    /// linear ODE u̇ = A(t)u − 2(β − γ) with A = 2(β/v(t) − γ), v(t) = 1 + c e^{−2γt}, c = v₀ − 1, whose integrating factor
    /// is Φ(t) = 2(β − γ)t + (β/γ) ln((1 + c e^{−2γt})/(1 + c)); so u(t) = e^{Φ(t)}(u₀ − 2(β − γ) ∫₀ᵗ e^{−Φ}) (the integral by
    /// composite Simpson with 20,000 intervals, error far below 1e-10 for t ≲ 10) and I = ½ ln(v/u). Valid while u &gt; 0.
    /// </summary>
    /// <param name="time">t ≥ 0.</param>
    /// <param name="initialGain">a₀, finite.</param>
    /// <param name="initialNoise">s₀ &gt; 0.</param>
    /// <returns>I(t) in nats.</returns>
    public double InformationAlongFreeFlow(double time, double initialGain, double initialNoise)
    {
        Require.NonNegative(time, nameof(time));
        Require.Finite(initialGain, nameof(initialGain));
        Require.Positive(initialNoise, nameof(initialNoise));
        double beta = InformationWeight, gamma = PriorWeight, u0 = initialNoise * initialNoise, c = initialGain * initialGain + u0 - 1;
        double Phi(double t) => 2 * (beta - gamma) * t + beta / gamma * Math.Log((1 + c * Math.Exp(-2 * gamma * t)) / (1 + c));
        const int intervals = 20_000;
        double h = time / intervals, integral = Math.Exp(-Phi(0)) + Math.Exp(-Phi(time));
        for (int k = 1; k < intervals; k++) integral += (k % 2 == 1 ? 4 : 2) * Math.Exp(-Phi(k * h));
        double u = Math.Exp(Phi(time)) * (u0 - 2 * (beta - gamma) * integral * h / 3);
        return 0.5 * Math.Log(AggregateVariance(time, 1 + c) / u);
    }

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta)
    {
        _ = Encoder(theta);  // validates the gain and the noise
        return LossValue.Evaluate(this, theta);
    }

    /// <inheritdoc/>
    /// <remarks>The weights are parameters 0 and 1, as in the gradient.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T information = parameters.Read(0, InformationWeight), prior = parameters.Read(1, PriorWeight);
        T a = theta[0], s = theta[1];
        return -information * LinearGaussianEncoder.MutualInformationOf(a, s) + prior * LinearGaussianEncoder.ExpectedKlToPriorOf(a, s);
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        Require.Length(gradient.Length, 2, nameof(gradient));
        _ = Encoder(theta);  // validates the gain and the noise
        LossGradient.Evaluate(this, theta, gradient);
    }

    /// <inheritdoc/>
    /// <remarks>The weights are parameters 0 and 1; whether the noise is optimised is structure.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T, TParameters, TVector>(in TParameters parameters, in TVector theta, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T information = parameters.Read(0, InformationWeight), prior = parameters.Read(1, PriorWeight), one = T.Create(1.0);
        T a = theta[0], s = theta[1], v = a * a + s * s;
        // I = ½ ln(a² + s²) − ½ ln s²; E KL = ½(a² + s² − ln s² − 1).
        gradient[0] = -information * a / v + prior * a;
        gradient[1] = OptimiseNoise ? -information * (s / v - one / s) + prior * (s - one / s) : T.Create(0.0);
    }

    private static LinearGaussianEncoder Encoder(ReadOnlySpan<double> theta)
    {
        Require.Length(theta.Length, 2, nameof(theta));
        return new LinearGaussianEncoder(theta[0], theta[1]);
    }
}
