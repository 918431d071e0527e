using Dynamics.Validation;

namespace Dynamics.Solvers.LinearAlgebra;

/// <summary>
/// A dense complex LU factorisation with partial pivoting on an n × n row-major matrix stored as separate real and
/// imaginary parts, as in Hairer's DECC/SOLC used by RADAU5 for the matrix (α + iβ)/h·I − J. Allocates only in the
/// constructor.
/// </summary>
public sealed class ComplexDenseLu
{
    private readonly double[] _re, _im;
    private readonly int[] _pivot;

    /// <summary>Creates storage for n × n systems.</summary>
    /// <param name="dimension">n ≥ 1.</param>
    public ComplexDenseLu(int dimension)
    {
        Require.AtLeast(dimension, 1, nameof(dimension));
        Dimension = dimension;
        _re = new double[dimension * dimension];
        _im = new double[dimension * dimension];
        _pivot = new int[dimension];
    }

    /// <summary>The system size n.</summary>
    public int Dimension { get; }

    /// <summary>The real part of the matrix to factor, row-major; overwritten by <see cref="Factor"/>.</summary>
    public Span<double> Real => _re;

    /// <summary>The imaginary part of the matrix to factor, row-major; overwritten by <see cref="Factor"/>.</summary>
    public Span<double> Imaginary => _im;

    /// <summary>Factors the matrix in place.</summary>
    /// <returns>False when a pivot is zero or non-finite.</returns>
    public bool Factor()
    {
        int n = Dimension;
        var re = _re.AsSpan();
        var im = _im.AsSpan();
        for (int k = 0; k < n; k++)
        {
            int p = k;
            double best = Math.Abs(re[k * n + k]) + Math.Abs(im[k * n + k]);
            for (int i = k + 1; i < n; i++)
            {
                double v = Math.Abs(re[i * n + k]) + Math.Abs(im[i * n + k]);
                if (v > best)
                {
                    best = v;
                    p = i;
                }
            }

            _pivot[k] = p;
            if (!(best > 0) || !double.IsFinite(best)) return false;
            if (p != k)
            {
                Rows.Swap(re.Slice(k * n, n), re.Slice(p * n, n));
                Rows.Swap(im.Slice(k * n, n), im.Slice(p * n, n));
            }

            double pr = re[k * n + k], pi = im[k * n + k];
            double norm = pr * pr + pi * pi;
            double ir = pr / norm, ii = -pi / norm;
            for (int i = k + 1; i < n; i++)
            {
                double ar = re[i * n + k], ai = im[i * n + k];
                double fr = ar * ir - ai * ii, fi = ar * ii + ai * ir;
                re[i * n + k] = fr;
                im[i * n + k] = fi;
                if (fr == 0 && fi == 0) continue;
                for (int j = k + 1; j < n; j++)
                {
                    double ur = re[k * n + j], ui = im[k * n + j];
                    re[i * n + j] -= fr * ur - fi * ui;
                    im[i * n + j] -= fr * ui + fi * ur;
                }
            }
        }

        return true;
    }

    /// <summary>Solves A x = b with the last factorisation, in place.</summary>
    /// <param name="real">Re b on entry, Re x on return (length n).</param>
    /// <param name="imaginary">Im b on entry, Im x on return (length n).</param>
    public void Solve(Span<double> real, Span<double> imaginary)
    {
        int n = Dimension;
        var re = _re.AsSpan();
        var im = _im.AsSpan();
        var xr = real[..n];
        var xi = imaginary[..n];
        for (int k = 0; k < n; k++)
        {
            int p = _pivot[k];
            if (p == k) continue;
            (xr[k], xr[p]) = (xr[p], xr[k]);
            (xi[k], xi[p]) = (xi[p], xi[k]);
        }

        for (int i = 1; i < n; i++)
        {
            double sr = xr[i], si = xi[i];
            for (int j = 0; j < i; j++)
            {
                double lr = re[i * n + j], li = im[i * n + j];
                sr -= lr * xr[j] - li * xi[j];
                si -= lr * xi[j] + li * xr[j];
            }

            xr[i] = sr;
            xi[i] = si;
        }

        for (int i = n - 1; i >= 0; i--)
        {
            double sr = xr[i], si = xi[i];
            for (int j = i + 1; j < n; j++)
            {
                double ur = re[i * n + j], ui = im[i * n + j];
                sr -= ur * xr[j] - ui * xi[j];
                si -= ur * xi[j] + ui * xr[j];
            }

            double dr = re[i * n + i], di = im[i * n + i];
            double norm = dr * dr + di * di;
            xr[i] = (sr * dr + si * di) / norm;
            xi[i] = (si * dr - sr * di) / norm;
        }
    }
}
