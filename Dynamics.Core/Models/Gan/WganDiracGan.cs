using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Gan;

/// <summary>
/// The Dirac WGAN with an exact Lipschitz constraint, D(x) = x·φ/‖φ‖ (spectral normalisation), playing
/// min_θ max_φ −θ·φ/‖φ‖ (kexue.fm/archives/6583, docs/gan.md): φ̇ = −θ/‖φ‖ + (θ·φ)φ/‖φ‖³ − μφ and θ̇ = φ/‖φ‖.
/// The φ-gradient is orthogonal to φ, so ‖φ‖·e^{μt} is conserved (‖φ‖ ≡ √0.05 from the standard start without L2),
/// and θ moves at unit speed forever: there is no equilibrium, only circulation. The field is singular at φ = 0,
/// where it returns 0.
/// </summary>
public readonly record struct WganDiracGan : IDiracGanFlow
{
    /// <summary>The 2-D WGAN without weight decay.</summary>
    public WganDiracGan()
        : this(0.0)
    {
    }

    /// <summary>The WGAN with weight decay μ in d dimensions.</summary>
    /// <param name="weightDecay">μ ≥ 0.</param>
    /// <param name="playerDimension">d ≥ 1.</param>
    public WganDiracGan(double weightDecay, int playerDimension = 2)
    {
        WeightDecay = weightDecay;
        PlayerDimension = playerDimension;
    }

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
    public string Name => "WGAN Dirac GAN (exact Lipschitz)";

    /// <summary>‖φ‖·e^{μt}, conserved (‖φ‖ itself without weight decay).</summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            int d = PlayerDimension;
            double mu = WeightDecay;
            return [new Invariant(mu == 0 ? "‖φ‖" : "‖φ‖·e^{μt}", (t, y) => DiracGan.DiscriminatorNorm(y, d) * Math.Exp(mu * t))];
        }
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
        // φ̇ = −θ/‖φ‖ + (θ·φ)φ/‖φ‖³ − μφ, θ̇ = φ/‖φ‖; the direction φ/‖φ‖ is undefined at φ = 0, where the field is 0.
        int d = PlayerDimension;
        T mu = parameters.Read(0, WeightDecay), zero = T.Create(0.0);
        T norm2 = DiracGan.Dot<T, TVector>(y, 0, 0, d);
        T inverse = T.Create(1.0) / T.Sqrt(norm2);
        T projection = DiracGan.Dot<T, TVector>(y, d, 0, d) * inverse * inverse * inverse;
        for (int i = 0; i < d; i++)
        {
            T phi = y[i];
            dydt[i] = T.WhereZero(norm2, zero, -y[d + i] * inverse + projection * phi - mu * phi);
            dydt[d + i] = T.WhereZero(norm2, zero, phi * inverse);
        }
    }
}
