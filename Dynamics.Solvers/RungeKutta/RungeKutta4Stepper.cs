using Dynamics.Fields;

namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// The classical Runge–Kutta 4 step unrolled and fused, as the lockstep lanes compute it: k₂ at fma(h/2, k₁, y),
/// k₃ at fma(h/2, k₂, y), k₄ at fma(h, k₃, y), and y₁ = fma(h/6, fma(2, k₃, fma(2, k₂, k₁)) + k₄, y). It equals the
/// generic stepper up to rounding (a test bounds the difference); the Hermite dense output and everything else is
/// inherited.
/// </summary>
internal sealed class RungeKutta4Stepper<TField>(TField field, ButcherTableau tableau) : ExplicitRungeKuttaStepper<TField>(field, tableau)
    where TField : IVectorField
{
    public override void Attempt(double t, ReadOnlySpan<double> y, double h, Span<double> yNew, Span<double> errorEstimate)
    {
        BeginAttempt(t, h);
        int n = y.Length;
        Span<double> k1 = Stage(0), k2 = Stage(1), k3 = Stage(2), k4 = Stage(3);
        var s = StageState[..n];
        yNew = yNew[..n];
        double half = 0.5 * h, sixth = h / 6;
        ref TField f = ref Field;

        for (int d = 0; d < n; d++) s[d] = Math.FusedMultiplyAdd(half, k1[d], y[d]);
        f.Evaluate(t + half, s, k2);
        for (int d = 0; d < n; d++) s[d] = Math.FusedMultiplyAdd(half, k2[d], y[d]);
        f.Evaluate(t + half, s, k3);
        for (int d = 0; d < n; d++) s[d] = Math.FusedMultiplyAdd(h, k3[d], y[d]);
        f.Evaluate(t + h, s, k4);
        for (int d = 0; d < n; d++)
            yNew[d] = Math.FusedMultiplyAdd(sixth, Math.FusedMultiplyAdd(2.0, k3[d], Math.FusedMultiplyAdd(2.0, k2[d], k1[d])) + k4[d], y[d]);
        CountEvaluations(3);
    }
}
