using System.Runtime.CompilerServices;
using Dynamics.Simd;

namespace Dynamics.Models.Generative;

/// <summary>
/// The pair sums of a Gaussian KDE for a group of particles i (one lane each) against every particle j (broadcast), on
/// coordinates pre-scaled by s = √(log₂e/(2h²)) (<see cref="GaussianKernelExponential.CoordinateScale"/>):
/// S₀(i) = Σ_j 2^{−‖u_j − u_i‖²}, S₁(i) = Σ_j 2^{−‖u_j − u_i‖²}(u_j − u_i), u = s·x; 2^{−‖u_j − u_i‖²} is the kernel
/// exp(−‖x_j − x_i‖²/(2h²)) and S₁ is s times the unscaled sum.
/// </summary>
internal readonly ref struct KernelDensityKernel(ReadOnlySpan<double> scaledPoints, int count, int dimension, Span<double> sum0, Span<double> sum1)
{
    private readonly ReadOnlySpan<double> _u = scaledPoints;
    private readonly Span<double> _s0 = sum0;
    private readonly Span<double> _s1 = sum1;

    public void Block<TLane>(int i) where TLane : struct, ILane<TLane>
    {
        switch (dimension)
        {
            case 1: Block1<TLane>(i); break;
            case 2: Block2<TLane>(i); break;
            default: BlockScalar<TLane>(i); break;
        }
    }

    /// <summary>
    /// Two lane groups at once (particles i … i + 2·Count − 1): each broadcast x_j serves twice as many particles and the
    /// two groups' exponentials overlap. Every lane performs the same operations as in <see cref="Block{TLane}"/>, so
    /// the sums are bit for bit the same.
    /// </summary>
    public void DoubleBlock<TLane>(int i) where TLane : struct, ILane<TLane>
    {
        if (dimension != 2)
        {
            Block<TLane>(i);
            Block<TLane>(i + TLane.Count);
            return;
        }

        int n = count, c = TLane.Count;
        var ua = TLane.Load(_u, i);
        var va = TLane.Load(_u, n + i);
        var ub = TLane.Load(_u, i + c);
        var vb = TLane.Load(_u, n + i + c);
        var s0a = TLane.Create(0);
        var sua = TLane.Create(0);
        var sva = TLane.Create(0);
        var s0b = TLane.Create(0);
        var sub = TLane.Create(0);
        var svb = TLane.Create(0);
        var us = _u[..n];
        var vs = _u.Slice(n, n);
        for (int j = 0; j < us.Length; j++)
        {
            var uj = TLane.Create(us[j]);
            var vj = TLane.Create(vs[j]);
            Accumulate(uj, vj, ua, va, ref s0a, ref sua, ref sva);
            Accumulate(uj, vj, ub, vb, ref s0b, ref sub, ref svb);
        }

        s0a.Store(_s0, i);
        sua.Store(_s1, i);
        sva.Store(_s1, n + i);
        s0b.Store(_s0, i + c);
        sub.Store(_s1, i + c);
        svb.Store(_s1, n + i + c);
    }

    private void Block1<TLane>(int i) where TLane : struct, ILane<TLane>
    {
        var ui = TLane.Load(_u, i);
        var s0 = TLane.Create(0);
        var s1 = TLane.Create(0);
        var u = _u[..count];
        for (int j = 0; j < u.Length; j++)
        {
            var du = TLane.Create(u[j]) - ui;
            var k = GaussianKernelExponential.TwoToMinus(du * du);
            s0 += k;
            s1 = TLane.MultiplyAdd(k, du, s1);
        }

        s0.Store(_s0, i);
        s1.Store(_s1, i);
    }

    private void Block2<TLane>(int i) where TLane : struct, ILane<TLane>
    {
        int n = count;
        var ui = TLane.Load(_u, i);
        var vi = TLane.Load(_u, n + i);
        var s0 = TLane.Create(0);
        var su = TLane.Create(0);
        var sv = TLane.Create(0);
        var us = _u[..n];
        var vs = _u.Slice(n, n);
        for (int j = 0; j < us.Length; j++) Accumulate(TLane.Create(us[j]), TLane.Create(vs[j]), ui, vi, ref s0, ref su, ref sv);

        s0.Store(_s0, i);
        su.Store(_s1, i);
        sv.Store(_s1, n + i);
    }

    // One pair term of the 2-D sums for a lane group at (u_i, v_i) against the broadcast particle (u_j, v_j).
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Accumulate<TLane>(TLane uj, TLane vj, TLane ui, TLane vi, ref TLane s0, ref TLane su, ref TLane sv)
        where TLane : struct, ILane<TLane>
    {
        var du = uj - ui;
        var dv = vj - vi;
        var k = GaussianKernelExponential.TwoToMinus(TLane.MultiplyAdd(dv, dv, du * du));
        s0 += k;
        su = TLane.MultiplyAdd(k, du, su);
        sv = TLane.MultiplyAdd(k, dv, sv);
    }

    // Any dimension, one particle per lane position handled as scalars (the vectorised kernels cover d ≤ 2).
    private void BlockScalar<TLane>(int first) where TLane : struct, ILane<TLane>
    {
        int n = count, d = dimension;
        for (int i = first; i < first + TLane.Count; i++)
        {
            for (int a = 0; a < d; a++) _s1[a * n + i] = 0;
            double s0 = 0;
            for (int j = 0; j < n; j++)
            {
                double r2 = 0;
                for (int a = 0; a < d; a++)
                {
                    double diff = _u[a * n + j] - _u[a * n + i];
                    r2 = Math.FusedMultiplyAdd(diff, diff, r2);
                }

                double k = GaussianKernelExponential.TwoToMinus(ScalarLane.Create(r2)).Value;
                s0 += k;
                for (int a = 0; a < d; a++) _s1[a * n + i] = Math.FusedMultiplyAdd(k, _u[a * n + j] - _u[a * n + i], _s1[a * n + i]);
            }

            _s0[i] = s0;
        }
    }
}
