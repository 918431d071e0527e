using Dynamics.Fields;
using Dynamics.Numerics;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization;

/// <summary>
/// The continuous-time limit of Adam (Kingma &amp; Ba 2015; the ODE of Barakat &amp; Bianchi, SIAM J. Optim. 2021) on
/// the state (θ, m, v): ṁ = a(∇L − m), v̇ = b(∇L⊙∇L − v), θ̇ = −m̂/(√v̂ + ε), with the bias-corrected moments
/// m̂ = m/(1 − e^{−at}) and v̂ = v/(1 − e^{−bt}). The rates a = −ln β₁/γ and b = −ln β₂/γ make one step of the
/// discrete EMA (<see cref="Adam"/>) the exact flow of the moment equations over time γ, and e^{−at} = β₁ⁿ at t = nγ.
/// At t = 0 (where m = v = 0) the corrected moments take their limits ∇L and ∇L⊙∇L. Su reads Adam as RMSprop plus
/// momentum (kexue.fm/archives/6234, MODELS.md §3.2).
/// </summary>
/// <typeparam name="TLoss">The loss.</typeparam>
public readonly record struct AdamFlow<TLoss> : IModel where TLoss : ILoss
{
    /// <summary>Adam's flow for learning rate γ and decays β₁, β₂.</summary>
    /// <param name="loss">The loss L.</param>
    /// <param name="learningRate">γ &gt; 0, the time one discrete step represents.</param>
    /// <param name="beta1">β₁ ∈ (0, 1) (0.9 by default).</param>
    /// <param name="beta2">β₂ ∈ (0, 1) (0.999 by default).</param>
    /// <param name="epsilon">ε ≥ 0 (1e-8 by default).</param>
    /// <param name="biasCorrection">Whether to divide by 1 − e^{−at} and 1 − e^{−bt} as Adam does.</param>
    public AdamFlow(TLoss loss, double learningRate, double beta1 = 0.9, double beta2 = 0.999, double epsilon = 1e-8, bool biasCorrection = true)
    {
        ArgumentNullException.ThrowIfNull(loss);
        Loss = loss;
        LearningRate = learningRate;
        Beta1 = beta1;
        Beta2 = beta2;
        Epsilon = epsilon;
        BiasCorrection = biasCorrection;
    }

    /// <summary>The loss L.</summary>
    public TLoss Loss { get; }

    /// <summary>The learning rate γ &gt; 0: the flow time of one Adam step.</summary>
    public double LearningRate
    {
        get;
        init
        {
            Require.Positive(value, nameof(LearningRate));
            field = value;
        }
    }

    /// <summary>The first-moment decay β₁ ∈ (0, 1).</summary>
    public double Beta1
    {
        get;
        init
        {
            Adam.RequireDecay(value, nameof(Beta1));
            field = value;
        }
    }

    /// <summary>The second-moment decay β₂ ∈ (0, 1).</summary>
    public double Beta2
    {
        get;
        init
        {
            Adam.RequireDecay(value, nameof(Beta2));
            field = value;
        }
    }

    /// <summary>The denominator guard ε ≥ 0.</summary>
    public double Epsilon
    {
        get;
        init
        {
            Require.NonNegative(value, nameof(Epsilon));
            field = value;
        }
    }

    /// <summary>Whether the moments are bias-corrected.</summary>
    public bool BiasCorrection { get; init; }

    /// <summary>The first-moment rate a = −ln β₁/γ.</summary>
    public double FirstMomentRate => -Math.Log(Beta1) / LearningRate;

    /// <summary>The second-moment rate b = −ln β₂/γ.</summary>
    public double SecondMomentRate => -Math.Log(Beta2) / LearningRate;

    /// <inheritdoc/>
    public int Dimension => 3 * Loss.Dimension;

    /// <inheritdoc/>
    public string Name => $"Adam flow on {Loss.Name}";

    /// <inheritdoc/>
    public string Parameters => HeavyBallFlow<TLoss>.Combine(
        ParameterText.Of(("γ", LearningRate), ("β₁", Beta1), ("β₂", Beta2), ("ε", Epsilon)), Loss.Parameters);

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames =>
        [.. ComponentLabels.Indexed("θ", Loss.Dimension), .. ComponentLabels.Indexed("m", Loss.Dimension), .. ComponentLabels.Indexed("v", Loss.Dimension)];

    /// <summary>The initial state (θ₀, 0, 0).</summary>
    /// <param name="theta0">θ₀.</param>
    /// <returns>The state.</returns>
    public double[] InitialState(ReadOnlySpan<double> theta0)
    {
        Require.Length(theta0.Length, Loss.Dimension, nameof(theta0));
        var state = new double[Dimension];
        theta0.CopyTo(state);
        return state;
    }

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        int d = Loss.Dimension;
        double a = FirstMomentRate, b = SecondMomentRate;
        // The gradient goes into the θ block first and is consumed there.
        Loss.Gradient(y[..d], dydt[..d]);
        bool atStart = !(t > 0);
        double c1 = BiasCorrection && !atStart ? -AccurateMath.ExpM1(-a * t) : 1;
        double c2 = BiasCorrection && !atStart ? -AccurateMath.ExpM1(-b * t) : 1;
        for (int i = 0; i < d; i++)
        {
            double g = dydt[i], m = y[d + i], v = y[2 * d + i];
            double mHat = BiasCorrection && atStart ? g : m / c1;
            double vHat = BiasCorrection && atStart ? g * g : v / c2;
            double denominator = Math.Sqrt(vHat) + Epsilon;
            dydt[i] = denominator == 0 ? 0 : -mHat / denominator;
            dydt[d + i] = a * (g - m);
            dydt[2 * d + i] = b * (g * g - v);
        }
    }
}
