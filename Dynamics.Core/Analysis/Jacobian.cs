using Dynamics.Fields;
using Dynamics.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Analysis;

/// <summary>
/// The Jacobian ∂f/∂y of a field at a point: analytic when the field implements <see cref="IJacobianField"/>, otherwise
/// by central differences with step hⱼ = ε^{1/3}·max(1, |yⱼ|), which balances truncation O(h²) against rounding
/// O(ε/h) for an error of about ε^{2/3} ≈ 4e-11 relative.
/// </summary>
public static class Jacobian
{
    /// <summary>Evaluates the Jacobian at (t, y).</summary>
    /// <typeparam name="TField">The field type.</typeparam>
    /// <param name="field">The field.</param>
    /// <param name="t">The time.</param>
    /// <param name="y">The state, length n, finite.</param>
    /// <returns>The n × n matrix.</returns>
    public static Matrix<double> At<TField>(TField field, double t, ReadOnlySpan<double> y) where TField : IVectorField
    {
        ArgumentNullException.ThrowIfNull(field);
        int n = field.Dimension;
        Require.Length(y.Length, n, nameof(y));
        Require.AllFinite(y, nameof(y));
        Require.Finite(t, nameof(t));
        var values = new double[n * n];
        if (field is IJacobianField analytic)
        {
            analytic.Jacobian(t, y, values);
            return Matrix<double>.Build.DenseOfRowMajor(n, n, values);
        }

        var plus = y.ToArray();
        var minus = y.ToArray();
        var fPlus = new double[n];
        var fMinus = new double[n];
        double cubeRootEpsilon = Math.Cbrt(2.220446049250313e-16);
        for (int j = 0; j < n; j++)
        {
            double h = cubeRootEpsilon * Math.Max(1.0, Math.Abs(y[j]));
            plus[j] = y[j] + h;
            minus[j] = y[j] - h;
            // The step actually taken, which rounding may make differ from h.
            double width = plus[j] - minus[j];
            field.Evaluate(t, plus, fPlus);
            field.Evaluate(t, minus, fMinus);
            for (int i = 0; i < n; i++) values[i * n + j] = (fPlus[i] - fMinus[i]) / width;
            plus[j] = y[j];
            minus[j] = y[j];
        }

        return Matrix<double>.Build.DenseOfRowMajor(n, n, values);
    }
}
