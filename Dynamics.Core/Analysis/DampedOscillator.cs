using Dynamics.Validation;

namespace Dynamics.Analysis;

/// <summary>
/// The closed-form solution of the linear damped oscillator x″ + c x′ + k x = 0, x(0) = x₀, x′(0) = v₀. With
/// μ = c/2 and ω² = k − μ²: x(t) = e^{−μt}[x₀C(t) + (v₀ + μx₀)S(t)], x′(t) = e^{−μt}[v₀C(t) − (μv₀ + kx₀)S(t)], where
/// C = cos ωt and S = sin(ωt)/ω when underdamped, C = cosh κt and S = sinh(κt)/κ (κ² = −ω²) when overdamped, and
/// C = 1, S = t when critically damped. It is the heavy ball on ½aθ² (c = λ, k = a; docs/learning.md) and the
/// zero-centred WGAN-GP Dirac GAN (c = 2λ + μ, k = 1; docs/gan.md).
/// </summary>
public static class DampedOscillator
{
    /// <summary>The state at time <paramref name="t"/>.</summary>
    /// <param name="damping">c ≥ 0 (any finite value is accepted; c &lt; 0 is anti-damping).</param>
    /// <param name="stiffness">k, finite.</param>
    /// <param name="x0">x(0).</param>
    /// <param name="v0">x′(0).</param>
    /// <param name="t">The time, finite.</param>
    /// <returns>(x(t), x′(t)).</returns>
    public static (double Position, double Velocity) Solve(double damping, double stiffness, double x0, double v0, double t)
    {
        Require.Finite(damping, nameof(damping));
        Require.Finite(stiffness, nameof(stiffness));
        Require.Finite(x0, nameof(x0));
        Require.Finite(v0, nameof(v0));
        Require.Finite(t, nameof(t));
        double mu = damping / 2;
        double omega2 = stiffness - mu * mu;
        double c, s;
        if (omega2 > 0)
        {
            double omega = Math.Sqrt(omega2);
            c = Math.Cos(omega * t);
            s = Math.Sin(omega * t) / omega;
        }
        else if (omega2 < 0)
        {
            double kappa = Math.Sqrt(-omega2);
            c = Math.Cosh(kappa * t);
            s = Math.Sinh(kappa * t) / kappa;
        }
        else
        {
            c = 1;
            s = t;
        }

        double decay = Math.Exp(-mu * t);
        return (decay * (x0 * c + (v0 + mu * x0) * s), decay * (v0 * c - (mu * v0 + stiffness * x0) * s));
    }
}
