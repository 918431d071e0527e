using Dynamics.Validation;

namespace Dynamics.Solvers.LinearAlgebra;

/// <summary>
/// A dense LU factorisation with partial pivoting, PA = LU, on an n × n row-major matrix held by this object, for the
/// repeated small solves of implicit methods (Golub &amp; Van Loan, Matrix Computations, Algorithm 3.4.1). Storage is
/// allocated once; <see cref="Factor"/> and <see cref="Solve"/> allocate nothing, so a stiff step is allocation-free.
/// MathNet's <c>Matrix.LU()</c> allocates a new factorisation per call, which dominates the step cost for the n ≤ 50
/// systems of stiff chemistry (see the StiffLinearAlgebra benchmark).
/// </summary>
public sealed class DenseLu
{
    private readonly double[] _lu;
    private readonly int[] _pivot;

    /// <summary>Creates storage for n × n systems.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public DenseLu(int dimension)
    {
        Require.AtLeast(dimension, 1, nameof(dimension));
        Dimension = dimension;
        _lu = new double[dimension * dimension];
        _pivot = new int[dimension];
    }

    /// <summary>The system size n.</summary>
    public int Dimension { get; }

    /// <summary>
    /// The matrix to factor, row-major (entry i·n + j); fill it, then call <see cref="Factor"/>, which overwrites it with
    /// the factors (unit lower L below the diagonal, U on and above).
    /// </summary>
    public Span<double> Matrix => _lu;

    /// <summary>Factors <see cref="Matrix"/> in place.</summary>
    /// <returns>False when a pivot is exactly zero or non-finite (the matrix is singular to working precision).</returns>
    public bool Factor()
    {
        int n = Dimension;
        var a = _lu.AsSpan();
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double best = Math.Abs(a[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(a[i * n + k]);
                if (v > best)
                {
                    best = v;
                    p = i;
                }
            }

            _pivot[k] = p;
            if (!(best > 0) || !double.IsFinite(best)) return false;
            if (p != k) Rows.Swap(a.Slice(k * n, n), a.Slice(p * n, n));
            double inverse = 1.0 / a[k * n + k];
            var pivotRow = a.Slice(k * n + k + 1, n - k - 1);
            for (int i = k + 1; i < n; i++)
            {
                double factor = a[i * n + k] * inverse;
                a[i * n + k] = factor;
                if (factor == 0) continue;
                var row = a.Slice(i * n + k + 1, n - k - 1);
                for (int j = 0; j < row.Length; j++) row[j] -= factor * pivotRow[j];
            }
        }

        return true;
    }

    /// <summary>Solves A x = b with the last factorisation, in place.</summary>
    /// <param name="rightHandSide">b on entry, x on return (length n).</param>
    public void Solve(Span<double> rightHandSide)
    {
        int n = Dimension;
        var a = _lu.AsSpan();
        var x = rightHandSide[..n];
        for (int k = 0; k < n; k++)
        {
            int p = _pivot[k];
            if (p != k) (x[k], x[p]) = (x[p], x[k]);
        }

        for (int i = 1; i < n; i++)
        {
            var row = a.Slice(i * n, i);
            double sum = x[i];
            for (int j = 0; j < row.Length; j++) sum -= row[j] * x[j];
            x[i] = sum;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            var row = a.Slice(i * n, n);
            double sum = x[i];
            for (int j = i + 1; j < n; j++) sum -= row[j] * x[j];
            x[i] = sum / row[i];
        }
    }
}
