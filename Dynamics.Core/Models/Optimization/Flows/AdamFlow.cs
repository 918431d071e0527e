using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// The continuous-time limit of Adam (Kingma &amp; Ba 2015; the ODE of Barakat &amp; Bianchi, SIAM J. Optim. 2021) on
/// the state (θ, m, v): ṁ = a(∇L − m), v̇ = b(∇L⊙∇L − v), θ̇ = −m̂/(√v̂ + ε), with the bias-corrected moments
/// m̂ = m/(1 − e^{−at}) and v̂ = v/(1 − e^{−bt}). The rates a = −ln β₁/γ and b = −ln β₂/γ of the discrete
/// <see cref="Optimizers.Adam"/> make one of its EMA steps the exact flow of the moment equations over time γ,
/// and e^{−at} = β₁ⁿ at t = nγ. At t = 0 (where m = v = 0) the corrected moments take their limits ∇L and ∇L⊙∇L.
/// Su reads Adam as RMSprop plus momentum (kexue.fm/archives/6234, docs/learning.md).
/// </summary>
/// <typeparam name="TLoss">The loss.</typeparam>
public readonly record struct AdamFlow<TLoss> : IModel, ILaneField where TLoss : ILoss
{
    /// <summary>The flow of the discrete optimizer <paramref name="adam"/>.</summary>
    /// <param name="loss">The loss L.</param>
    /// <param name="adam">The optimizer whose learning rate γ, decays β₁, β₂ and guard ε the flow takes.</param>
    /// <param name="biasCorrection">Whether to divide by 1 − e^{−at} and 1 − e^{−bt} as Adam does.</param>
    public AdamFlow(TLoss loss, Adam adam, bool biasCorrection = true)
    {
        ArgumentNullException.ThrowIfNull(loss);
        ArgumentNullException.ThrowIfNull(adam);
        Loss = loss;
        Adam = adam;
        BiasCorrection = biasCorrection;
    }

    /// <summary>The loss L.</summary>
    public TLoss Loss { get; }

    /// <summary>The optimizer's hyper-parameters (γ is the flow time of one Adam step).</summary>
    public Adam Adam { get; }

    /// <summary>Whether the moments are bias-corrected.</summary>
    public bool BiasCorrection { get; init; }

    /// <summary>The first-moment rate a = −ln β₁/γ.</summary>
    public double FirstMomentRate => -Math.Log(Adam.Beta1) / Adam.LearningRate;

    /// <summary>The second-moment rate b = −ln β₂/γ.</summary>
    public double SecondMomentRate => -Math.Log(Adam.Beta2) / Adam.LearningRate;

    /// <inheritdoc/>
    public int Dimension => 3 * Loss.Dimension;

    /// <inheritdoc/>
    public string Name => $"Adam flow on {Loss.Name}";

    /// <inheritdoc/>
    public string Parameters => FlowLabels.Combine(Adam.Parameters, Loss.Parameters);

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
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        // a, b, ε and the bias-correction switch w ∈ {0, 1} are parameters 0–3 (so lanes may differ in each), the loss's follow.
        int d = Loss.Dimension;
        T a = parameters.Read(0, FirstMomentRate), b = parameters.Read(1, SecondMomentRate);
        T epsilon = parameters.Read(2, Adam.Epsilon), w = parameters.Read(3, BiasCorrection ? 1.0 : 0.0);
        T zero = T.Create(0.0), one = T.Create(1.0);
        // The gradient goes into the θ block first and is consumed there.
        Loss.Gradient<T, OffsetParameters<T, TParameters>, TVector>(new OffsetParameters<T, TParameters>(parameters, 4), in y, ref dydt);
        // The corrections 1 − e^{−at}, 1 − e^{−bt} (exactly 1 when w = 0) vanish at t ≤ 0, where the corrected moments
        // take their limits ∇L and ∇L⊙∇L.
        T elapsed = T.Max(t, zero);
        T c1 = w * -T.ExpM1(-(a * elapsed)) + (one - w);
        T c2 = w * -T.ExpM1(-(b * elapsed)) + (one - w);
        for (int i = 0; i < d; i++)
        {
            T g = dydt[i], m = y[d + i], v = y[2 * d + i];
            T mHat = T.WhereZero(c1, g, m / c1);
            T vHat = T.WhereZero(c2, g * g, v / c2);
            T denominator = T.Sqrt(vHat) + epsilon;
            dydt[i] = T.WhereZero(denominator, zero, -mHat / denominator);
            dydt[d + i] = a * (g - m);
            dydt[2 * d + i] = b * (g * g - v);
        }
    }
}
