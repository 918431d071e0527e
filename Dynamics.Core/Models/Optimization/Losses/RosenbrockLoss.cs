using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// Rosenbrock's banana valley L(x, y) = (a − x)² + b(y − x²)² (Rosenbrock 1960): one global minimum L = 0 at
/// (a, a²) at the end of a long, curved, flat-bottomed valley that makes plain gradient descent crawl.
/// </summary>
/// <param name="A">The minimiser's x-coordinate a (classically 1).</param>
/// <param name="B">The valley's steepness b &gt; 0 (classically 100).</param>
public readonly record struct RosenbrockLoss(double A, double B) : ILoss
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
    public double Value(ReadOnlySpan<double> theta) => LossValue.Evaluate(this, theta);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T a = parameters.Read(0, A), b = parameters.Read(1, B);
        T x = theta[0], y = theta[1], r = y - x * x;
        return (a - x) * (a - x) + b * r * r;
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
        T a = parameters.Read(0, A), b = parameters.Read(1, B);
        T x = theta[0], y = theta[1], r = y - x * x;
        gradient[0] = T.Create(-2.0) * (a - x) - T.Create(4.0) * b * x * r;
        gradient[1] = T.Create(2.0) * b * r;
    }
}
