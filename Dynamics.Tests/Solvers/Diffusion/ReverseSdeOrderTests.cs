using Dynamics.Distributions;
using Dynamics.Models.Diffusion;
using Dynamics.Numerics;
using Dynamics.Solvers.Diffusion;
using Dynamics.Solvers.Stochastic;
using Dynamics.Tests.Solvers.Stochastic;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers.Diffusion;

public class ReverseSdeOrderTests(ITestOutputHelper output)
{
    [Fact]
    public void SRA1_on_the_VP_reverse_SDE_has_strong_order_three_halves_against_a_fine_solution_of_the_same_path()
    {
        // Smooth data (w = 0.3/0.7, μ = ∓1, s = 0.5) keep the score smooth down to t = 10⁻³, so the drift is a genuinely
        // nonlinear function of x and SRA1's h^{3/2} terms are not cancelled (unlike on Ornstein–Uhlenbeck). The reference
        // is SRA1 with 4096 steps on the same Brownian path; its own error (≈ (4096/128)^{−1.5} ≈ 0.6% of the finest
        // coarse error) is far below the 7% Monte Carlo uncertainty of the 200-path mean absolute error.
        var data = GaussianMixture.Isotropic([0.3, 0.7], [-1, 1], [0.5, 0.5]);
        var schedule = new VariancePreservingLinear();
        const double endTime = 1e-3;
        const int paths = 200;
        int[] sweep = [8, 16, 32, 64, 128];
        var path = new BrownianPath(4096, schedule.EndTime - endTime);
        var field = new ReverseDiffusion(data, schedule, 1);
        var sra = new RosslerSra1().CreateStepper(field);
        var em = new EulerMaruyama().CreateStepper(field);
        double start = Math.Sqrt(Math.Pow(schedule.Scale(1), 2) + Math.Pow(schedule.NoiseStandardDeviation(1), 2));
        var sraErrors = new double[sweep.Length];
        var emErrors = new double[sweep.Length];
        for (int p = 0; p < paths; p++)
        {
            path.Draw(17, p);
            double x0 = start * CounterRandom.Normal(18, (ulong)p, 0);
            double reference = path.Solve(sra, x0, path.Fine);
            for (int s = 0; s < sweep.Length; s++)
            {
                sraErrors[s] += Math.Abs(path.Solve(sra, x0, sweep[s]) - reference) / paths;
                emErrors[s] += Math.Abs(path.Solve(em, x0, sweep[s]) - reference) / paths;
            }
        }

        var steps = sweep.Select(s => (double)s).ToArray();
        double sraOrder = SamplerConvergence.ObservedOrder(steps, sraErrors), emOrder = SamplerConvergence.ObservedOrder(steps, emErrors);
        output.WriteLine($"SRA1 order {sraOrder:F3}: {string.Join(", ", sraErrors.Select(e => e.ToString("E2")))}");
        output.WriteLine($"EM order {emOrder:F3}: {string.Join(", ", emErrors.Select(e => e.ToString("E2")))}");
        // ±0.1 on a slope over 16× from the 7% uncertainty of each mean. SRA1 measured 1.70: at these steps part of its
        // error is still the O(h²) drift error, which steepens the fit above 1.5; the range fails any first-order scheme.
        Assert.InRange(sraOrder, 1.35, 2.0);
        Assert.InRange(emOrder, 0.8, 1.2);
        Assert.True(sraErrors[^1] < emErrors[^1] / 5, $"SRA1 {sraErrors[^1]:E2} should beat EM {emErrors[^1]:E2} at N = 128");
    }
}
