using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;
using Dynamics.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Models.Optimization.Losses;

/// <summary>
/// The quadratic loss L(θ) = ½(θ − c)ᵀA(θ − c) with A symmetric positive definite: gradient A(θ − c), Hessian A,
/// unique minimiser c with L = 0. Gradient descent with rate γ converges iff γ &lt; 2/λ_max(A), and on
/// A = a (one dimension) it is exactly θₙ = (1 − γa)ⁿθ₀ (docs/learning.md). It is a class rather than a record
/// because it owns its matrix.
/// </summary>
public sealed class QuadraticLoss : ILoss
{
    private readonly double[] _a, _center;
    private readonly bool _diagonal;

    /// <summary>Creates ½(θ − c)ᵀA(θ − c).</summary>
    /// <param name="matrix">A, square, finite, symmetric (to 1e-12 relative) and positive definite. It is copied.</param>
    /// <param name="center">The minimiser c (default 0), of the matrix's size. It is copied.</param>
    /// <exception cref="ArgumentException">A is not square, not finite, not symmetric or not positive definite, or c has the wrong length or is not finite.</exception>
    public QuadraticLoss(double[,] matrix, double[]? center = null)
    {
        ArgumentNullException.ThrowIfNull(matrix);
        int d = matrix.GetLength(0);
        Require.AtLeast(d, 1, nameof(matrix));
        if (matrix.GetLength(1) != d)
            throw new ArgumentException($"matrix must be square, but is {d} × {matrix.GetLength(1)}.", nameof(matrix));
        _a = new double[d * d];
        double scale = 0;
        for (int i = 0; i < d; i++)
        {
            for (int j = 0; j < d; j++)
            {
                double value = matrix[i, j];
                if (!double.IsFinite(value))
                    throw new ArgumentException($"matrix[{i}, {j}] must be a finite number, but was {Require.Format(value)}.", nameof(matrix));
                _a[i * d + j] = value;
                scale = Math.Max(scale, Math.Abs(value));
            }
        }

        bool diagonal = true;
        for (int i = 0; i < d; i++)
        {
            for (int j = i + 1; j < d; j++)
            {
                if (Math.Abs(_a[i * d + j] - _a[j * d + i]) > 1e-12 * scale)
                    throw new ArgumentException(
                        $"matrix must be symmetric, but matrix[{i}, {j}] = {Require.Format(_a[i * d + j])} and matrix[{j}, {i}] = {Require.Format(_a[j * d + i])}.", nameof(matrix));
                diagonal &= _a[i * d + j] == 0 && _a[j * d + i] == 0;
            }
        }

        var eigenvalues = Matrix<double>.Build.DenseOfArray(matrix).Evd(Symmetricity.Symmetric).EigenValues.Select(e => e.Real).Order().ToArray();
        if (!(eigenvalues[0] > 0))
            throw new ArgumentException(
                $"matrix must be positive definite, but its smallest eigenvalue is {Require.Format(eigenvalues[0])}.", nameof(matrix));
        Curvatures = eigenvalues;
        _diagonal = diagonal;

        _center = new double[d];
        if (center is not null)
        {
            Require.Length(center.Length, d, nameof(center));
            Require.AllFinite(center, nameof(center));
            center.CopyTo(_center, 0);
        }
    }

    /// <summary>L(θ) = ½a‖θ‖² in <paramref name="dimension"/> dimensions.</summary>
    /// <param name="dimension">d ≥ 1.</param>
    /// <param name="curvature">a &gt; 0.</param>
    /// <returns>The loss.</returns>
    public static QuadraticLoss Isotropic(int dimension, double curvature)
    {
        Require.AtLeast(dimension, 1, nameof(dimension));
        Require.Positive(curvature, nameof(curvature));
        return Diagonal([.. Enumerable.Repeat(curvature, dimension)]);
    }

    /// <summary>L(θ) = ½Σ aᵢθᵢ² with every aᵢ &gt; 0.</summary>
    /// <param name="curvatures">The diagonal of A.</param>
    /// <returns>The loss.</returns>
    public static QuadraticLoss Diagonal(params double[] curvatures)
    {
        ArgumentNullException.ThrowIfNull(curvatures);
        var matrix = new double[curvatures.Length, curvatures.Length];
        for (int i = 0; i < curvatures.Length; i++) matrix[i, i] = curvatures[i];
        return new QuadraticLoss(matrix);
    }

    /// <inheritdoc/>
    public int Dimension => _center.Length;

    /// <inheritdoc/>
    public string Name => "Quadratic";

    /// <inheritdoc/>
    public string Parameters
    {
        get
        {
            int d = Dimension;
            if (d == 1) return ParameterText.Of(("a", _a[0]));
            if (_diagonal) return "A = diag(" + string.Join(", ", Enumerable.Range(0, d).Select(i => ParameterText.Number(_a[i * d + i]))) + ")";
            return "eig A = " + string.Join(", ", Curvatures.Select(e => ParameterText.Number(e)));
        }
    }

    /// <summary>The eigenvalues of A in increasing order (the curvatures along its principal axes).</summary>
    public IReadOnlyList<double> Curvatures { get; }

    /// <summary>The minimiser c.</summary>
    public IReadOnlyList<double> Center => _center;

    /// <summary>A copy of A.</summary>
    public Matrix<double> Matrix => Matrix<double>.Build.DenseOfRowMajor(Dimension, Dimension, _a);

    /// <inheritdoc/>
    public double Value(ReadOnlySpan<double> theta) => LossValue.Evaluate(this, theta);

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public T Value<T, TParameters, TVector>(in TParameters parameters, in TVector theta)
        where T : struct, IFieldNumber<T>
        where TParameters : IFieldParameters<T>, allows ref struct
        where TVector : struct, IFieldVector<T>, allows ref struct
    {
        int d = _center.Length;
        T sum = T.Create(0.0);
        for (int i = 0; i < d; i++)
        {
            T row = T.Create(0.0);
            for (int j = 0; j < d; j++) row += T.Create(_a[i * d + j]) * (theta[j] - T.Create(_center[j]));
            sum += (theta[i] - T.Create(_center[i])) * row;
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
        int d = _center.Length;
        for (int i = 0; i < d; i++)
        {
            T row = T.Create(0.0);
            for (int j = 0; j < d; j++) row += T.Create(_a[i * d + j]) * (theta[j] - T.Create(_center[j]));
            gradient[i] = row;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => $"{Name} ({Parameters})";
}
