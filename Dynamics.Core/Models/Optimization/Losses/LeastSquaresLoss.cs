using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// The squared loss of a linear model f_w(x) = w·x on data (xᵢ, yᵢ), L(w) = ½Σᵢ(w·xᵢ − yᵢ)² = ½‖Xw − y‖²: gradient
/// Xᵀ(Xw − y), Hessian XᵀX (positive semi-definite; singular when there are fewer samples than weights). Its gradient
/// flow is a kernel machine with the constant neural tangent kernel K(x, x′) = x·x′ (Domingos, arXiv 2012.00152;
/// kexue.fm/archives/8009, docs/learning.md); see <see cref="LinearModelKernel"/>.
/// </summary>
public sealed class LeastSquaresLoss : ILoss
{
    private readonly double[] _x, _y;

    /// <summary>Creates the loss for inputs X (one sample per row) and targets y.</summary>
    /// <param name="inputs">X, n × d, finite, n ≥ 1. It is copied.</param>
    /// <param name="targets">y, length n, finite. It is copied.</param>
    public LeastSquaresLoss(double[,] inputs, double[] targets)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(targets);
        int n = inputs.GetLength(0), d = inputs.GetLength(1);
        Require.AtLeast(n, 1, "inputs rows");
        Require.AtLeast(d, 1, "inputs columns");
        Require.Length(targets.Length, n, nameof(targets));
        Require.AllFinite(targets, nameof(targets));
        _x = new double[n * d];
        for (int i = 0; i < n; i++)
        {
            for (int j = 0; j < d; j++)
            {
                if (!double.IsFinite(inputs[i, j]))
                    throw new ArgumentException($"inputs[{i}, {j}] must be a finite number, but was {Require.Format(inputs[i, j])}.", nameof(inputs));
                _x[i * d + j] = inputs[i, j];
            }
        }

        _y = (double[])targets.Clone();
        Samples = n;
        Dimension = d;
    }

    /// <summary>The number n of samples.</summary>
    public int Samples { get; }

    /// <inheritdoc/>
    public int Dimension { get; }

    /// <inheritdoc/>
    public string Name => "Least squares";

    /// <inheritdoc/>
    public string Parameters => $"n = {Samples}, d = {Dimension}";

    /// <summary>The input xᵢ of sample <paramref name="sample"/>.</summary>
    /// <param name="sample">0 … n − 1.</param>
    /// <returns>A read-only view of the row.</returns>
    public ReadOnlySpan<double> Input(int sample)
    {
        if ((uint)sample >= (uint)Samples)
            throw new ArgumentOutOfRangeException(nameof(sample), sample, $"sample must lie in [0, {Samples - 1}], but was {sample}.");
        return _x.AsSpan(sample * Dimension, Dimension);
    }

    /// <summary>The targets y.</summary>
    public IReadOnlyList<double> Targets => _y;

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta) => LossValue.Evaluate(this, theta);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        T sum = T.Create(0.0);
        for (int i = 0; i < Samples; i++)
        {
            T r = Residual<T, TVector>(i, theta);
            sum += r * r;
        }

        return T.Create(0.5) * sum;
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
        int d = Dimension;
        for (int j = 0; j < d; j++) gradient[j] = T.Create(0.0);
        for (int i = 0; i < Samples; i++)
        {
            T r = Residual<T, TVector>(i, theta);
            for (int j = 0; j < d; j++) gradient[j] += r * T.Create(_x[i * d + j]);
        }
    }

    private T Residual<T, TVector>(int sample, in TVector w)
        where T : struct, IFieldNumber<T>
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        int d = Dimension;
        T prediction = T.Create(0.0);
        for (int j = 0; j < d; j++) prediction += T.Create(_x[sample * d + j]) * w[j];
        return prediction - T.Create(_y[sample]);
    }
}
