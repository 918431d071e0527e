using System.Numerics;
using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Gan;

/// <summary>
/// Shared facts about the Dirac GAN (Mescheder, Geiger &amp; Nowozin, arXiv 1801.04406; Su, kexue.fm/archives/6583,
/// docs/gan.md): real data is the point 0, the generator is the point θ ∈ ℝᵈ and the discriminator is linear,
/// D(x) = φ·x. States are ordered (φ, θ) = (φ₁ … φ_d, θ₁ … θ_d), discriminator first, as in the article.
/// </summary>
public static class DiracGan
{
    /// <summary>The start [φ₁, φ₂, θ₁, θ₂] = [0.1, 0.2, 0.2, 0.1] of every figure in Su's script (bojone/gan/gan_numeric.py).</summary>
    public static IReadOnlyList<double> SuInitialState { get; } = [0.1, 0.2, 0.2, 0.1];

    /// <summary>
    /// The 2-D angular momentum J₂ = θ × φ = θ₁φ₂ − θ₂φ₁ of a state (φ₁, φ₂, θ₁, θ₂). It is conserved by the vanilla and
    /// GAN-QP flows (both have φ̇ ∥ θ and θ̇ ∥ φ), so by ‖θ‖‖φ‖ ≥ |J₂| they never reach the equilibrium from J₂ ≠ 0;
    /// 0.03 from <see cref="SuInitialState"/>.
    /// </summary>
    /// <param name="state">(φ₁, φ₂, θ₁, θ₂).</param>
    /// <returns>J₂.</returns>
    public static double AngularMomentum(ReadOnlySpan<double> state)
    {
        if (state.Length < 4) throw new ArgumentException($"J₂ needs a 2-D Dirac GAN state of length 4, but the state has length {state.Length}.", nameof(state));
        return state[2] * state[1] - state[3] * state[0];
    }

    /// <summary>The energy E = ½(‖φ‖² + ‖θ‖²) of the first 2d components (φ, θ).</summary>
    /// <param name="state">(φ, θ, possibly followed by other components).</param>
    /// <param name="playerDimension">d ≥ 1.</param>
    /// <returns>E.</returns>
    public static double Energy(ReadOnlySpan<double> state, int playerDimension)
    {
        Require.AtLeast(playerDimension, 1, nameof(playerDimension));
        if (state.Length < 2 * playerDimension)
            throw new ArgumentException($"state has length {state.Length}, less than 2d = {2 * playerDimension}.", nameof(state));
        double sum = 0;
        for (int i = 0; i < 2 * playerDimension; i++) sum += state[i] * state[i];
        return 0.5 * sum;
    }

    /// <summary>‖φ‖ of the discriminator block.</summary>
    /// <param name="state">(φ, θ, …).</param>
    /// <param name="playerDimension">d ≥ 1.</param>
    /// <returns>‖φ‖.</returns>
    public static double DiscriminatorNorm(ReadOnlySpan<double> state, int playerDimension) => Norm(state, 0, playerDimension);

    /// <summary>‖θ‖ of the generator block.</summary>
    /// <param name="state">(φ, θ, …).</param>
    /// <param name="playerDimension">d ≥ 1.</param>
    /// <returns>‖θ‖.</returns>
    public static double GeneratorNorm(ReadOnlySpan<double> state, int playerDimension) => Norm(state, playerDimension, playerDimension);

    /// <summary>
    /// The eigenvalues of the block Jacobian [[−kI, −cI], [cI, 0]] (size 2d) that every Dirac GAN with an equilibrium has
    /// there: s² + ks + c² = 0, s = (−k ± √(k² − 4c²))/2, each of multiplicity d, sorted by real then imaginary part as
    /// <see cref="LinearStability"/> sorts them. Vanilla: c = ½, k = μ (±i/2 at μ = 0); GAN-QP: c = 1, k = μ (±i);
    /// zero-centred WGAN-GP: c = 1, k = 2λ + μ (−λ ± i√(1 − λ²) at μ = 0).
    /// </summary>
    /// <param name="damping">k ≥ 0.</param>
    /// <param name="coupling">c ≥ 0.</param>
    /// <param name="playerDimension">d ≥ 1.</param>
    /// <returns>The 2d eigenvalues.</returns>
    public static Complex[] EquilibriumEigenvalues(double damping, double coupling, int playerDimension)
    {
        Require.NonNegative(damping, nameof(damping));
        Require.NonNegative(coupling, nameof(coupling));
        Require.AtLeast(playerDimension, 1, nameof(playerDimension));
        var root = Complex.Sqrt(damping * damping - 4 * coupling * coupling);
        var plus = (-damping + root) / 2;
        var minus = (-damping - root) / 2;
        return [.. Enumerable.Repeat(plus, playerDimension).Concat(Enumerable.Repeat(minus, playerDimension))
            .OrderBy(e => e.Real).ThenBy(e => e.Imaginary)];
    }

    /// <summary>
    /// The slow decay of the 1-D vanilla non-saturating Dirac GAN (docs/corrections.md, E3): averaging dr²/dt ≈ −(θφ)² over the
    /// rotation gives dr²/dt ≈ −r⁴/8, so r² = θ² + φ² ≈ 8/(t + 8/r₀²) ≈ 8/t for large t: it converges, but only
    /// algebraically (0.0069 at t = 1000 and 7.9e-4 at t = 10⁴ from (φ, θ) = (0.1, 0.2)).
    /// </summary>
    /// <param name="initialRadiusSquared">r₀² &gt; 0.</param>
    /// <param name="t">t ≥ 0.</param>
    /// <returns>The predicted r²(t).</returns>
    public static double OneDimensionalRadiusSquared(double initialRadiusSquared, double t)
    {
        Require.Positive(initialRadiusSquared, nameof(initialRadiusSquared));
        Require.NonNegative(t, nameof(t));
        return 8 / (t + 8 / initialRadiusSquared);
    }

    // The two numbers every variant shares, checked in one place (each variant's init accessor calls these).
    internal static double CheckedWeightDecay(double value)
    {
        Require.NonNegative(value, nameof(IDiracGanFlow.WeightDecay));
        return value;
    }

    internal static int CheckedPlayerDimension(int value)
    {
        Require.AtLeast(value, 1, nameof(IDiracGanFlow.PlayerDimension));
        return value;
    }

    internal static double Norm(ReadOnlySpan<double> state, int start, int count)
    {
        Require.AtLeast(count, 1, "playerDimension");
        if (state.Length < start + count)
            throw new ArgumentException($"state has length {state.Length}, too short for components {start} … {start + count - 1}.", nameof(state));
        double sum = 0;
        for (int i = start; i < start + count; i++) sum += state[i] * state[i];
        return Math.Sqrt(sum);
    }

    /// <summary>Σᵢ y[a + i]·y[b + i] over i &lt; count, rounded term by term (no fused multiply-adds).</summary>
    internal static T Dot<T, TVector>(in TVector y, int a, int b, int count)
        where T : struct, IFieldNumber<T>
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T sum = T.Create(0.0);
        for (int i = 0; i < count; i++) sum += y[a + i] * y[b + i];
        return sum;
    }

    /// <summary>
    /// φ̇ = −cθ − kφ, θ̇ = gφ: the block form of every Dirac GAN whose coefficients are scalars of the state (vanilla:
    /// c = σ(θ·φ), k = μ, g = 1 − σ or σ; GAN-QP: c = 1 + (θ·φ)/(λ‖·‖), k = μ, g = 1; WGAN-GP: c = 1, k = 2λ + μ − push,
    /// g = 1), the state laid out (φ, θ). Multiplying by c = 1 or g = 1 is exact, so each variant's bits are those of
    /// its own formula.
    /// </summary>
    internal static void BlockDerivative<T, TVector>(in TVector y, ref TVector dydt, int playerDimension, T coupling, T damping, T generatorRate)
        where T : struct, IFieldNumber<T>
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        int d = playerDimension;
        for (int i = 0; i < d; i++)
        {
            T phi = y[i];
            dydt[i] = -coupling * y[d + i] - damping * phi;
            dydt[d + i] = generatorRate * phi;
        }
    }

    /// <summary>A flow's parameter text: the variant's own, then the weight decay (when μ &gt; 0) and d (when d ≠ 2).</summary>
    internal static string FlowParameters(string variantParameters, double weightDecay, int playerDimension)
    {
        var parts = new List<string>();
        if (!string.IsNullOrEmpty(variantParameters)) parts.Add(variantParameters);
        if (weightDecay != 0) parts.Add($"L2 μ = {Fields.ParameterText.Number(weightDecay)}");
        if (playerDimension != 2) parts.Add($"d = {playerDimension}");
        return string.Join(", ", parts);
    }

    internal static string[] ComponentNames(int playerDimension) =>
        [.. Fields.ComponentLabels.Indexed("φ", playerDimension), .. Fields.ComponentLabels.Indexed("θ", playerDimension)];

    /// <summary>The invariants every Dirac GAN with φ̇ ∥ (θ, φ) shares: J₂·e^{rt} (2-D only) and the energy.</summary>
    internal static Invariant[] AngularMomentumAndEnergy(int playerDimension, double rate, InvariantKind energyKind)
    {
        string name = rate == 0 ? "J₂ = θ₁φ₂ − θ₂φ₁" : $"J₂·e^{{{Fields.ParameterText.Number(rate)}t}}";
        var energy = new Invariant("E = ½(‖φ‖² + ‖θ‖²)", (t, y) => Energy(y, playerDimension), energyKind);
        if (playerDimension != 2) return [energy];
        return [new Invariant(name, (t, y) => AngularMomentum(y) * Math.Exp(rate * t)), energy];
    }
}
