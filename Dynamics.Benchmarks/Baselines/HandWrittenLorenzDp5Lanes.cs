using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using Dynamics.Numerics;
using Dynamics.Simd;
using V = System.Runtime.Intrinsics.Vector512<double>;

namespace Dynamics.Benchmarks.Baselines;

/// <summary>
/// The C++ per-lane DP5 kernel (<c>lorenz_dp5_lanes.cpp</c>) transcribed to C# on <see cref="Vector512{T}"/> for Lorenz
/// alone (σ = 10, ρ = 28, β = 8/3, rtol = atol = 1e-6, t ∈ [0, 10]): groups of eight lanes, each lane its own step
/// and accept/reject, the seven stages in locals, the same operations in the same order as the library's
/// <c>LaneWorkspace</c>, so its final states equal <c>LaneEnsemble</c>'s bit for bit. Not a library path: it shows what
/// C# reaches when nothing stands between the arithmetic and the registers.
/// </summary>
internal static class HandWrittenLorenzDp5Lanes
{
    private const int W = 8, N = 3, MaxSteps = 1_000_000;
    private const double Sigma = 10, Rho = 28, Beta = 8.0 / 3, Tolerance = 1e-6, EndTime = 10, Epsilon = 2.220446049250313e-16;
    // StepSizeController.PI: safety, factor limits, and −β/k for k = 5.
    private const double Safety = 0.9, MinFactor = 0.2, MaxFactor = 10, Beta1 = -0.85 / 5, Beta2 = 0.2 / 5;
    private const double A21 = 1.0 / 5, A31 = 3.0 / 40, A32 = 9.0 / 40, A41 = 44.0 / 45, A42 = -56.0 / 15, A43 = 32.0 / 9;
    private const double A51 = 19372.0 / 6561, A52 = -25360.0 / 2187, A53 = 64448.0 / 6561, A54 = -212.0 / 729;
    private const double A61 = 9017.0 / 3168, A62 = -355.0 / 33, A63 = 46732.0 / 5247, A64 = 49.0 / 176, A65 = -5103.0 / 18656;
    private const double B1 = 35.0 / 384, B3 = 500.0 / 1113, B4 = 125.0 / 192, B5 = -2187.0 / 6784, B6 = 11.0 / 84;
    // b − b̂, each difference rounded once, as ButcherTableau forms the error weights.
    private const double E1 = B1 - 5179.0 / 57600, E3 = B3 - 7571.0 / 16695, E4 = B4 - 393.0 / 640, E5 = B5 - -92097.0 / 339200,
        E6 = B6 - 187.0 / 2100, E7 = 0.0 - 1.0 / 40;
    private static readonly double LogErrorFloor = LaneMath.LogOfNormal(1e-4);

    /// <summary>The final states (member-major) and the total accepted and rejected steps.</summary>
    public sealed record Result(double[] FinalStates, long Accepted, long Rejected);

    /// <summary>Solves every member; <paramref name="groups"/> groups of eight lanes per worker, one worker per core.</summary>
    /// <typeparam name="TMath">Where the step factor's ln and exp come from (<see cref="InlineMath"/> or <see cref="LaneMathCalls"/>).</typeparam>
    public static Result Solve<TMath>(double[][] starts, int groups, int workers) where TMath : struct, IControllerMath
    {
        var queue = new Queue(starts);
        Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, _ => Work<TMath>(queue, groups));
        return new Result(queue.Finals, queue.Accepted, queue.Rejected);
    }

    /// <summary>The controller's ln e and exp(x) on eight lanes.</summary>
    public interface IControllerMath
    {
        static abstract V LogOfNormal(V x);

        static abstract V ExpOfModerate(V x);
    }

    /// <summary>LaneMath's polynomials written inline (the C++ kernel's choice): nothing is called inside an attempt.</summary>
    public readonly struct InlineMath : IControllerMath
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V LogOfNormal(V x)
        {
            var e = Avx512F.GetExponent(x);
            var m = Avx512F.GetMantissa(x, 0);
            var above = Vector512.LessThanOrEqual(B(1.4142135623730951), m);
            m = Vector512.ConditionalSelect(above, m * B(0.5), m);
            e = Vector512.ConditionalSelect(above, e + B(1), e);
            var s = (m - B(1)) / (m + B(1));
            V z = s * s, z2 = z * z, z4 = z2 * z2, z8 = z4 * z4;
            var low = Fma(Pair(z, 1.0 / 7, 1.0 / 5), z2, Pair(z, 1.0 / 3, 1.0));
            var high = Fma(Pair(z, 1.0 / 15, 1.0 / 13), z2, Pair(z, 1.0 / 11, 1.0 / 9));
            return Fma(e, B(0.6931471805599453), (s + s) * Fma(B(1.0 / 17), z8, Fma(high, z4, low)));
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public static V ExpOfModerate(V x)
        {
            x = Avx512F.Min(Avx512F.Max(x, B(-708)), B(708));
            var shifter = B(6755399441055744.0);
            var n = Fma(x, B(1.4426950408889634), shifter) - shifter;
            var r = Avx512F.FusedMultiplyAddNegated(n, B(0.6931471805599453), x);
            r = Avx512F.FusedMultiplyAddNegated(n, B(2.3190468138462996e-17), r);
            V r2 = r * r, r4 = r2 * r2, r8 = r4 * r4;
            var s0 = Fma(Pair(r, 1.0 / 6, 1.0 / 2), r2, r + B(1));
            var s1 = Fma(Pair(r, 1.0 / 5040, 1.0 / 720), r2, Pair(r, 1.0 / 120, 1.0 / 24));
            var s2 = Fma(Pair(r, 1.0 / 39916800, 1.0 / 3628800), r2, Pair(r, 1.0 / 362880, 1.0 / 40320));
            return Avx512F.Scale(Fma(Fma(B(1.0 / 479001600), r4, s2), r8, Fma(s1, r4, s0)), n);
        }
    }

    /// <summary>The library's <see cref="LaneMath"/> on <see cref="Lane512"/> (the library's choice): the same bits, but
    /// <see cref="LaneMath.LogOfNormal{TLane}"/> is not inlined, so the attempt makes a call and spills its live vectors.</summary>
    public readonly struct LaneMathCalls : IControllerMath
    {
        public static V LogOfNormal(V x) => AsVector(LaneMath.LogOfNormal(Unsafe.As<V, Lane512>(ref x)));

        public static V ExpOfModerate(V x) => AsVector(LaneMath.ExpOfModerate(Unsafe.As<V, Lane512>(ref x)));

        private static V AsVector(Lane512 lane) => Unsafe.As<Lane512, V>(ref lane);
    }

    private sealed class Queue(double[][] starts)
    {
        private int _next;
        public readonly double[] Finals = new double[N * starts.Length];
        public long Accepted, Rejected;

        public double[]? Take(out int member)
        {
            member = Interlocked.Increment(ref _next) - 1;
            return member < starts.Length ? starts[member] : null;
        }
    }

    // Eight lanes: lane l of each array belongs to member Member[l]; masks are all-ones or zero doubles.
    private sealed class Group
    {
        public readonly double[] Y = new double[N * W], K1 = new double[N * W], T = new double[W], H = new double[W], LogPrevious = new double[W],
            LogBefore = new double[W], AcceptedCount = new double[W], RejectedCount = new double[W], LastRejected = new double[W], Active = new double[W];
        public readonly int[] Member = new int[W];
        public uint ActiveBits;
        public long Accepted, Rejected;
    }

    private static void Work<TMath>(Queue queue, int groupCount) where TMath : struct, IControllerMath
    {
        var groups = new Group[groupCount];
        for (int i = 0; i < groupCount; i++)
        {
            groups[i] = new Group();
            for (int lane = 0; lane < W; lane++) Refill(groups[i], lane, queue);
        }

        // The groups' attempts alternate: independent dependency chains the processor overlaps.
        while (true)
        {
            uint any = 0;
            foreach (var group in groups) any |= group.ActiveBits;
            if (any == 0) break;
            foreach (var group in groups) Attempt<TMath>(group, queue);
        }

        foreach (var group in groups)
        {
            Interlocked.Add(ref queue.Accepted, group.Accepted);
            Interlocked.Add(ref queue.Rejected, group.Rejected);
        }
    }

    private static void Attempt<TMath>(Group g, Queue queue) where TMath : struct, IControllerMath
    {
        var zero = V.Zero;
        var one = B(1);
        V t = Load(g.T, 0), h = Load(g.H, 0), end = B(EndTime), active = Load(g.Active, 0);
        V acceptedCount = Load(g.AcceptedCount, 0), rejectedCount = Load(g.RejectedCount, 0);
        // Take the rest of the span when within 1 % of the proposal (Hairer); direction +1, MaxStep infinite.
        var lands = Vector512.LessThanOrEqual(zero, t + B(1.01) * h - end);
        h = Vector512.ConditionalSelect(lands, end - t, h);
        var minStep = Avx512F.Max(zero, B(16 * Epsilon) * Vector512.Abs(t));
        var tooSmall = ~lands & ~Vector512.LessThanOrEqual(minStep, Vector512.Abs(h)) & active;
        var tooMany = Vector512.LessThanOrEqual(B(MaxSteps), acceptedCount + rejectedCount) & active;
        if ((tooSmall | tooMany).ExtractMostSignificantBits() != 0)
            throw new InvalidOperationException("A Lorenz member hit the minimum step or MaxSteps, which this workload never does.");

        V y0 = Load(g.Y, 0), y1 = Load(g.Y, W), y2 = Load(g.Y, 2 * W);
        V k10 = Load(g.K1, 0), k11 = Load(g.K1, W), k12 = Load(g.K1, 2 * W);
        // Each stage sum adds the latest stage last, so one fused multiply-add per stage lies on the dependency chain.
        Lorenz(Fma(h, B(A21) * k10, y0), Fma(h, B(A21) * k11, y1), Fma(h, B(A21) * k12, y2), out var k20, out var k21, out var k22);
        Lorenz(Fma(h, Fma(B(A32), k20, B(A31) * k10), y0), Fma(h, Fma(B(A32), k21, B(A31) * k11), y1), Fma(h, Fma(B(A32), k22, B(A31) * k12), y2),
            out var k30, out var k31, out var k32);
        Lorenz(Fma(h, Fma(B(A43), k30, Fma(B(A42), k20, B(A41) * k10)), y0), Fma(h, Fma(B(A43), k31, Fma(B(A42), k21, B(A41) * k11)), y1),
            Fma(h, Fma(B(A43), k32, Fma(B(A42), k22, B(A41) * k12)), y2), out var k40, out var k41, out var k42);
        Lorenz(Fma(h, Fma(B(A54), k40, Fma(B(A53), k30, Fma(B(A52), k20, B(A51) * k10))), y0),
            Fma(h, Fma(B(A54), k41, Fma(B(A53), k31, Fma(B(A52), k21, B(A51) * k11))), y1),
            Fma(h, Fma(B(A54), k42, Fma(B(A53), k32, Fma(B(A52), k22, B(A51) * k12))), y2), out var k50, out var k51, out var k52);
        Lorenz(Fma(h, Fma(B(A65), k50, Fma(B(A64), k40, Fma(B(A63), k30, Fma(B(A62), k20, B(A61) * k10)))), y0),
            Fma(h, Fma(B(A65), k51, Fma(B(A64), k41, Fma(B(A63), k31, Fma(B(A62), k21, B(A61) * k11)))), y1),
            Fma(h, Fma(B(A65), k52, Fma(B(A64), k42, Fma(B(A63), k32, Fma(B(A62), k22, B(A61) * k12)))), y2), out var k60, out var k61, out var k62);
        var n0 = Fma(h, Fma(B(B6), k60, Fma(B(B5), k50, Fma(B(B4), k40, Fma(B(B3), k30, B(B1) * k10)))), y0);
        var n1 = Fma(h, Fma(B(B6), k61, Fma(B(B5), k51, Fma(B(B4), k41, Fma(B(B3), k31, B(B1) * k11)))), y1);
        var n2 = Fma(h, Fma(B(B6), k62, Fma(B(B5), k52, Fma(B(B4), k42, Fma(B(B3), k32, B(B1) * k12)))), y2);
        Lorenz(n0, n1, n2, out var k70, out var k71, out var k72);
        var e0 = h * Fma(B(E7), k70, Fma(B(E6), k60, Fma(B(E5), k50, Fma(B(E4), k40, Fma(B(E3), k30, B(E1) * k10)))));
        var e1 = h * Fma(B(E7), k71, Fma(B(E6), k61, Fma(B(E5), k51, Fma(B(E4), k41, Fma(B(E3), k31, B(E1) * k11)))));
        var e2 = h * Fma(B(E7), k72, Fma(B(E6), k62, Fma(B(E5), k52, Fma(B(E4), k42, Fma(B(E3), k32, B(E1) * k12)))));

        // ErrorNorm.Rms squared; NaN when the new state is not finite. Accept on e² ≤ 1, ln e = ½ ln e².
        var sum = ScaledSquare(e0, y0, n0) + ScaledSquare(e1, y1, n1);
        sum += ScaledSquare(e2, y2, n2);
        var finite = Vector512.IsFinite(n0) & Vector512.IsFinite(n1) & Vector512.IsFinite(n2);
        var errorSquared = Vector512.ConditionalSelect(finite.AsDouble(), sum / B(N), B(double.NaN));
        var accept = Vector512.LessThanOrEqual(errorSquared, one) & active;
        var logError = B(0.5) * TMath.LogOfNormal(Avx512F.Max(errorSquared, B(1e-300)));
        V logPrevious = Load(g.LogPrevious, 0), logBefore = Load(g.LogBefore, 0);
        var exponent = Vector512.ConditionalSelect(accept, B(Beta1) * logError + B(Beta2) * logPrevious, B(-1.0 / 5) * logError);
        var upper = Vector512.ConditionalSelect(accept, Vector512.ConditionalSelect(Load(g.LastRejected, 0), one, B(MaxFactor)), B(Safety));
        var factor = Avx512F.Min(Avx512F.Max(B(Safety) * TMath.ExpOfModerate(exponent), B(MinFactor)), upper);
        factor = Vector512.ConditionalSelect(Vector512.IsFinite(errorSquared).AsDouble(), factor, B(MinFactor));

        Store(h * factor, g.H, 0);
        Store(Vector512.ConditionalSelect(accept, Vector512.ConditionalSelect(lands, end, t + h), t), g.T, 0);
        Store(Vector512.ConditionalSelect(accept, Avx512F.Max(logError, B(LogErrorFloor)), logPrevious), g.LogPrevious, 0);
        Store(Vector512.ConditionalSelect(accept, logPrevious, logBefore), g.LogBefore, 0);
        Store(acceptedCount + (accept & one), g.AcceptedCount, 0);
        Store(rejectedCount + (Vector512.AndNot(active, accept) & one), g.RejectedCount, 0);
        Store(Vector512.ConditionalSelect(accept, n0, y0), g.Y, 0);
        Store(Vector512.ConditionalSelect(accept, n1, y1), g.Y, W);
        Store(Vector512.ConditionalSelect(accept, n2, y2), g.Y, 2 * W);
        Store(Vector512.ConditionalSelect(accept, k70, k10), g.K1, 0);
        Store(Vector512.ConditionalSelect(accept, k71, k11), g.K1, W);
        Store(Vector512.ConditionalSelect(accept, k72, k12), g.K1, 2 * W);
        Store(~accept, g.LastRejected, 0);
        for (uint finished = (uint)(accept & lands).ExtractMostSignificantBits(); finished != 0; finished &= finished - 1)
            Refill(g, System.Numerics.BitOperations.TrailingZeroCount(finished), queue);
    }

    // Ends the lane's member (if it had one) and loads the next as LaneWorkspace.Fill does: f₀ and Hairer's initial step
    // in scalar arithmetic. With the queue empty the lane idles at h = 0, masked off.
    private static void Refill(Group g, int lane, Queue queue)
    {
        if ((g.ActiveBits >> lane & 1) != 0)
        {
            for (int j = 0; j < N; j++) queue.Finals[N * g.Member[lane] + j] = g.Y[j * W + lane];
            g.Accepted += (long)g.AcceptedCount[lane];
            g.Rejected += (long)g.RejectedCount[lane];
        }

        var start = queue.Take(out int member);
        if (start is null)
        {
            g.ActiveBits &= ~(1u << lane);
            g.Active[lane] = 0;
            g.H[lane] = 0;
            return;
        }

        Span<double> f0 = stackalloc double[N];
        LorenzScalar(start, f0);
        g.Member[lane] = member;
        g.T[lane] = 0;
        g.H[lane] = InitialStep(start, f0);
        g.LogPrevious[lane] = g.LogBefore[lane] = g.LastRejected[lane] = 0;
        g.AcceptedCount[lane] = g.RejectedCount[lane] = 0;
        for (int j = 0; j < N; j++)
        {
            g.Y[j * W + lane] = start[j];
            g.K1[j * W + lane] = f0[j];
        }

        g.Active[lane] = BitConverter.Int64BitsToDouble(-1);
        g.ActiveBits |= 1u << lane;
    }

    // InitialStepSize.Hairer for order 5, rtol = atol = Tolerance, forward, no MaxStep, as the library computes it.
    private static double InitialStep(ReadOnlySpan<double> y0, ReadOnlySpan<double> f0)
    {
        double d0 = 0, d1 = 0, d2 = 0;
        Span<double> y1 = stackalloc double[N], f1 = stackalloc double[N], scale = stackalloc double[N];
        for (int i = 0; i < N; i++)
        {
            scale[i] = Tolerance + Tolerance * Math.Abs(y0[i]);
            d0 += (y0[i] / scale[i]) * (y0[i] / scale[i]);
            d1 += (f0[i] / scale[i]) * (f0[i] / scale[i]);
        }

        d0 = Math.Sqrt(d0 / N);
        d1 = Math.Sqrt(d1 / N);
        double h0 = Math.Min(d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1, EndTime);
        for (int i = 0; i < N; i++) y1[i] = y0[i] + 1.0 * h0 * f0[i];
        LorenzScalar(y1, f1);
        for (int i = 0; i < N; i++)
        {
            double difference = (f1[i] - f0[i]) / scale[i];
            d2 += difference * difference;
        }

        d2 = Math.Sqrt(d2 / N) / h0;
        double dMax = Math.Max(d1, d2);
        double h1 = !double.IsFinite(dMax) ? h0 : dMax <= 1e-15 ? Math.Max(1e-6, h0 * 1e-3) : Math.Pow(0.01 / dMax, 1.0 / 6);
        return Math.Min(Math.Min(100 * h0, h1), EndTime);
    }

    // (e / (atol + rtol·max(|y₀|, |y₁|)))², 0 where e = 0, as ErrorNorm.Rms.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V ScaledSquare(V e, V y, V yNew)
    {
        var scale = B(Tolerance) + B(Tolerance) * Avx512F.Max(Vector512.Abs(y), Vector512.Abs(yNew));
        var scaled = Vector512.ConditionalSelect(Vector512.LessThanOrEqual(Vector512.Abs(e), V.Zero), V.Zero, e / scale);
        return scaled * scaled;
    }

    // Lorenz with the model's fused operations: σ(y − x), x(ρ − z) − y, xy − βz.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Lorenz(V x, V y, V z, out V fx, out V fy, out V fz)
    {
        fx = B(Sigma) * (y - x);
        fy = Avx512F.FusedMultiplySubtract(x, B(Rho) - z, y);
        fz = Avx512F.FusedMultiplySubtract(x, y, B(Beta) * z);
    }

    private static void LorenzScalar(ReadOnlySpan<double> y, Span<double> f)
    {
        f[0] = Sigma * (y[1] - y[0]);
        f[1] = Math.FusedMultiplyAdd(y[0], Rho - y[2], -y[1]);
        f[2] = Math.FusedMultiplyAdd(y[0], y[1], -(Beta * y[2]));
    }

    private static V B(double x) => Vector512.Create(x);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Fma(V a, V b, V c) => Avx512F.FusedMultiplyAdd(a, b, c);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Pair(V u, double c1, double c0) => Fma(B(c1), u, B(c0));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static V Load(double[] a, int i) => Vector512.LoadUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(V v, double[] a, int i) => v.StoreUnsafe(ref MemoryMarshal.GetArrayDataReference(a), (nuint)i);
}
