using System.Numerics;
using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Gan;

/// <summary>
/// Su's GAN-QP (quadratic potential) as a Dirac GAN (kexue.fm/archives/6583, docs/gan.md): the discriminator
/// loss E[D(x_f) − D(x_r) + (D(x_f) − D(x_r))²/(2λ‖x_f − x_r‖)] gives φ̇ = −θ − (θ·φ)θ/(λ‖θ‖) − μφ and θ̇ = φ.
/// The author's script divides by ‖φ‖ instead (docs/corrections.md, E6; <see cref="GanQpDenominator"/>); both conserve
/// J₂·e^{μt} and have non-increasing energy (dE/dt = −(θ·φ)²/(λ‖·‖) − μ‖φ‖²), so without L2 they circle forever
/// around the equilibrium; with it they spiral in. The quadratic term is second order at 0, so the Jacobian there
/// is [[−μI, −I], [I, 0]] with eigenvalues (−μ ± √(μ² − 4))/2 (±i at μ = 0). Where the denominator vanishes the
/// quadratic term (which tends to 0) is taken as 0.
/// </summary>
public readonly record struct GanQpDiracGan : IDiracGanFlow
{
    /// <summary>The article's GAN-QP: λ = 1, ‖θ‖ denominator, no weight decay, d = 2.</summary>
    public GanQpDiracGan()
        : this(1.0)
    {
    }

    /// <summary>GAN-QP with quadratic weight 1/λ.</summary>
    /// <param name="lambda">λ &gt; 0.</param>
    /// <param name="weightDecay">μ ≥ 0.</param>
    /// <param name="denominator">Which norm divides the quadratic term.</param>
    /// <param name="playerDimension">d ≥ 1.</param>
    public GanQpDiracGan(double lambda, double weightDecay = 0, GanQpDenominator denominator = GanQpDenominator.Generator, int playerDimension = 2)
    {
        WeightDecay = weightDecay;
        PlayerDimension = playerDimension;
        Lambda = lambda;
        Denominator = denominator;
    }

    /// <summary>The scale λ &gt; 0 of the quadratic potential.</summary>
    public double Lambda
    {
        get;
        init
        {
            Require.Positive(value, nameof(Lambda));
            field = value;
        }
    }

    /// <summary>Which norm divides the quadratic term.</summary>
    public GanQpDenominator Denominator
    {
        get;
        init
        {
            RequireDefined.Value(value, nameof(Denominator));
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
    public string Name => "GAN-QP Dirac GAN";

    /// <summary>J₂·e^{μt} (2-D) conserved; the energy non-increasing.</summary>
    public IReadOnlyList<Invariant> Invariants => DiracGan.AngularMomentumAndEnergy(PlayerDimension, WeightDecay, InvariantKind.NonIncreasing);

    /// <summary>The closed-form eigenvalues at the equilibrium: (−μ ± √(μ² − 4))/2, each d times.</summary>
    /// <returns>The eigenvalues, sorted.</returns>
    public Complex[] EquilibriumEigenvalues() => DiracGan.EquilibriumEigenvalues(WeightDecay, 1, PlayerDimension);

    /// <summary>The variant's own parameters in plain text.</summary>
    private string VariantParameters =>
        ParameterText.Of(("λ", Lambda)) + (Denominator == GanQpDenominator.Generator ? ", ‖θ‖ denominator" : ", ‖φ‖ denominator");

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
        T mu = parameters.Read(0, WeightDecay), lambda = parameters.Read(1, Lambda);
        int denominator = Denominator == GanQpDenominator.Generator ? d : 0;
        T norm = T.Sqrt(DiracGan.Dot<T, TVector>(y, denominator, denominator, d));
        // The quadratic term (θ·φ)/(λ‖·‖) is 0 where the norm is 0 (its limit along any path is bounded by ‖θ or φ‖/λ).
        T quadratic = T.WhereZero(norm, T.Create(0.0), DiracGan.Dot<T, TVector>(y, d, 0, d) / (lambda * norm));
        DiracGan.BlockDerivative(in y, ref dydt, d, T.Create(1.0) + quadratic, mu, T.Create(1.0));
    }
}
