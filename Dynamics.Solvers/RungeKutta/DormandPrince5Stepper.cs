using Dynamics.Fields;
using static Dynamics.Solvers.RungeKutta.DormandPrinceCoefficients;

namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// Dormand–Prince 5(4) with its step unrolled and fused: each stage argument is y + h·Σⱼ aᵢⱼkⱼ accumulated as
/// acc = a₁k₁, acc = fma(aⱼ, kⱼ, acc), then fma(h, acc, y) — the arrangement the SIMD ensemble lanes use, so a single
/// trajectory and a lane take the same stages to the last bit. The newest kⱼ enters last, so only two fused operations
/// separate one stage's evaluation from the next: the step's critical path is shorter than with separate multiplies
/// and adds. Against the generic stepper the results differ by rounding only (a test bounds the difference); FSAL,
/// dense output and events are inherited.
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

        for (int d = 0; d < n; d++) s[d] = Fma(h, A21 * k1[d], y[d]);
        f.Evaluate(t + C2 * h, s, k2);
        for (int d = 0; d < n; d++) s[d] = Fma(h, Fma(A32, k2[d], A31 * k1[d]), y[d]);
        f.Evaluate(t + C3 * h, s, k3);
        for (int d = 0; d < n; d++) s[d] = Fma(h, Fma(A43, k3[d], Fma(A42, k2[d], A41 * k1[d])), y[d]);
        f.Evaluate(t + C4 * h, s, k4);
        for (int d = 0; d < n; d++) s[d] = Fma(h, Fma(A54, k4[d], Fma(A53, k3[d], Fma(A52, k2[d], A51 * k1[d]))), y[d]);
        f.Evaluate(t + C5 * h, s, k5);
        for (int d = 0; d < n; d++)
            s[d] = Fma(h, Fma(A65, k5[d], Fma(A64, k4[d], Fma(A63, k3[d], Fma(A62, k2[d], A61 * k1[d])))), y[d]);
        f.Evaluate(t + h, s, k6);
        for (int d = 0; d < n; d++)
            yNew[d] = Fma(h, Fma(B6, k6[d], Fma(B5, k5[d], Fma(B4, k4[d], Fma(B3, k3[d], B1 * k1[d])))), y[d]);
        f.Evaluate(t + h, yNew, k7);
        for (int d = 0; d < n; d++)
            errorEstimate[d] = h * Fma(E7, k7[d], Fma(E6, k6[d], Fma(E5, k5[d], Fma(E4, k4[d], Fma(E3, k3[d], E1 * k1[d])))));
        CountEvaluations(6);
    }

    private static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);
}
