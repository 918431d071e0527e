using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;
using static Dynamics.Solvers.RungeKutta.DormandPrince5Rows;
using static Dynamics.Solvers.RungeKutta.DormandPrinceCoefficients;

namespace Dynamics.Solvers.RungeKutta;

/// <summary>
/// One Dormand–Prince 5(4) attempt of a three-component <see cref="ILaneField"/> with the state and all seven stages in
/// locals: once inlined with the field's formula, no stage argument or derivative goes through memory (the span stepper
/// stores each stage argument and derivative in its buffers and reloads them). The derivative stays in registers because
/// <see cref="ILaneField.Derivative"/> constrains its vector to a struct (see there why). The stage arguments come from
/// <see cref="DormandPrince5Rows"/>, so the result is <see cref="DormandPrince5Stepper{TField}"/>'s to the last bit.
/// </summary>
internal static class DormandPrince5Registers
{
    /// <summary>Attempts the step of size <paramref name="h"/> from (<paramref name="t"/>, <paramref name="y"/>) whose first stage is <paramref name="k1"/>.</summary>
    /// <param name="f">The field.</param>
    /// <param name="norm">Measures the error estimate.</param>
    /// <param name="t">The time at the step's start.</param>
    /// <param name="h">The signed step.</param>
    /// <param name="y">The state at the step's start.</param>
    /// <param name="k1">f(t, y) (FSAL: the previous step's last stage).</param>
    /// <param name="yNew">The fifth-order state at t + h.</param>
    /// <param name="k7">f(t + h, yNew), the next step's first stage.</param>
    /// <returns>The squared norm of the error estimate h Σⱼ eⱼkⱼ.</returns>
    // Its own compilation root: the JIT's inlining budget grows with the root's size; inlined into the step loop, the
    // controller's lane operations became calls, and as a small wrapper's inlinee the seventh formula stayed a call.
    [MethodImpl(MethodImplOptions.NoInlining)]
    public static ScalarLane Attempt<TField, TNorm>(in TField f, in TNorm norm, double t, double h, in Registers3<ScalarLane> y, in Registers3<ScalarLane> k1,
        out Registers3<ScalarLane> yNew, out Registers3<ScalarLane> k7)
        where TField : struct, ILaneField where TNorm : struct, IRegisterNorm
    {
        double y0 = y.X.Value, y1 = y.Y.Value, y2 = y.Z.Value;
        double a0 = k1.X.Value, a1 = k1.Y.Value, a2 = k1.Z.Value;
        Evaluate(f, t + C2 * h, Stage2(h, y0, a0), Stage2(h, y1, a1), Stage2(h, y2, a2),
            out double b0, out double b1, out double b2);
        Evaluate(f, t + C3 * h, Stage3(h, y0, a0, b0), Stage3(h, y1, a1, b1), Stage3(h, y2, a2, b2),
            out double c0, out double c1, out double c2);
        Evaluate(f, t + C4 * h,
            Stage4(h, y0, a0, b0, c0), Stage4(h, y1, a1, b1, c1), Stage4(h, y2, a2, b2, c2),
            out double d0, out double d1, out double d2);
        Evaluate(f, t + C5 * h,
            Stage5(h, y0, a0, b0, c0, d0), Stage5(h, y1, a1, b1, c1, d1), Stage5(h, y2, a2, b2, c2, d2),
            out double e0, out double e1, out double e2);
        Evaluate(f, t + h,
            Stage6(h, y0, a0, b0, c0, d0, e0), Stage6(h, y1, a1, b1, c1, d1, e1), Stage6(h, y2, a2, b2, c2, d2, e2),
            out double g0, out double g1, out double g2);
        double n0 = NewState(h, y0, a0, c0, d0, e0, g0), n1 = NewState(h, y1, a1, c1, d1, e1, g1), n2 = NewState(h, y2, a2, c2, d2, e2, g2);
        Evaluate(f, t + h, n0, n1, n2, out double l0, out double l1, out double l2);
        k7 = new Registers3<ScalarLane>(ScalarLane.Create(l0), ScalarLane.Create(l1), ScalarLane.Create(l2));
        yNew = new Registers3<ScalarLane>(ScalarLane.Create(n0), ScalarLane.Create(n1), ScalarLane.Create(n2));
        var error = new Registers3<ScalarLane>(
            ScalarLane.Create(Error(h, a0, c0, d0, e0, g0, l0)),
            ScalarLane.Create(Error(h, a1, c1, d1, e1, g1, l1)),
            ScalarLane.Create(Error(h, a2, c2, d2, e2, g2, l2)));
        return norm.ErrorSquared(error, y, yNew);
    }

    /// <summary>The squared error norm of a three-component attempt, inlined into the attempt.</summary>
    public interface IRegisterNorm
    {
        /// <summary>e² of <paramref name="error"/> for the step from <paramref name="y0"/> to <paramref name="y1"/>.</summary>
        ScalarLane ErrorSquared(in Registers3<ScalarLane> error, in Registers3<ScalarLane> y0, in Registers3<ScalarLane> y1);
    }

    // The formula on one trajectory, each parameter the field's own value (a constant once inlined).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Evaluate<TField>(in TField f, double t, double x, double y, double z, out double dx, out double dy, out double dz)
        where TField : struct, ILaneField
    {
        var state = new Registers3<ScalarLane>(ScalarLane.Create(x), ScalarLane.Create(y), ScalarLane.Create(z));
        var derivative = default(Registers3<ScalarLane>);
        f.Derivative(default(BroadcastParameters<ScalarLane>), ScalarLane.Create(t), in state, ref derivative);
        (dx, dy, dz) = (derivative.X.Value, derivative.Y.Value, derivative.Z.Value);
    }
}
