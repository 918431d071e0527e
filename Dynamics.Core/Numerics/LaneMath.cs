using System.Runtime.Intrinsics;

namespace Dynamics.Numerics;

/// <summary>
/// The exponential and logarithm that the SIMD lanes compute (the runtime's vectorised implementations, one lane
/// wide), for scalar code whose results must match a lane's to the last bit — the step-size controller, so that a
/// trajectory integrated alone and the same trajectory in an ensemble lane take identical steps. <see cref="Math.Exp"/>
/// and <see cref="Math.Log(double)"/> call the C library, which may differ by an ulp.
/// </summary>
public static class LaneMath
{
    /// <summary>eˣ as one lane of <see cref="Vector512.Exp(Vector512{double})"/> computes it.</summary>
    /// <param name="x">The exponent.</param>
    /// <returns>eˣ.</returns>
    public static double Exp(double x) => Vector128.Exp(Vector128.CreateScalar(x)).ToScalar();

    /// <summary>ln x as one lane of <see cref="Vector512.Log(Vector512{double})"/> computes it.</summary>
    /// <param name="x">The argument.</param>
    /// <returns>ln x.</returns>
    public static double Log(double x) => Vector128.Log(Vector128.CreateScalar(x)).ToScalar();
}
