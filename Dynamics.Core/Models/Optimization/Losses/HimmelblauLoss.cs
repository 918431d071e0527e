using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;
namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// Himmelblau's function L(x, y) = (x² + y − 11)² + (x + y² − 7)² (Himmelblau 1972): four global minima with L = 0,
/// a local maximum near (−0.2708, −0.9230) and four saddles, so which minimum an optimizer finds depends on where
/// and how it starts.
/// </summary>
public readonly record struct HimmelblauLoss : ILoss
{
    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Himmelblau";

    /// <inheritdoc/>
    public string Parameters => "";

    /// <summary>The four global minimisers (L = 0), to double precision (Newton-polished).</summary>
    public static IReadOnlyList<double[]> Minimizers =>
    [
        [3.0, 2.0],
        [-2.805118086952745, 3.131312518250573],
        [-3.779310253377747, -3.283185991286169],
        [3.5844283403304917, -1.8481265269644034],
    ];

    /// <summary>The local maximiser.</summary>
    public static IReadOnlyList<double> LocalMaximizer => [-0.2708445906673476, -0.9230385564799816];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta) => LossValue.Evaluate(this, theta);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T x = theta[0], y = theta[1];
        T u = x * x + y - T.Create(11.0), w = x + y * y - T.Create(7.0);
        return u * u + w * w;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient) => LossGradient.Evaluate(this, theta, gradient);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Gradient<T, TParameters, TVector>(in TParameters parameters, in TVector theta, ref TVector gradient)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T x = theta[0], y = theta[1];
        T u = x * x + y - T.Create(11.0), w = x + y * y - T.Create(7.0);
        gradient[0] = T.Create(4.0) * x * u + T.Create(2.0) * w;
        gradient[1] = T.Create(2.0) * u + T.Create(4.0) * y * w;
    }
}
