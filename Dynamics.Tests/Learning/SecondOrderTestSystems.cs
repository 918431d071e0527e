using Dynamics.Fields;

namespace Dynamics.Tests.Learning;

/// <summary>q̈ = −ω²q − λq̇ as a second-order field; exact solution from <see cref="Dynamics.Analysis.DampedOscillator"/>.</summary>
public readonly record struct OscillatorSecondOrder(double Omega, double Friction) : ISecondOrderField
{
    public int Dimension => 2;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        dydt[0] = y[1];
        dydt[1] = -Omega * Omega * y[0] - Friction * y[1];
    }

    public void Acceleration(double t, ReadOnlySpan<double> position, Span<double> acceleration) => acceleration[0] = -Omega * Omega * position[0];

    public double Energy(ReadOnlySpan<double> y) => 0.5 * y[1] * y[1] + 0.5 * Omega * Omega * y[0] * y[0];
}

/// <summary>The planar Kepler problem q̈ = −q/|q|³ as a second-order field (state (q₁, q₂, p₁, p₂), as <c>Kepler</c>).</summary>
public readonly struct KeplerSecondOrder : ISecondOrderField
{
    public int Dimension => 4;

    public double Friction => 0;

    public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt)
    {
        new Dynamics.Models.Classical.Kepler().Evaluate(t, y, dydt);
    }

    public void Acceleration(double t, ReadOnlySpan<double> position, Span<double> acceleration)
    {
        double r2 = position[0] * position[0] + position[1] * position[1];
        double r3 = r2 * Math.Sqrt(r2);
        acceleration[0] = -position[0] / r3;
        acceleration[1] = -position[1] / r3;
    }
}
