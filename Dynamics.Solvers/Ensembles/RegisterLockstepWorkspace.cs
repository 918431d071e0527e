using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// The fixed-step lockstep workspace for three-component fields with a register kernel: each group's whole step runs in
/// registers (state loaded once, stages never stored), and consecutive groups are independent, so the processor
/// overlaps them. The arithmetic is exactly that of <see cref="LaneLockstepWorkspace{TMember, TLanes, TLane}"/>, so the
/// bits are the same; only the memory traffic is gone.
/// </summary>
internal sealed class RegisterLockstepWorkspace<TMember, TLanes, TLane>(TMember member, LockstepMethod method, LockstepOptions options, int batchSize,
    double startTime, double endTime) : LaneLockstepWorkspace<TMember, TLanes, TLane>(member, method, options, batchSize, startTime, endTime)
    where TMember : IVectorField where TLanes : ILaneVectorField3<TMember> where TLane : struct, ILane<TLane>
{
    protected override void EulerStep(int groups, double t, double h)
    {
        var time = TLane.Create(t);
        var step = TLane.Create(h);
        for (int g = 0; g < groups; g++)
        {
            int i = g * 3 * W;
            var (x, v, z) = (TLane.Load(Y, i), TLane.Load(Y, i + W), TLane.Load(Y, i + 2 * W));
            TLanes.EvaluateLanes(Parameters, time, x, v, z, out var kx, out var kv, out var kz);
            TLane.MultiplyAdd(step, kx, x).Store(Y, i);
            TLane.MultiplyAdd(step, kv, v).Store(Y, i + W);
            TLane.MultiplyAdd(step, kz, z).Store(Y, i + 2 * W);
        }
    }

    // Kutta (1901), operation for operation as the base class's passes: stage = y + a·k, sum = k₁ + 2k₂ + 2k₃, y += h/6·(sum + k₄).
    protected override void RungeKutta4Step(int groups, double t, double h)
    {
        var t0 = TLane.Create(t);
        var tHalf = TLane.Create(t + 0.5 * h);
        var tFull = TLane.Create(t + h);
        var half = TLane.Create(0.5 * h);
        var full = TLane.Create(h);
        var sixth = TLane.Create(h / 6);
        var two = TLane.Create(2.0);
        var p = Parameters;
        for (int g = 0; g < groups; g++)
        {
            int i = g * 3 * W;
            var (x, v, z) = (TLane.Load(Y, i), TLane.Load(Y, i + W), TLane.Load(Y, i + 2 * W));
            TLanes.EvaluateLanes(p, t0, x, v, z, out var kx, out var kv, out var kz);
            var (sx, sv, sz) = (kx, kv, kz);
            TLanes.EvaluateLanes(p, tHalf, TLane.MultiplyAdd(half, kx, x), TLane.MultiplyAdd(half, kv, v), TLane.MultiplyAdd(half, kz, z),
                out kx, out kv, out kz);
            (sx, sv, sz) = (TLane.MultiplyAdd(two, kx, sx), TLane.MultiplyAdd(two, kv, sv), TLane.MultiplyAdd(two, kz, sz));
            TLanes.EvaluateLanes(p, tHalf, TLane.MultiplyAdd(half, kx, x), TLane.MultiplyAdd(half, kv, v), TLane.MultiplyAdd(half, kz, z),
                out kx, out kv, out kz);
            (sx, sv, sz) = (TLane.MultiplyAdd(two, kx, sx), TLane.MultiplyAdd(two, kv, sv), TLane.MultiplyAdd(two, kz, sz));
            TLanes.EvaluateLanes(p, tFull, TLane.MultiplyAdd(full, kx, x), TLane.MultiplyAdd(full, kv, v), TLane.MultiplyAdd(full, kz, z),
                out kx, out kv, out kz);
            TLane.MultiplyAdd(sixth, sx + kx, x).Store(Y, i);
            TLane.MultiplyAdd(sixth, sv + kv, v).Store(Y, i + W);
            TLane.MultiplyAdd(sixth, sz + kz, z).Store(Y, i + 2 * W);
        }
    }
}
