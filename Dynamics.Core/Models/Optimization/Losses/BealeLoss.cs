namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// Beale's function L(x, y) = Σₖ₌₁³ (cₖ − x + xyᵏ)² with c = (1.5, 2.25, 2.625) (Beale 1958): global minimum L = 0 at
/// (3, ½) in a narrow valley, with flat plateaus and steep walls that punish a fixed learning rate.
/// </summary>
public readonly record struct BealeLoss : IHessianLoss
{
    private const double C1 = 1.5, C2 = 2.25, C3 = 2.625;

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Beale";

    /// <inheritdoc/>
    public string Parameters => "";

    /// <summary>The global minimiser (3, ½).</summary>
    public static IReadOnlyList<double[]> Minimizers => [[3.0, 0.5]];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta)
    {
        double x = theta[0], y = theta[1];
        double r1 = C1 - x + x * y, r2 = C2 - x + x * y * y, r3 = C3 - x + x * y * y * y;
        return r1 * r1 + r2 * r2 + r3 * r3;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double x = theta[0], y = theta[1], y2 = y * y, y3 = y2 * y;
        double r1 = C1 - x + x * y, r2 = C2 - x + x * y2, r3 = C3 - x + x * y3;
        gradient[0] = 2 * (r1 * (y - 1) + r2 * (y2 - 1) + r3 * (y3 - 1));
        gradient[1] = 2 * (r1 * x + r2 * 2 * x * y + r3 * 3 * x * y2);
    }

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        var (hxx, hxy, hyy) = Entries(theta[0], theta[1]);
        hessian[0] = hxx;
        hessian[1] = hessian[2] = hxy;
        hessian[3] = hyy;
    }

    /// <inheritdoc/>
    public void HessianTimes(ReadOnlySpan<double> theta, ReadOnlySpan<double> vector, Span<double> product)
    {
        var (hxx, hxy, hyy) = Entries(theta[0], theta[1]);
        product[0] = hxx * vector[0] + hxy * vector[1];
        product[1] = hxy * vector[0] + hyy * vector[1];
    }

    // ∇²L = 2Σₖ(∇rₖ∇rₖᵀ + rₖ∇²rₖ) with ∇rₖ = (yᵏ − 1, kxyᵏ⁻¹) and ∇²rₖ = [[0, kyᵏ⁻¹], [kyᵏ⁻¹, k(k−1)xyᵏ⁻²]].
    private static (double Hxx, double Hxy, double Hyy) Entries(double x, double y)
    {
        double y2 = y * y, y3 = y2 * y;
        double r1 = C1 - x + x * y, r2 = C2 - x + x * y2, r3 = C3 - x + x * y3;
        double a1 = y - 1, a2 = y2 - 1, a3 = y3 - 1;
        double b1 = x, b2 = 2 * x * y, b3 = 3 * x * y2;
        double hxx = 2 * (a1 * a1 + a2 * a2 + a3 * a3);
        double hxy = 2 * (a1 * b1 + a2 * b2 + a3 * b3 + r1 + r2 * 2 * y + r3 * 3 * y2);
        double hyy = 2 * (b1 * b1 + b2 * b2 + b3 * b3 + r2 * 2 * x + r3 * 6 * x * y);
        return (hxx, hxy, hyy);
    }
}
