using System.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Analysis;

/// <summary>An equilibrium f(t, y*) = 0 found numerically, with its linearisation and type.</summary>
/// <param name="Point">The equilibrium y*.</param>
/// <param name="Class">Its type, from the eigenvalues of the Jacobian.</param>
/// <param name="Linearisation">The Jacobian at y*, its eigenvalues (sorted by real part) and eigenvectors.</param>
/// <param name="Residual">‖f(t, y*)‖∞ at the returned point, a measure of how exact it is.</param>
public sealed record FixedPoint(double[] Point, FixedPointClass Class, LinearStability Linearisation, double Residual)
{
    /// <summary>The default relative tolerance below which a real or imaginary part counts as zero in <see cref="Classify"/>.</summary>
    public const double DefaultClassificationTolerance = 1e-6;

    /// <summary>The eigenvalues of the Jacobian at the point, sorted by real part then imaginary part.</summary>
    public IReadOnlyList<Complex> Eigenvalues => Linearisation.Eigenvalues;

    /// <summary>Column k is the (complex) eigenvector of eigenvalue k.</summary>
    public Matrix<Complex> Eigenvectors => Linearisation.Eigenvectors;

    /// <summary>Whether the point is asymptotically stable (a stable node or spiral).</summary>
    public bool IsStable => Class is FixedPointClass.StableNode or FixedPointClass.StableSpiral;

    /// <summary>
    /// Classifies an equilibrium from its eigenvalues. A real or imaginary part counts as zero when its size is at most
    /// <paramref name="relativeTolerance"/> × max |λ|, which absorbs the rounding and finite-difference error of a
    /// numerical Jacobian (a repeated eigenvalue, e.g. of a degenerate node, may split by about the square root of that
    /// error, so borderline node/spiral cases within the tolerance are reported as nodes).
    /// </summary>
    /// <param name="eigenvalues">The eigenvalues (at least one, finite).</param>
    /// <param name="relativeTolerance">The relative zero threshold (≥ 0).</param>
    /// <returns>The class.</returns>
    public static FixedPointClass Classify(IReadOnlyList<Complex> eigenvalues, double relativeTolerance = DefaultClassificationTolerance)
    {
        ArgumentNullException.ThrowIfNull(eigenvalues);
        if (eigenvalues.Count == 0) throw new ArgumentException("eigenvalues must not be empty.", nameof(eigenvalues));
        Validation.Require.NonNegative(relativeTolerance, nameof(relativeTolerance));
        double scale = 0;
        for (int k = 0; k < eigenvalues.Count; k++)
        {
            var lambda = eigenvalues[k];
            if (!double.IsFinite(lambda.Real) || !double.IsFinite(lambda.Imaginary))
                throw new ArgumentException($"eigenvalues[{k}] = {lambda} is not finite.", nameof(eigenvalues));
            scale = Math.Max(scale, Complex.Abs(lambda));
        }

        double zero = relativeTolerance * scale;
        int negative = 0, positive = 0, onAxis = 0, zeroValues = 0;
        bool complex = false;
        foreach (var lambda in eigenvalues)
        {
            bool real = Math.Abs(lambda.Imaginary) <= zero;
            complex |= !real;
            if (lambda.Real < -zero) negative++;
            else if (lambda.Real > zero) positive++;
            else if (real) zeroValues++;
            else onAxis++;
        }

        if (scale == 0 || zeroValues > 0) return FixedPointClass.Degenerate;
        if (onAxis > 0) return onAxis == eigenvalues.Count ? FixedPointClass.Centre : FixedPointClass.Degenerate;
        if (negative > 0 && positive > 0) return complex ? FixedPointClass.SaddleFocus : FixedPointClass.Saddle;
        if (negative > 0) return complex ? FixedPointClass.StableSpiral : FixedPointClass.StableNode;
        return complex ? FixedPointClass.UnstableSpiral : FixedPointClass.UnstableNode;
    }
}
