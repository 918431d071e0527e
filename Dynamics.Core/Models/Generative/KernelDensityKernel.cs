using Dynamics.Numerics;
using Dynamics.Simd;

namespace Dynamics.Models.Generative;

/// <summary>
/// The pair sums of a Gaussian KDE for a group of particles i (one lane each) against every particle j (broadcast):
/// S₀(i) = Σ_j exp(c‖x_j − x_i‖²), S₁(i) = Σ_j exp(c‖x_j − x_i‖²)(x_j − x_i), c = −1/(2h²).
/// </summary>
internal readonly ref struct KernelDensityKernel(ReadOnlySpan<double> points, int count, int dimension, double coefficient, Span<double> sum0, Span<double> sum1)
{
    private readonly ReadOnlySpan<double> _x = points;
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

    private void Block1<TLane>(int i) where TLane : struct, ILane<TLane>
    {
        var xi = TLane.Load(_x, i);
        var c = TLane.Create(coefficient);
        var s0 = TLane.Create(0);
        var s1 = TLane.Create(0);
        var x = _x;
        for (int j = 0; j < count; j++)
        {
            var dx = TLane.Create(x[j]) - xi;
            var k = LaneMath.ExpOfModerate(dx * dx * c);
            s0 += k;
            s1 = TLane.MultiplyAdd(k, dx, s1);
        }

        s0.Store(_s0, i);
        s1.Store(_s1, i);
    }

    private void Block2<TLane>(int i) where TLane : struct, ILane<TLane>
    {
        int n = count;
        var xi = TLane.Load(_x, i);
        var yi = TLane.Load(_x, n + i);
        var c = TLane.Create(coefficient);
        var s0 = TLane.Create(0);
        var sx = TLane.Create(0);
        var sy = TLane.Create(0);
        var xs = _x[..n];
        var ys = _x.Slice(n, n);
        for (int j = 0; j < xs.Length; j++)
        {
            var dx = TLane.Create(xs[j]) - xi;
            var dy = TLane.Create(ys[j]) - yi;
            var r2 = TLane.MultiplyAdd(dy, dy, dx * dx);
            var k = LaneMath.ExpOfModerate(r2 * c);
            s0 += k;
            sx = TLane.MultiplyAdd(k, dx, sx);
            sy = TLane.MultiplyAdd(k, dy, sy);
        }

        s0.Store(_s0, i);
        sx.Store(_s1, i);
        sy.Store(_s1, n + i);
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
                    double diff = _x[a * n + j] - _x[a * n + i];
                    r2 = Math.FusedMultiplyAdd(diff, diff, r2);
                }

                double k = LaneMath.ExpOfModerate(r2 * coefficient);
                s0 += k;
                for (int a = 0; a < d; a++) _s1[a * n + i] = Math.FusedMultiplyAdd(k, _x[a * n + j] - _x[a * n + i], _s1[a * n + i]);
            }

            _s0[i] = s0;
        }
    }
}
