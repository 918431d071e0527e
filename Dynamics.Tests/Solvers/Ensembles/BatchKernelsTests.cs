using Dynamics.Solvers.Ensembles;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Ensembles;

/// <summary>The lockstep kernels against their scalar expressions, bit for bit, at every remainder length.</summary>
public class BatchKernelsTests
{
    // Every lane width computes y + a·x as one fused multiply-add, so each element must equal the scalar
    // Math.FusedMultiplyAdd exactly, wherever it sits (a full Vector512, a Vector256 or the scalar tail).
    [Fact]
    public void AddScaled_is_one_fused_multiply_add_at_every_length_and_in_place()
    {
        const double a = -0.3141592653589793;
        for (int n = 0; n <= 35; n++)
        {
            double[] y = KernelInputs.Values(n, 1), x = KernelInputs.Values(n, 2);
            var destination = new double[n];
            BatchKernels.AddScaled(y, a, x, destination);
            var inPlace = (double[])y.Clone();
            BatchKernels.AddScaled(inPlace, a, x, inPlace);
            for (int i = 0; i < n; i++)
            {
                double expected = Math.FusedMultiplyAdd(a, x[i], y[i]);
                Assert.Equal(expected, destination[i]);
                Assert.Equal(expected, inPlace[i]);
            }
        }
    }
}
