using System.Runtime.CompilerServices;
using static Dynamics.Solvers.RungeKutta.DormandPrinceCoefficients;

namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// One component of each Dormand–Prince 5(4) stage argument, of the new state and of the error estimate, in the one
/// order of fused operations every DP5 path shares: acc = a₁k₁, acc = fma(aⱼ, kⱼ, acc) with the newest kⱼ last, then
/// fma(h, acc, y). The span stepper (<see cref="DormandPrince5Stepper{TField}"/>) applies them per component of its
/// buffers and the register path (<see cref="DormandPrince5Registers"/>) to locals, so both take the same stages to
/// the last bit; only two fused operations separate one stage's evaluation from the next. The lane ensembles' register
/// kernel (<c>LaneWorkspace.KernelInRegisters</c>) writes the same rows on SIMD groups, in the same order: one generic set
/// for both was measured slower on both paths.
/// </summary>
internal static class DormandPrince5Rows
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Stage2(double h, double y, double k1) => Fma(h, A21 * k1, y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Stage3(double h, double y, double k1, double k2) => Fma(h, Fma(A32, k2, A31 * k1), y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Stage4(double h, double y, double k1, double k2, double k3) => Fma(h, Fma(A43, k3, Fma(A42, k2, A41 * k1)), y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Stage5(double h, double y, double k1, double k2, double k3, double k4) =>
        Fma(h, Fma(A54, k4, Fma(A53, k3, Fma(A52, k2, A51 * k1))), y);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Stage6(double h, double y, double k1, double k2, double k3, double k4, double k5) =>
        Fma(h, Fma(A65, k5, Fma(A64, k4, Fma(A63, k3, Fma(A62, k2, A61 * k1)))), y);

    /// <summary>The new state, which is also the FSAL stage's argument (b₂ = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double NewState(double h, double y, double k1, double k3, double k4, double k5, double k6) =>
        Fma(h, Fma(B6, k6, Fma(B5, k5, Fma(B4, k4, Fma(B3, k3, B1 * k1)))), y);

    /// <summary>h Σⱼ eⱼkⱼ, the difference of the fifth- and fourth-order solutions (e₂ = 0).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static double Error(double h, double k1, double k3, double k4, double k5, double k6, double k7) =>
        h * Fma(E7, k7, Fma(E6, k6, Fma(E5, k5, Fma(E4, k4, Fma(E3, k3, E1 * k1)))));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static double Fma(double a, double b, double c) => Math.FusedMultiplyAdd(a, b, c);
}
