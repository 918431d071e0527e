using Dynamics.Numerics;
using Dynamics.Solvers.Diffusion;

namespace Dynamics.Tests.Solvers.Diffusion;

/// <summary>The vectorised block updates against the scalar loops they replaced, bit for bit, at every remainder length.</summary>
public class BlockArithmeticTests
{
    private static double[] Values(int n, ulong stream)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = CounterRandom.Normal(5, stream, (ulong)i) * Math.Pow(10, i % 5 - 2);
        return v;
    }

    [Fact]
    public void Updates_round_as_the_scalar_expressions_at_every_length()
    {
        const double a = -0.3141592653589793;
        for (int n = 0; n <= 35; n++)
        {
            double[] x = Values(n, 1), y = Values(n, 2), z = Values(n, 3);
            var result = new double[n];
            BlockArithmetic.AddScaled(x, a, y, result);
            var accumulated = (double[])x.Clone();
            BlockArithmetic.AddScaledSum(accumulated, a, y, z);
            for (int i = 0; i < n; i++)
            {
                Assert.Equal(x[i] + a * y[i], result[i]);
                double expected = x[i];
                expected += a * (y[i] + z[i]);
                Assert.Equal(expected, accumulated[i]);
            }
        }
    }

    [Fact]
    public void In_place_update_and_mismatched_lengths()
    {
        double[] y = Values(19, 4), eps = Values(19, 5);
        var expected = y.Select((v, i) => v + 0.25 * eps[i]).ToArray();
        BlockArithmetic.AddScaled(y, 0.25, eps, y);
        Assert.Equal(expected, y);
        var error = Assert.Throws<ArgumentException>(() => BlockArithmetic.AddScaled(new double[3], 1, new double[4], new double[3]));
        Assert.Contains("(4)", error.Message);
        Assert.Throws<ArgumentException>(() => BlockArithmetic.AddScaledSum(new double[3], 1, new double[3], new double[2]));
    }
}
