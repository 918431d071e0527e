using Dynamics.Fields;
using Dynamics.Validation;
using MathNet.Numerics.LinearAlgebra;

namespace Dynamics.Solvers.Implicit;

/// <summary>
/// Explains a failed explicit solve: when an explicit method runs out of steps and |h|·ρ(∂f/∂y) at the current point is
/// of order one or more, the step is held at the method's stability boundary (≈ 2 for Euler, 2.8 for RK4, 3.3 for
/// DP5 on the negative real axis) rather than by accuracy, which is what stiffness means (Hairer &amp; Wanner II, §IV.2).
/// Runs once, on failure, so it may allocate.
/// </summary>
internal static class StiffnessDiagnosis
{
    /// <summary>A sentence naming the stiff methods when the problem looks stiff at (t, y), otherwise empty.</summary>
    public static string Describe<TField>(TField field, double t, ReadOnlySpan<double> y, double h) where TField : IVectorField
    {
        int n = field.Dimension;
        if (n > 400 || h == 0) return "";
        var f0 = new double[n];
        field.Evaluate(t, y, f0);
        var values = new double[n * n];
        new JacobianSource<TField>(field, JacobianOptions.Default).Jacobian(t, y, f0, values);
        foreach (double v in values)
        {
            if (!double.IsFinite(v)) return "";
        }

        double radius = 0;
        foreach (var eigenvalue in Matrix<double>.Build.DenseOfRowMajor(n, n, values).Evd().EigenValues) radius = Math.Max(radius, eigenvalue.Magnitude);
        double ratio = Math.Abs(h) * radius;
        if (!(ratio >= 1)) return "";
        return $" The problem looks stiff: |h|·ρ(∂f/∂y) ≈ {Require.Format(ratio)} with ρ ≈ {Require.Format(radius)}, so the explicit method's step is held at its stability limit, not by accuracy. Use a stiff method from Dynamics.Solvers.Implicit: Rodas4, Radau5, Rosenbrock23, or AutoSwitch.";
    }
}
