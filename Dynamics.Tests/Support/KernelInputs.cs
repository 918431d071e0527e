using Dynamics.Numerics;

namespace Dynamics.Tests.Support;

/// <summary>Inputs for the element-wise kernels' bit-for-bit tests.</summary>
internal static class KernelInputs
{
    /// <summary>n reproducible normals of stream <paramref name="stream"/>, scaled by 10⁻² … 10² so that rounding differs between elements.</summary>
    public static double[] Values(int n, ulong stream)
    {
        var v = new double[n];
        for (int i = 0; i < n; i++) v[i] = CounterRandom.Normal(5, stream, (ulong)i) * Math.Pow(10, i % 5 - 2);
        return v;
    }
}
