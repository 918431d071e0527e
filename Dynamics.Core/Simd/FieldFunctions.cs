using System.Runtime.CompilerServices;

namespace Dynamics.Simd;

/// <summary>Functions built from <see cref="IFieldNumber{TSelf}"/>'s operations, for formulas written once over the number type.</summary>
public static class FieldFunctions
{
    /// <summary>
    /// The logistic sigmoid σ(u) = 1/(1 + e⁻ᵘ): 0 and 1 in the limits (e⁻ᵘ overflows to ∞ below u ≈ −709 and 1/∞ = 0),
    /// with derivative σ(1 − σ) on dual numbers.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="u">u.</param>
    /// <returns>σ(u).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Sigmoid<T>(T u) where T : struct, IFieldNumber<T> => T.Create(1.0) / (T.Create(1.0) + T.Exp(-u));

    /// <summary>
    /// softplus(u) = ln(1 + eᵘ) = max(u, 0) + ln(1 + e^{−|u|}), without overflow; the same bits as the branch
    /// u &gt; 0 ? u + ln(1 + e⁻ᵘ) : ln(1 + eᵘ) (0 + a = a and −(−u) = u exactly), with derivative σ(u) on dual numbers.
    /// </summary>
    /// <typeparam name="T">The number type.</typeparam>
    /// <param name="u">u.</param>
    /// <returns>softplus(u).</returns>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static T Softplus<T>(T u) where T : struct, IFieldNumber<T> =>
        T.Max(u, T.Create(0.0)) + T.Log(T.Create(1.0) + T.Exp(-T.Max(u, -u)));
}
