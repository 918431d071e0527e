using System.Numerics;
using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Gan;

/// <summary>
/// The vanilla Dirac GAN (kexue.fm/archives/6583, docs/gan.md). The discriminator minimises −log(1 − σ(θ·φ)) with
/// optional L2 weight decay μ, so φ̇ = −σ(θ·φ)θ − μφ. The generator is either non-saturating (the default; it
/// minimises −log σ(θ·φ), θ̇ = (1 − σ(θ·φ))φ) or saturating zero-sum (it minimises log(1 − σ(θ·φ)), θ̇ = σ(θ·φ)φ).
/// At the equilibrium 0 both have the Jacobian [[−μI, −½I], [½I, 0]] with eigenvalues (−μ ± √(μ² − 1))/2 (±i/2 at
/// μ = 0: a centre, period 4π). In 2-D J₂·e^{μt} is conserved (J₂ = 0.03 from the standard start, so without L2 the
/// flow circles forever). The energy ½(‖φ‖² + ‖θ‖²) never increases, and for the saturating game without L2 it is
/// conserved: exact circles, even in 1-D, where the non-saturating game converges only as r² ≈ 8/t (docs/corrections.md, E3).
/// </summary>
public readonly record struct VanillaDiracGan : IDiracGanFlow
{
    /// <summary>The 2-D non-saturating GAN without weight decay.</summary>
    public VanillaDiracGan()
        : this(0.0)
    {
    }

    /// <summary>The vanilla GAN with weight decay μ in d dimensions.</summary>
    /// <param name="weightDecay">μ ≥ 0.</param>
    /// <param name="playerDimension">d ≥ 1 (2 in the article).</param>
    /// <param name="saturating">True for the saturating zero-sum generator loss.</param>
    public VanillaDiracGan(double weightDecay, int playerDimension = 2, bool saturating = false)
    {
        WeightDecay = weightDecay;
        PlayerDimension = playerDimension;
        Saturating = saturating;
    }

    /// <summary>True for the saturating zero-sum generator (θ̇ = σφ), false for the non-saturating one (θ̇ = (1 − σ)φ).</summary>
    public bool Saturating { get; init; }

    /// <inheritdoc/>
    public double WeightDecay { get; init => field = DiracGan.CheckedWeightDecay(value); }

    /// <inheritdoc/>
    public int PlayerDimension { get; init => field = DiracGan.CheckedPlayerDimension(value); }

    /// <inheritdoc/>
    public int Dimension => 2 * PlayerDimension;

    /// <summary>The weight decay (when μ &gt; 0) and d (when d ≠ 2); the variant has no parameters of its own.</summary>
    public string Parameters => DiracGan.FlowParameters("", WeightDecay, PlayerDimension);

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => DiracGan.ComponentNames(PlayerDimension);

    /// <inheritdoc/>
    public string Name => Saturating ? "Saturating (zero-sum) Dirac GAN" : "Vanilla (non-saturating) Dirac GAN";

    /// <summary>
    /// J₂·e^{μt} (2-D) is conserved; the energy is non-increasing (dE/dt = (θ·φ)(1 − 2σ) − μ‖φ‖² for the
    /// non-saturating game, −μ‖φ‖² for the saturating one, where it is conserved at μ = 0).
    /// </summary>
    public IReadOnlyList<Invariant> Invariants => DiracGan.AngularMomentumAndEnergy(PlayerDimension, WeightDecay,
        Saturating && WeightDecay == 0 ? InvariantKind.Conserved : InvariantKind.NonIncreasing);

    /// <summary>The closed-form eigenvalues at the equilibrium: (−μ ± √(μ² − 1))/2, each d times.</summary>
    /// <returns>The eigenvalues, sorted.</returns>
    public Complex[] EquilibriumEigenvalues() => DiracGan.EquilibriumEigenvalues(WeightDecay, 0.5, PlayerDimension);

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
        T mu = parameters.Read(0, WeightDecay);
        T s = FieldFunctions.Sigmoid(DiracGan.Dot<T, TVector>(y, d, 0, d));
        DiracGan.BlockDerivative(in y, ref dydt, d, s, mu, Saturating ? s : T.Create(1.0) - s);
    }
}
