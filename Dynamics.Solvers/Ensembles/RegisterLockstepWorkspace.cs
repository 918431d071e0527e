using System.Runtime.CompilerServices;
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
    // A block of steps runs group by group with two groups in flight: each group's state stays in registers for the
    // whole block, and the two independent dependency chains keep the vector units busy (the shape of a hand-written
    // kernel). Every member does exactly what EulerStep/RungeKutta4Step do for it, so the results are the same bits.
    protected override void EulerSteps(int groups, ReadOnlySpan<double> times, ReadOnlySpan<double> sizes)
    {
        int g = 0;
        for (; g + 2 <= groups; g += 2) EulerTwo(g, times, sizes);
        for (; g < groups; g++) EulerOne(g, times, sizes);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EulerTwo(int g, ReadOnlySpan<double> times, ReadOnlySpan<double> sizes)
    {
        var (a, b) = (Load(g), Load(g + 1));
        for (int k = 0; k < times.Length; k++)
        {
            var time = TLane.Create(times[k]);
            var step = TLane.Create(sizes[k]);
            (a, b) = (Euler(a, time, step), Euler(b, time, step));
        }

        Store(g, a);
        Store(g + 1, b);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void EulerOne(int g, ReadOnlySpan<double> times, ReadOnlySpan<double> sizes)
    {
        var a = Load(g);
        for (int k = 0; k < times.Length; k++) a = Euler(a, TLane.Create(times[k]), TLane.Create(sizes[k]));
        Store(g, a);
    }

    protected override void RungeKutta4Steps(int groups, ReadOnlySpan<double> times, ReadOnlySpan<double> sizes)
    {
        int g = 0;
        for (; g + 2 <= groups; g += 2) RungeKutta4Two(g, times, sizes);
        for (; g < groups; g++) RungeKutta4One(g, times, sizes);
    }

    // Separate methods, not inlined into the caller: each gets the JIT's whole inlining budget, so every lane
    // operation of the unrolled steps is inlined (in one big method the budget ran out and lane operations became calls).
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RungeKutta4Two(int g, ReadOnlySpan<double> times, ReadOnlySpan<double> sizes)
    {
        var (a, b) = (Load(g), Load(g + 1));
        for (int k = 0; k < times.Length; k++)
        {
            var step = new Rk4Constants(times[k], sizes[k]);
            (a, b) = (RungeKutta4(a, step), RungeKutta4(b, step));
        }

        Store(g, a);
        Store(g + 1, b);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void RungeKutta4One(int g, ReadOnlySpan<double> times, ReadOnlySpan<double> sizes)
    {
        var a = Load(g);
        for (int k = 0; k < times.Length; k++) a = RungeKutta4(a, new Rk4Constants(times[k], sizes[k]));
        Store(g, a);
    }

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

    private Group Load(int group)
    {
        int i = group * 3 * W;
        return new Group(TLane.Load(Y, i), TLane.Load(Y, i + W), TLane.Load(Y, i + 2 * W));
    }

    private void Store(int group, Group state)
    {
        int i = group * 3 * W;
        state.X.Store(Y, i);
        state.V.Store(Y, i + W);
        state.Z.Store(Y, i + 2 * W);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Group Euler(Group s, TLane time, TLane step)
    {
        TLanes.EvaluateLanes(Parameters, time, s.X, s.V, s.Z, out var kx, out var kv, out var kz);
        return new Group(TLane.MultiplyAdd(step, kx, s.X), TLane.MultiplyAdd(step, kv, s.V), TLane.MultiplyAdd(step, kz, s.Z));
    }

    // The operations of RungeKutta4Step, in its order, for one group held in registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private Group RungeKutta4(Group s, Rk4Constants c)
    {
        var p = Parameters;
        var (x, v, z) = (s.X, s.V, s.Z);
        TLanes.EvaluateLanes(p, c.T0, x, v, z, out var kx, out var kv, out var kz);
        var (sx, sv, sz) = (kx, kv, kz);
        TLanes.EvaluateLanes(p, c.THalf, TLane.MultiplyAdd(c.Half, kx, x), TLane.MultiplyAdd(c.Half, kv, v), TLane.MultiplyAdd(c.Half, kz, z),
            out kx, out kv, out kz);
        (sx, sv, sz) = (TLane.MultiplyAdd(c.Two, kx, sx), TLane.MultiplyAdd(c.Two, kv, sv), TLane.MultiplyAdd(c.Two, kz, sz));
        TLanes.EvaluateLanes(p, c.THalf, TLane.MultiplyAdd(c.Half, kx, x), TLane.MultiplyAdd(c.Half, kv, v), TLane.MultiplyAdd(c.Half, kz, z),
            out kx, out kv, out kz);
        (sx, sv, sz) = (TLane.MultiplyAdd(c.Two, kx, sx), TLane.MultiplyAdd(c.Two, kv, sv), TLane.MultiplyAdd(c.Two, kz, sz));
        TLanes.EvaluateLanes(p, c.TFull, TLane.MultiplyAdd(c.Full, kx, x), TLane.MultiplyAdd(c.Full, kv, v), TLane.MultiplyAdd(c.Full, kz, z),
            out kx, out kv, out kz);
        return new Group(TLane.MultiplyAdd(c.Sixth, sx + kx, x), TLane.MultiplyAdd(c.Sixth, sv + kv, v), TLane.MultiplyAdd(c.Sixth, sz + kz, z));
    }

    /// <summary>One group's three components, held by value so the JIT keeps them in registers.</summary>
    private readonly record struct Group(TLane X, TLane V, TLane Z);

    /// <summary>The broadcast constants of one RK4 step, exactly as RungeKutta4Step computes them.</summary>
    private readonly struct Rk4Constants(double t, double h)
    {
        public readonly TLane T0 = TLane.Create(t), THalf = TLane.Create(t + 0.5 * h), TFull = TLane.Create(t + h);
        public readonly TLane Half = TLane.Create(0.5 * h), Full = TLane.Create(h), Sixth = TLane.Create(h / 6), Two = TLane.Create(2.0);
    }
}
