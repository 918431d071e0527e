using Dynamics.Fields;
using static Dynamics.Solvers.RungeKutta.DormandPrince5Rows;
using static Dynamics.Solvers.RungeKutta.DormandPrinceCoefficients;

namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// Dormand–Prince 5(4) with its step unrolled and fused: each stage argument is y + h·Σⱼ aᵢⱼkⱼ formed by
/// <see cref="DormandPrince5Rows"/> — the arrangement the SIMD ensemble lanes and the register path use, so a single
/// trajectory and a lane take the same stages to the last bit. Against the generic stepper the results differ by
/// rounding only (a test bounds the difference); FSAL, dense output and events are inherited.
/// </summary>
internal sealed class DormandPrince5Stepper<TField>(TField field) : ExplicitRungeKuttaStepper<TField>(field, Tableau)
    where TField : IVectorField
{
    public override void Attempt(double t, ReadOnlySpan<double> y, double h, Span<double> yNew, Span<double> errorEstimate)
    {
        BeginAttempt(t, h);
        int n = y.Length;
        Span<double> k1 = Stage(0), k2 = Stage(1), k3 = Stage(2), k4 = Stage(3), k5 = Stage(4), k6 = Stage(5), k7 = Stage(6);
        var s = StageState[..n];
        yNew = yNew[..n];
        errorEstimate = errorEstimate[..n];
        ref TField f = ref Field;

        for (int d = 0; d < n; d++) s[d] = Stage2(h, y[d], k1[d]);
        f.Evaluate(t + C2 * h, s, k2);
        for (int d = 0; d < n; d++) s[d] = Stage3(h, y[d], k1[d], k2[d]);
        f.Evaluate(t + C3 * h, s, k3);
        for (int d = 0; d < n; d++) s[d] = Stage4(h, y[d], k1[d], k2[d], k3[d]);
        f.Evaluate(t + C4 * h, s, k4);
        for (int d = 0; d < n; d++) s[d] = Stage5(h, y[d], k1[d], k2[d], k3[d], k4[d]);
        f.Evaluate(t + C5 * h, s, k5);
        for (int d = 0; d < n; d++) s[d] = Stage6(h, y[d], k1[d], k2[d], k3[d], k4[d], k5[d]);
        f.Evaluate(t + h, s, k6);
        for (int d = 0; d < n; d++) yNew[d] = NewState(h, y[d], k1[d], k3[d], k4[d], k5[d], k6[d]);
        f.Evaluate(t + h, yNew, k7);
        for (int d = 0; d < n; d++) errorEstimate[d] = Error(h, k1[d], k3[d], k4[d], k5[d], k6[d], k7[d]);
        CountEvaluations(6);
    }
}
