using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Simd;

namespace Dynamics.Solvers.Ensembles;

/// <summary>
/// The fixed-step lockstep workspace for three-component fields with a register kernel: each group's step runs in
/// registers (state loaded, stages never stored, state stored back), and consecutive groups are independent, so the
/// processor overlaps them. The arithmetic is exactly that of <see cref="LaneLockstepWorkspace{TField, TLane}"/>,
/// so the bits are the same; only the memory traffic is gone.
/// </summary>
internal sealed class RegisterLockstepWorkspace<TField, TLane>(TField member, LockstepMethod method, EnsembleOptions options, int batchSize,
    double startTime, double endTime) : LaneLockstepWorkspace<TField, TLane>(member, method, options, batchSize, startTime, endTime)
    where TField : struct, ILaneField where TLane : struct, ILane<TLane>
{
    // Enough independent chains to hide a step's latency, few enough that their states stay in L1 between steps
    // (32 groups of three registers: 6 KB at eight lanes). The step's broadcast constants are computed once per step
    // for all of them: with 8 groups they were computed four times per step of a 256-member batch, which measured
    // about 4 % slower (1.01–1.08e9 against 1.03–1.14e9 system-steps per CPU second, four alternations).
    private const int GroupsInFlight = 32;

    // A block of steps runs over a few groups at a time: for each step, each group of the few is loaded, stepped in
    // registers and stored back (to L1). Consecutive groups are independent, so the processor overlaps their chains —
    // the loop order of a C++ structure-of-arrays kernel. Every member does exactly what EulerStep/RungeKutta4Step do
    // for it, so the results are the same bits. The state and parameters are taken once, outside the loops: read through
    // the properties inside, every load and store paid a null check and a field reload.
    protected override void EulerSteps(int groups, ReadOnlySpan<double> times, ReadOnlySpan<double> sizes)
    {
        Span<double> y = Y;
        var p = LaneParameters.Load<TLane>(Parameters, ParameterCount);
        var f = Member;
        for (int first = 0; first < groups; first += GroupsInFlight)
        {
            int end = Math.Min(groups, first + GroupsInFlight);
            for (int k = 0; k < times.Length; k++)
            {
                var (time, step) = (TLane.Create(times[k]), TLane.Create(sizes[k]));
                for (int g = first; g < end; g++) Store(y, g, Euler(in f, in p, Load(y, g), time, step));
            }
        }
    }

    protected override void RungeKutta4Steps(int groups, ReadOnlySpan<double> times, ReadOnlySpan<double> sizes)
    {
        Span<double> y = Y;
        var p = LaneParameters.Load<TLane>(Parameters, ParameterCount);
        var f = Member;
        for (int first = 0; first < groups; first += GroupsInFlight)
        {
            int end = Math.Min(groups, first + GroupsInFlight);
            for (int k = 0; k < times.Length; k++)
            {
                var step = new Rk4Constants(times[k], sizes[k]);
                for (int g = first; g < end; g++) Store(y, g, RungeKutta4(in f, in p, Load(y, g), step));
            }
        }
    }

    protected override void EulerStep(int groups, double t, double h)
    {
        var time = TLane.Create(t);
        var step = TLane.Create(h);
        var p = LaneParameters.Load<TLane>(Parameters, ParameterCount);
        var f = Member;
        for (int g = 0; g < groups; g++)
        {
            int i = g * 3 * W;
            var (x, v, z) = (TLane.Load(Y, i), TLane.Load(Y, i + W), TLane.Load(Y, i + 2 * W));
            EvaluateLanes(in f, in p, time, x, v, z, out var kx, out var kv, out var kz);
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
        var p = LaneParameters.Load<TLane>(Parameters, ParameterCount);
        var f = Member;
        for (int g = 0; g < groups; g++)
        {
            int i = g * 3 * W;
            var (x, v, z) = (TLane.Load(Y, i), TLane.Load(Y, i + W), TLane.Load(Y, i + 2 * W));
            EvaluateLanes(in f, in p, t0, x, v, z, out var kx, out var kv, out var kz);
            var (sx, sv, sz) = (kx, kv, kz);
            EvaluateLanes(in f, in p, tHalf, TLane.MultiplyAdd(half, kx, x), TLane.MultiplyAdd(half, kv, v), TLane.MultiplyAdd(half, kz, z),
                out kx, out kv, out kz);
            (sx, sv, sz) = (TLane.MultiplyAdd(two, kx, sx), TLane.MultiplyAdd(two, kv, sv), TLane.MultiplyAdd(two, kz, sz));
            EvaluateLanes(in f, in p, tHalf, TLane.MultiplyAdd(half, kx, x), TLane.MultiplyAdd(half, kv, v), TLane.MultiplyAdd(half, kz, z),
                out kx, out kv, out kz);
            (sx, sv, sz) = (TLane.MultiplyAdd(two, kx, sx), TLane.MultiplyAdd(two, kv, sv), TLane.MultiplyAdd(two, kz, sz));
            EvaluateLanes(in f, in p, tFull, TLane.MultiplyAdd(full, kx, x), TLane.MultiplyAdd(full, kv, v), TLane.MultiplyAdd(full, kz, z),
                out kx, out kv, out kz);
            TLane.MultiplyAdd(sixth, sx + kx, x).Store(Y, i);
            TLane.MultiplyAdd(sixth, sv + kv, v).Store(Y, i + W);
            TLane.MultiplyAdd(sixth, sz + kz, z).Store(Y, i + 2 * W);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Group Load(ReadOnlySpan<double> y, int group)
    {
        int w = TLane.Count, i = group * 3 * w;
        return new Group(TLane.Load(y, i), TLane.Load(y, i + w), TLane.Load(y, i + 2 * w));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Span<double> y, int group, Group state)
    {
        int w = TLane.Count, i = group * 3 * w;
        state.X.Store(y, i);
        state.V.Store(y, i + w);
        state.Z.Store(y, i + 2 * w);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Group Euler(in TField f, in LaneParameters<TLane> p, Group s, TLane time, TLane step)
    {
        EvaluateLanes(in f, in p, time, s.X, s.V, s.Z, out var kx, out var kv, out var kz);
        return new Group(TLane.MultiplyAdd(step, kx, s.X), TLane.MultiplyAdd(step, kv, s.V), TLane.MultiplyAdd(step, kz, s.Z));
    }

    // The operations of RungeKutta4Step, in its order, for one group held in registers.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Group RungeKutta4(in TField f, in LaneParameters<TLane> p, Group s, Rk4Constants c)
    {
        var (x, v, z) = (s.X, s.V, s.Z);
        EvaluateLanes(in f, in p, c.T0, x, v, z, out var kx, out var kv, out var kz);
        var (sx, sv, sz) = (kx, kv, kz);
        EvaluateLanes(in f, in p, c.THalf, TLane.MultiplyAdd(c.Half, kx, x), TLane.MultiplyAdd(c.Half, kv, v), TLane.MultiplyAdd(c.Half, kz, z),
            out kx, out kv, out kz);
        (sx, sv, sz) = (TLane.MultiplyAdd(c.Two, kx, sx), TLane.MultiplyAdd(c.Two, kv, sv), TLane.MultiplyAdd(c.Two, kz, sz));
        EvaluateLanes(in f, in p, c.THalf, TLane.MultiplyAdd(c.Half, kx, x), TLane.MultiplyAdd(c.Half, kv, v), TLane.MultiplyAdd(c.Half, kz, z),
            out kx, out kv, out kz);
        (sx, sv, sz) = (TLane.MultiplyAdd(c.Two, kx, sx), TLane.MultiplyAdd(c.Two, kv, sv), TLane.MultiplyAdd(c.Two, kz, sz));
        EvaluateLanes(in f, in p, c.TFull, TLane.MultiplyAdd(c.Full, kx, x), TLane.MultiplyAdd(c.Full, kv, v), TLane.MultiplyAdd(c.Full, kz, z),
            out kx, out kv, out kz);
        return new Group(TLane.MultiplyAdd(c.Sixth, sx + kx, x), TLane.MultiplyAdd(c.Sixth, sv + kv, v), TLane.MultiplyAdd(c.Sixth, sz + kz, z));
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void EvaluateLanes(in TField f, in LaneParameters<TLane> p, TLane t, TLane x, TLane v, TLane z, out TLane dx, out TLane dv, out TLane dz) =>
        Registers3Formula.Evaluate(in f, in p, t, x, v, z, out dx, out dv, out dz);

    /// <summary>One group's three components, held by value so the JIT keeps them in registers.</summary>
    private readonly record struct Group(TLane X, TLane V, TLane Z);

    /// <summary>The broadcast constants of one RK4 step, exactly as RungeKutta4Step computes them.</summary>
    private readonly struct Rk4Constants(double t, double h)
    {
        public readonly TLane T0 = TLane.Create(t), THalf = TLane.Create(t + 0.5 * h), TFull = TLane.Create(t + h);
        public readonly TLane Half = TLane.Create(0.5 * h), Full = TLane.Create(h), Sixth = TLane.Create(h / 6), Two = TLane.Create(2.0);
    }
}
