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
        var k = Stages;
        var k1 = k[..n];
        var k2 = k.Slice(n, n);
        var k3 = k.Slice(2 * n, n);
        var k4 = k.Slice(3 * n, n);
        var k5 = k.Slice(4 * n, n);
        var k6 = k.Slice(5 * n, n);
        var k7 = k.Slice(6 * n, n);
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
