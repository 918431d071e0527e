using Dynamics.Numerics;
using Dynamics.Solvers.Diffusion;
using Dynamics.Solvers.Ensembles;

namespace Dynamics.Tests.Solvers;

/// <summary>
/// The SIMD element-wise kernels against the scalar expressions they stand for, bit for bit, at every length 0 … 35: a
/// full Vector512, a Vector256 and every scalar tail after them, so an element's bits never depend on where it sits.
/// </summary>
public class ElementWiseKernelTests
{
    private const double A = -0.3141592653589793;

    [Fact]
    public void Lockstep_AddScaled_is_one_fused_multiply_add_also_in_place()
    {
        AtEveryLength((y, x, _) =>
        {
            var destination = new double[y.Length];
            BatchKernels.AddScaled(y, A, x, destination);
            var inPlace = (double[])y.Clone();
            BatchKernels.AddScaled(inPlace, A, x, inPlace);
            for (int i = 0; i < y.Length; i++)
            {
                double expected = Math.FusedMultiplyAdd(A, x[i], y[i]);
                Assert.Equal(expected, destination[i]);
                Assert.Equal(expected, inPlace[i]);
            }
        });
    }

    [Fact]
    public void Diffusion_AddScaledSum_rounds_as_the_scalar_loop_it_replaced()
    {
        AtEveryLength((x, y, z) =>
        {
            var accumulated = (double[])x.Clone();
            BlockArithmetic.AddScaledSum(accumulated, A, y, z);
            for (int i = 0; i < x.Length; i++)
            {
                double expected = x[i];
                expected += A * (y[i] + z[i]);
                Assert.Equal(expected, accumulated[i]);
            }
        });
        var error = Assert.Throws<ArgumentException>(() => BlockArithmetic.AddScaledSum(new double[3], 1, new double[3], new double[2]));
        Assert.Contains("(2)", error.Message);
    }

    // Normals of three streams scaled by 10⁻² … 10², so that rounding differs between elements.
    private static void AtEveryLength(Action<double[], double[], double[]> check)
    {
        for (int n = 0; n <= 35; n++) check(Values(n, 1), Values(n, 2), Values(n, 3));
    }

    private static double[] Values(int n, ulong stream)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = CounterRandom.Normal(5, stream, (ulong)i) * Math.Pow(10, i % 5 - 2);
        return v;
    }
}
