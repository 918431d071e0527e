namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// Himmelblau's function L(x, y) = (x² + y − 11)² + (x + y² − 7)² (Himmelblau 1972): four global minima with L = 0,
/// a local maximum near (−0.2708, −0.9230) and four saddles, so which minimum an optimizer finds depends on where
/// and how it starts.
/// </summary>
public readonly record struct HimmelblauLoss : IHessianLoss
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
    public double Value(ReadOnlySpan<double> theta)
    {
        double x = theta[0], y = theta[1];
        double u = x * x + y - 11, w = x + y * y - 7;
        return u * u + w * w;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double x = theta[0], y = theta[1];
        double u = x * x + y - 11, w = x + y * y - 7;
        gradient[0] = 4 * x * u + 2 * w;
        gradient[1] = 2 * u + 4 * y * w;
    }

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        double x = theta[0], y = theta[1];
        double u = x * x + y - 11, w = x + y * y - 7;
        hessian[0] = 4 * u + 8 * x * x + 2;
        hessian[1] = hessian[2] = 4 * (x + y);
        hessian[3] = 2 + 4 * w + 8 * y * y;
    }

    /// <inheritdoc/>
    public void HessianTimes(ReadOnlySpan<double> theta, ReadOnlySpan<double> vector, Span<double> product)
    {
        double x = theta[0], y = theta[1];
        double u = x * x + y - 11, w = x + y * y - 7;
        double hxx = 4 * u + 8 * x * x + 2, hxy = 4 * (x + y), hyy = 2 + 4 * w + 8 * y * y;
        product[0] = hxx * vector[0] + hxy * vector[1];
        product[1] = hxy * vector[0] + hyy * vector[1];
    }
}
