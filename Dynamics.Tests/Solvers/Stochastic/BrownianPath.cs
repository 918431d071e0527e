using Dynamics.Numerics;
using Dynamics.Solvers.Stochastic;

namespace Dynamics.Tests.Solvers.Stochastic;

/// <summary>
/// One Brownian path on a fine grid of [0, T] — increments ΔWᵢ and their time integrals ΔZᵢ = ∫(W_s − W_{tᵢ})ds — that
/// coarser steps are built from, so every step size of an order sweep sees the same path as the exact solution.
/// </summary>
internal sealed class BrownianPath(int fine, double horizon)
{
    public int Fine { get; } = fine;

    public double Horizon { get; } = horizon;

    public double FineStep => Horizon / Fine;

    public double[] Increments { get; } = new double[fine];

    public double[] Areas { get; } = new double[fine];

    /// <summary>W_T.</summary>
    public double End { get; private set; }

    /// <summary>Path <paramref name="path"/> of <paramref name="seed"/>: ΔW = √h ξ₁, ΔZ = ½h^{3/2}(ξ₁ + ξ₂/√3).</summary>
    public void Draw(ulong seed, int path)
    {
        double h = FineStep, root = Math.Sqrt(h);
        End = 0;
        for (int i = 0; i < Fine; i++)
        {
            double xi1 = CounterRandom.Normal(seed, (ulong)path, (ulong)(2 * i)), xi2 = CounterRandom.Normal(seed, (ulong)path, (ulong)(2 * i + 1));
            Increments[i] = root * xi1;
            Areas[i] = 0.5 * h * root * (xi1 + xi2 / Math.Sqrt(3));
            End += Increments[i];
        }
    }

    /// <summary>Integrates a scalar SDE over the path with <paramref name="steps"/> equal steps (a divisor of Fine).</summary>
    public double Solve(ISdeStepper stepper, double x0, int steps)
    {
        int ratio = Fine / steps;
        double h = Horizon / steps, hf = FineStep;
        Span<double> y = [x0];
        Span<double> w = stackalloc double[1];
        Span<double> z = stackalloc double[1];
        for (int k = 0; k < steps; k++)
        {
            // Coarse ΔW = Σ ΔWᵢ and ΔZ = Σ (ΔZᵢ + h_f·(W_{tᵢ} − W_t)) over the fine cells of the step.
            double sumW = 0, sumZ = 0;
            for (int i = k * ratio; i < (k + 1) * ratio; i++)
            {
                sumZ += Areas[i] + hf * sumW;
                sumW += Increments[i];
            }

            w[0] = sumW;
            z[0] = sumZ;
            if (stepper is IAreaSdeStepper area) area.Advance(k * h, y, h, w, z);
            else stepper.Advance(k * h, y, h, w);
        }

        return y[0];
    }
}
