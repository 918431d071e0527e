using Dynamics.Fields;
using Dynamics.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Analysis;

/// <summary>
/// The Jacobian ∂f/∂y of a field at a point, exact where the field allows: forward-mode automatic differentiation of its
/// one formula when it is an <see cref="ILaneField"/> (<see cref="LaneField.Jacobian{TField}"/>), its own analytic
/// Jacobian when it implements only <see cref="IJacobianField"/>, and otherwise central differences with step hⱼ = ε^{1/3}·max(1, |yⱼ|), which balances truncation O(h²) against rounding
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
        if (TryExact(field, t, y, values)) return Matrix<double>.Build.DenseOfRowMajor(n, n, values);

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

    /// <summary>True when <see cref="TryExact"/> gives the field's Jacobian exactly (analytic or by automatic differentiation).</summary>
    /// <param name="field">The field.</param>
    /// <returns>Whether the field has an exact Jacobian.</returns>
    public static bool HasExact(IVectorField field) => field is IJacobianField or ILaneField;

    /// <summary>
    /// Writes the exact Jacobian at (t, y), row-major, when the field has one: automatic differentiation of an
    /// <see cref="ILaneField"/>'s formula (the field's one formula, so analysis and integration cannot disagree), else
    /// the field's analytic <see cref="IJacobianField"/>. A struct field is boxed by the call, so a caller on a hot path
    /// boxes it once and passes the box.
    /// </summary>
    /// <param name="field">The field.</param>
    /// <param name="t">The time.</param>
    /// <param name="y">The state, length n.</param>
    /// <param name="jacobian">Receives the n × n matrix (length n²); untouched when the method returns false.</param>
    /// <returns>False when the field has no exact Jacobian (the caller falls back to differences).</returns>
    public static bool TryExact(IVectorField field, double t, ReadOnlySpan<double> y, Span<double> jacobian)
    {
        switch (field)
        {
            case ILaneField lane:
                LaneField.Jacobian(lane, t, y, jacobian);
                return true;
            case IJacobianField analytic:
                analytic.Jacobian(t, y, jacobian);
                return true;
            default:
                return false;
        }
    }
}
