using System.Runtime.CompilerServices;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Optimization.Flows;

/// <summary>
/// Su's scalar toy for why SimSiam does not collapse (kexue.fm/archives/7980, docs/learning.md): predictor φ, encoder
/// θ, loss l = ½(φθ − θ)², state (φ, θ) with φ̇ = −(φθ − θ)θ and θ̇ as chosen by <see cref="Gradient"/>. From
/// (φ, θ) = (0.6, 0.1): with stop-gradient θ² − φ² = −0.35 is conserved, φ → 1 and θ → √0.65 = 0.8062258 (no
/// collapse); with the full gradient (φ − 1)² − θ² = 0.15 is conserved, θ → 0 and φ → 1 − √0.15 = 0.6127017; with
/// only the second term φ + θ²/2 = 0.605 is conserved, θ → 0 and φ → 0.605.
/// </summary>
/// <param name="Gradient">Which gradient the encoder follows.</param>
public readonly record struct SimSiamToy(SimSiamGradient Gradient) : IModel, IHasInvariants, ILaneField
{
    /// <summary>Su's initial state (φ, θ) = (0.6, 0.1).</summary>
    public static IReadOnlyList<double> SuInitialState => [0.6, 0.1];

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "SimSiam toy ½(φθ − θ)²";

    /// <inheritdoc/>
    public string Parameters => Gradient switch
    {
        SimSiamGradient.StopGradient => "stop-gradient",
        SimSiamGradient.Full => "full gradient",
        _ => "second term only",
    };

    /// <inheritdoc/>
    public IReadOnlyList<string> ComponentNames => ["φ (predictor)", "θ (encoder)"];

    /// <summary>The conserved quantity of the chosen gradient.</summary>
    public IReadOnlyList<Invariant> Invariants
    {
        get
        {
            var gradient = Gradient;
            return [new Invariant(InvariantName(gradient), (t, y) => Conserved(gradient, y[0], y[1]))];
        }
    }

    /// <inheritdoc/>
    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

    /// <inheritdoc/>
    /// <remarks>Which gradient the encoder follows is structure, shared by every lane; the toy has no parameters.</remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T phi = y[0], theta = y[1];
        T residual = phi * theta - theta;
        dydt[0] = -residual * theta;
        dydt[1] = Gradient switch
        {
            SimSiamGradient.StopGradient => -residual * phi,
            SimSiamGradient.Full => -residual * (phi - T.Create(1.0)),
            _ => residual,
        };
    }

    /// <summary>
    /// The limit (φ∞, θ∞) predicted by the invariant from <paramref name="phi0"/>, <paramref name="theta0"/> with
    /// 0 &lt; φ₀ &lt; 1 and θ₀ &gt; 0 (where the flow converges to the branch on that side).
    /// </summary>
    /// <param name="phi0">φ₀ ∈ (0, 1).</param>
    /// <param name="theta0">θ₀ &gt; 0.</param>
    /// <returns>The limit.</returns>
    public (double Phi, double Theta) Limit(double phi0, double theta0)
    {
        if (!(phi0 > 0 && phi0 < 1))
            throw new ArgumentOutOfRangeException(nameof(phi0), phi0, $"phi0 must lie in (0, 1), but was {Validation.Require.Format(phi0)}.");
        Validation.Require.Positive(theta0, nameof(theta0));
        double c = Conserved(Gradient, phi0, theta0);
        return Gradient switch
        {
            // θ² − φ² = c; φ rises to 1 while θ grows.
            SimSiamGradient.StopGradient => (1, Math.Sqrt(c + 1)),
            // (φ − 1)² − θ² = c: for c > 0 the hyperbola meets θ = 0 at φ = 1 − √c; otherwise it reaches φ = 1 first.
            SimSiamGradient.Full => c > 0 ? (1 - Math.Sqrt(c), 0) : (1, Math.Sqrt(-c)),
            // φ + θ²/2 = c: θ decays while φ < 1, which holds all the way when c < 1.
            _ => c < 1 ? (c, 0) : (1, Math.Sqrt(2 * (c - 1))),
        };
    }

    private static string InvariantName(SimSiamGradient gradient) => gradient switch
    {
        SimSiamGradient.StopGradient => "θ² − φ²",
        SimSiamGradient.Full => "(φ − 1)² − θ²",
        _ => "φ + θ²/2",
    };

    private static double Conserved(SimSiamGradient gradient, double phi, double theta) => gradient switch
    {
        SimSiamGradient.StopGradient => theta * theta - phi * phi,
        SimSiamGradient.Full => (phi - 1) * (phi - 1) - theta * theta,
        _ => phi + theta * theta / 2,
    };
}
