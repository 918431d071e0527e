using Dynamics.Simd;
using Dynamics.Validation;

namespace Dynamics.Models.Information;

/// <summary>
/// The linear-Gaussian encoder of Deep InfoMax's toy (kexue.fm/archives/6024): x ∼ N(0, 1), z | x ∼ N(a x, s²), so
/// z ∼ N(0, a² + s²). Closed forms: I(X; Z) = ½ ln(1 + a²/s²); E_x KL(p(z|x)‖N(0, 1)) = ½(a² + s² − ln s² − 1);
/// KL(p(z)‖N(0, 1)) = ½(a² + s² − ln(a² + s²) − 1); and Su's prior-matching identity
/// E_x KL(p(z|x)‖q) = I + KL(p(z)‖q) holds exactly.
/// </summary>
public sealed record LinearGaussianEncoder
{
    /// <summary>The encoder z = a x + s ε.</summary>
    /// <param name="gain">a, finite.</param>
    /// <param name="noise">s &gt; 0.</param>
    public LinearGaussianEncoder(double gain, double noise)
    {
        Gain = gain;
        Noise = noise;
    }

    /// <summary>The gain a.</summary>
    public double Gain
    {
        get;
        init
        {
            Require.Finite(value, nameof(Gain));
            field = value;
        }
    }

    /// <summary>The noise standard deviation s &gt; 0.</summary>
    public double Noise
    {
        get;
        init
        {
            Require.Positive(value, nameof(Noise));
            field = value;
        }
    }

    /// <summary>I(X; Z) = ½ ln(1 + a²/s²).</summary>
    public double MutualInformation => MutualInformationOf(ScalarLane.Create(Gain), ScalarLane.Create(Noise)).Value;

    /// <summary>E_x KL(N(a x, s²)‖N(0, 1)) = ½(a² + s² − ln s² − 1).</summary>
    public double ExpectedKlToPrior => ExpectedKlToPriorOf(ScalarLane.Create(Gain), ScalarLane.Create(Noise)).Value;

    /// <summary>I = ½ ln(1 + a²/s²) on any number type (the one formula of <see cref="MutualInformation"/> and <see cref="InfoMaxLoss"/>'s value).</summary>
    internal static T MutualInformationOf<T>(T gain, T noise) where T : struct, IFieldNumber<T> =>
        T.Create(0.5) * T.Log(T.Create(1.0) + gain * gain / (noise * noise));

    /// <summary>E KL = ½(a² + s² − ln s² − 1) on any number type (the one formula of <see cref="ExpectedKlToPrior"/>).</summary>
    internal static T ExpectedKlToPriorOf<T>(T gain, T noise) where T : struct, IFieldNumber<T> =>
        T.Create(0.5) * (gain * gain + noise * noise - T.Log(noise * noise) - T.Create(1.0));

    /// <summary>KL(N(0, a² + s²)‖N(0, 1)) = ½(a² + s² − ln(a² + s²) − 1).</summary>
    public double MarginalKlToPrior
    {
        get
        {
            double v = Gain * Gain + Noise * Noise;
            return 0.5 * (v - Math.Log(v) - 1);
        }
    }

    /// <summary>KL(N(a x, s²)‖N(0, 1)) for one x: ½(a²x² + s² − ln s² − 1).</summary>
    /// <param name="x">The input.</param>
    /// <returns>The KL divergence in nats.</returns>
    public double KlToPrior(double x) => 0.5 * (Gain * Gain * x * x + Noise * Noise - Math.Log(Noise * Noise) - 1);

    /// <summary>The point-wise mutual information ln p(z|x) − ln p(z).</summary>
    /// <param name="x">The input.</param>
    /// <param name="z">The code.</param>
    /// <returns>ln(p(z|x)/p(z)).</returns>
    public double PointwiseMutualInformation(double x, double z)
    {
        double s2 = Noise * Noise, v = Gain * Gain + s2, r = z - Gain * x;
        return -0.5 * Math.Log(s2 / v) - r * r / (2 * s2) + z * z / (2 * v);
    }
}
