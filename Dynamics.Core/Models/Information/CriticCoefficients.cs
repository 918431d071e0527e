using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Information;

/// <summary>A <see cref="QuadraticCritic"/>'s six coefficients w in the formulas' number type, read once per evaluation, and its score T = w·φ.</summary>
/// <typeparam name="T">The number type.</typeparam>
internal readonly struct CriticCoefficients<T> where T : struct, IFieldNumber<T>
{
    private readonly T _w0, _w1, _w2, _w3, _w4, _w5;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private CriticCoefficients(T w0, T w1, T w2, T w3, T w4, T w5) => (_w0, _w1, _w2, _w3, _w4, _w5) = (w0, w1, w2, w3, w4, w5);

    /// <summary>Reads w₀ … w₅ from components 0 … 5.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static CriticCoefficients<T> Read<TVector>(in TVector w) where TVector : struct, IFieldVector<T>, allows ref struct =>
        new(w[0], w[1], w[2], w[3], w[4], w[5]);

    /// <summary>The part of T(xᵢ, z_c) that varies along a row of InfoNCE: w_z Σz_c + w_xz·(xᵢ·z_c) + w_zz Σz_c².</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T RowScore(ReadOnlySpan<double> phi, double cross) => _w2 * T.Create(phi[2]) + _w4 * T.Create(cross) + _w5 * T.Create(phi[5]);

    /// <summary>T = w·φ.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Score(ReadOnlySpan<double> phi) =>
        _w0 * T.Create(phi[0]) + _w1 * T.Create(phi[1]) + _w2 * T.Create(phi[2]) + _w3 * T.Create(phi[3]) + _w4 * T.Create(phi[4]) + _w5 * T.Create(phi[5]);
}
