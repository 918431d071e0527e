using Dynamics.Solvers.Diffusion;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Diffusion;

/// <summary>The vectorised block update against the scalar loop it replaced, bit for bit, at every remainder length.</summary>
public class BlockArithmeticTests
{
    [Fact]
    public void Update_rounds_as_the_scalar_expression_at_every_length()
    {
        const double a = -0.3141592653589793;
        for (int n = 0; n <= 35; n++)
        {
            double[] x = KernelInputs.Values(n, 1), y = KernelInputs.Values(n, 2), z = KernelInputs.Values(n, 3);
            var accumulated = (double[])x.Clone();
            BlockArithmetic.AddScaledSum(accumulated, a, y, z);
            for (int i = 0; i < n; i++)
            {
                double expected = x[i];
                expected += a * (y[i] + z[i]);
                Assert.Equal(expected, accumulated[i]);
            }
        }
    }

    [Fact]
    public void Mismatched_lengths_are_rejected()
    {
        var error = Assert.Throws<ArgumentException>(() => BlockArithmetic.AddScaledSum(new double[3], 1, new double[3], new double[2]));
        Assert.Contains("(2)", error.Message);
    }
}
