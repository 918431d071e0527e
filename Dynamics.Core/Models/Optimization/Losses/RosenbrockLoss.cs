using Dynamics.Fields;

namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// Rosenbrock's banana valley L(x, y) = (a − x)² + b(y − x²)² (Rosenbrock 1960): one global minimum L = 0 at
/// (a, a²) at the end of a long, curved, flat-bottomed valley that makes plain gradient descent crawl.
/// </summary>
/// <param name="A">The minimiser's x-coordinate a (classically 1).</param>
/// <param name="B">The valley's steepness b &gt; 0 (classically 100).</param>
public readonly record struct RosenbrockLoss(double A, double B) : IHessianLoss
{
    /// <summary>The classic a = 1, b = 100. (A struct's default value has every parameter 0; use this constructor.)</summary>
    public RosenbrockLoss()
        : this(1.0, 100.0)
    {
    }

    /// <inheritdoc/>
    public int Dimension => 2;

    /// <inheritdoc/>
    public string Name => "Rosenbrock";

    /// <inheritdoc/>
    public string Parameters => ParameterText.Of(("a", A), ("b", B));

    /// <summary>The global minimiser (a, a²).</summary>
    public IReadOnlyList<double[]> Minimizers => [[A, A * A]];

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta)
    {
        double x = theta[0], y = theta[1], r = y - x * x;
        return (A - x) * (A - x) + B * r * r;
    }

    /// <inheritdoc/>
    public void Gradient(ReadOnlySpan<double> theta, Span<double> gradient)
    {
        double x = theta[0], y = theta[1], r = y - x * x;
        gradient[0] = -2 * (A - x) - 4 * B * x * r;
        gradient[1] = 2 * B * r;
    }

    /// <inheritdoc/>
    public void Hessian(ReadOnlySpan<double> theta, Span<double> hessian)
    {
        double x = theta[0], y = theta[1];
        hessian[0] = 2 - 4 * B * y + 12 * B * x * x;
        hessian[1] = hessian[2] = -4 * B * x;
        hessian[3] = 2 * B;
    }

    /// <inheritdoc/>
    public void HessianTimes(ReadOnlySpan<double> theta, ReadOnlySpan<double> vector, Span<double> product)
    {
        double x = theta[0], y = theta[1];
        double hxx = 2 - 4 * B * y + 12 * B * x * x, hxy = -4 * B * x, hyy = 2 * B;
        product[0] = hxx * vector[0] + hxy * vector[1];
        product[1] = hxy * vector[0] + hyy * vector[1];
    }
}
