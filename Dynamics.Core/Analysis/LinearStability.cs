using System.Numerics;
using Dynamics.Fields;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Analysis;

/// <summary>
/// The linearisation of a field at a point: Jacobian, eigenvalues (sorted by real part, then imaginary part) and
/// eigenvectors. At an equilibrium the eigenvalues decide local stability (Hartman–Grobman when none is on the
/// imaginary axis).
/// </summary>
/// <param name="Point">The point.</param>
/// <param name="JacobianMatrix">∂f/∂y at the point.</param>
/// <param name="Eigenvalues">The eigenvalues, sorted by real then imaginary part.</param>
/// <param name="Eigenvectors">Column k is the (complex) eigenvector of eigenvalue k.</param>
public sealed record LinearStability(double[] Point, Matrix<double> JacobianMatrix, Complex[] Eigenvalues, Matrix<Complex> Eigenvectors)
{
    /// <summary>Linearises <paramref name="field"/> at (t, y).</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="y">The point (usually an equilibrium).</param>
    /// <param name="t">The time (default 0, for autonomous fields).</param>
    /// <returns>The linearisation.</returns>
    public static LinearStability At<TField>(TField field, ReadOnlySpan<double> y, double t = 0) where TField : IVectorField
    {
        var jacobian = Jacobian.At(field, t, y);
        var evd = jacobian.Evd();
        var order = Enumerable.Range(0, evd.EigenValues.Count)
            .OrderBy(k => evd.EigenValues[k].Real).ThenBy(k => evd.EigenValues[k].Imaginary).ToArray();
        var values = order.Select(k => evd.EigenValues[k]).ToArray();
        var vectors = Matrix<Complex>.Build.Dense(jacobian.RowCount, order.Length, (i, j) => EigenvectorEntry(evd, i, order[j]));
        return new LinearStability(y.ToArray(), jacobian, values, vectors);
    }

    /// <summary>The largest real part of the eigenvalues: negative means locally asymptotically stable.</summary>
    public double SpectralAbscissa => Eigenvalues.Max(e => e.Real);

    // MathNet stores real eigenvectors of a complex pair as two real columns (Re, Im) in the real matrix EigenVectors.
    private static Complex EigenvectorEntry(MathNet.Numerics.LinearAlgebra.Factorization.Evd<double> evd, int row, int k)
    {
        var lambda = evd.EigenValues[k];
        if (Math.Abs(lambda.Imaginary) == 0) return new Complex(evd.EigenVectors[row, k], 0);
        bool first = k + 1 < evd.EigenValues.Count && evd.EigenValues[k + 1] == Complex.Conjugate(lambda);
        int re = first ? k : k - 1;
        double sign = first ? 1 : -1;
        return new Complex(evd.EigenVectors[row, re], sign * evd.EigenVectors[row, re + 1]);
    }
}
