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
}
