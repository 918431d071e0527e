using System.Numerics;
using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Gan;

/// <summary>
/// The Dirac WGAN-GP with penalty λ(‖∇ₓD‖ − c)² (kexue.fm/archives/6583, docs/gan.md): ∇ₓD = φ whatever the
/// sampling distribution, so φ̇ = −θ − 2λ(1 − c/‖φ‖)φ − μφ and θ̇ = φ.
/// <list type="bullet">
/// <item>c = 0 (zero-centred, "WGAN-div") is linear, θ̈ + (2λ + μ)θ̇ + θ = 0: eigenvalues −λ ± i√(1 − λ²) at μ = 0
/// (−0.1 ± 0.994987i for λ = 0.1), the only Dirac GAN of the article that converges; J₂ = J₂(0)e^{−(2λ + μ)t}, and
/// <see cref="ExactState"/> gives the closed form (θ(5) = (−0.03915955, −0.10788429) from the standard start).</item>
/// <item>c = 1 has an attracting limit cycle ‖θ‖ = ‖φ‖ = 1, θ ⟂ φ, angular frequency 1, J₂ = 1, for every λ &gt; 0
/// ("converges to a circle"); it is singular at φ = 0 (the penalty's direction φ/‖φ‖), where that term is taken as 0.</item>
/// </list>
/// </summary>
public readonly record struct WganGpDiracGan : IDiracGanFlow, IJacobianField
{
    /// <summary>The article's zero-centred WGAN-GP: λ = 0.1, c = 0, no weight decay, d = 2.</summary>
    public WganGpDiracGan()
        : this(0.1, 0.0)
    {
    }

    /// <summary>WGAN-GP with penalty weight λ and centre c.</summary>
    /// <param name="lambda">λ ≥ 0.</param>
    /// <param name="center">c ≥ 0 (0 or 1 in the article).</param>
    /// <param name="weightDecay">μ ≥ 0.</param>
    /// <param name="playerDimension">d ≥ 1.</param>
    public WganGpDiracGan(double lambda, double center, double weightDecay = 0, int playerDimension = 2)
    {
        WeightDecay = weightDecay;
        PlayerDimension = playerDimension;
        Lambda = lambda;
        Center = center;
    }

    /// <summary>The gradient-penalty weight λ ≥ 0.</summary>
    public double Lambda
    {
        get;
        init
        {
            Require.NonNegative(value, nameof(Lambda));
            field = value;
        }
    }

    /// <summary>The penalty's centre c ≥ 0: 0 for zero-centred, 1 for the usual 1-centred WGAN-GP.</summary>
    public double Center
    {
        get;
        init
        {
            Require.NonNegative(value, nameof(Center));
            field = value;
        }
    }

    /// <inheritdoc/>
    public double WeightDecay { get; init => field = DiracGan.CheckedWeightDecay(value); }

    /// <inheritdoc/>
    public int PlayerDimension { get; init => field = DiracGan.CheckedPlayerDimension(value); }

    /// <inheritdoc/>
    public int Dimension => 2 * PlayerDimension;

    /// <summary>The variant's own parameters, then the weight decay (when μ &gt; 0) and d (when d ≠ 2).</summary>
    public string Parameters => DiracGan.FlowParameters(VariantParameters, WeightDecay, PlayerDimension);

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => DiracGan.ComponentNames(PlayerDimension);

    /// <inheritdoc/>
    public string Name => "WGAN-GP Dirac GAN";

    /// <summary>For c = 0: J₂·e^{(2λ + μ)t} (2-D) conserved and the energy non-increasing. For c ≠ 0 there is no closed law.</summary>
    public IReadOnlyList<Invariant> Invariants =>
        Center == 0 ? DiracGan.AngularMomentumAndEnergy(PlayerDimension, 2 * Lambda + WeightDecay, InvariantKind.NonIncreasing) : [];

    /// <summary>The closed-form eigenvalues at the equilibrium for c = 0: (−k ± √(k² − 4))/2 with k = 2λ + μ, each d times.</summary>
    /// <returns>The eigenvalues, sorted.</returns>
    /// <exception cref="InvalidOperationException">c ≠ 0: the field is not differentiable at φ = 0.</exception>
    public Complex[] EquilibriumEigenvalues()
    {
        RequireZeroCentred(nameof(EquilibriumEigenvalues));
        return DiracGan.EquilibriumEigenvalues(2 * Lambda + WeightDecay, 1, PlayerDimension);
    }

    /// <summary>
    /// The exact state at time t for c = 0: each coordinate solves θ̈ + kθ̇ + θ = 0 with θ̇(0) = φ₀, k = 2λ + μ, so
    /// θ(t) = e^{−kt/2}[θ₀cos ωt + ((φ₀ + kθ₀/2)/ω) sin ωt] with ω = √(1 − k²/4), and φ = θ̇ (<see cref="DampedOscillator"/>).
    /// </summary>
    /// <param name="initialState">(φ₀, θ₀).</param>
    /// <param name="t">The time.</param>
    /// <param name="state">Receives (φ(t), θ(t)).</param>
    /// <exception cref="InvalidOperationException">c ≠ 0: there is no closed form.</exception>
    public void ExactState(ReadOnlySpan<double> initialState, double t, Span<double> state)
    {
        RequireZeroCentred(nameof(ExactState));
        int d = PlayerDimension;
        Require.Length(initialState.Length, 2 * d, nameof(initialState));
        Require.Length(state.Length, 2 * d, nameof(state));
        for (int i = 0; i < d; i++)
        {
            var (theta, phi) = DampedOscillator.Solve(2 * Lambda + WeightDecay, 1, initialState[d + i], initialState[i], t);
            state[i] = phi;
            state[d + i] = theta;
        }
    }

    /// <summary>The variant's own parameters in plain text.</summary>
    private string VariantParameters => ParameterText.Of(("λ", Lambda), ("c", Center));

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        int d = PlayerDimension;
        T mu = parameters.Read(0, WeightDecay), lambda = parameters.Read(1, Lambda), center = parameters.Read(2, Center);
        T norm = T.Sqrt(DiracGan.Dot<T, TVector>(y, 0, 0, d));
        T two = T.Create(2.0);
        // The 1-centred penalty pushes φ out along φ/‖φ‖, which is undefined (and taken as 0) at φ = 0; with c = 0 it is 0.
        T push = T.WhereZero(norm, T.Create(0.0), two * lambda * center / norm);
        T damping = two * lambda + mu - push;
        for (int i = 0; i < d; i++)
        {
            T phi = y[i];
            dydt[i] = -y[d + i] - damping * phi;
            dydt[d + i] = phi;
        }
    }

    /// <summary>
    /// The exact Jacobian by automatic differentiation of the formula; at φ = 0 with c ≠ 0 the field is not
    /// differentiable (the penalty's direction φ/‖φ‖ jumps), which is an error.
    /// </summary>
    /// <param name="t">The time.</param>
    /// <param name="y">The state (φ, θ).</param>
    /// <param name="jacobian">Receives the 2d × 2d matrix, row-major.</param>
    public void Jacobian(double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        if (Center != 0 && y.Length >= PlayerDimension && DiracGan.Norm(y, 0, PlayerDimension) == 0)
            throw new ArgumentException($"The WGAN-GP field with c = {Require.Format(Center)} is not differentiable at φ = 0.", nameof(y));
        LaneField.Jacobian(this, t, y, jacobian);
    }

    private void RequireZeroCentred(string member)
    {
        if (Center != 0)
            throw new InvalidOperationException($"{member} exists only for the zero-centred penalty c = 0, but c = {Require.Format(Center)}.");
    }
}
