using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core.Models.Classical;

public class PleiadesTests
{
    [Fact]
    public void Internal_forces_cancel_so_total_momentum_is_constant()
    {
        // Newton's third law pairwise: Σ mᵢ·aᵢ = 0 at any configuration, here the initial one and a perturbed one.
        var field = new Pleiades();
        var state = Pleiades.InitialState.ToArray();
        for (int trial = 0; trial < 2; trial++)
        {
            var derivative = new double[28];
            field.Evaluate(0, state, derivative);
            double px = 0, py = 0, scale = 0;
            for (int i = 0; i < 7; i++)
            {
                px += (i + 1) * derivative[14 + i];
                py += (i + 1) * derivative[21 + i];
                scale += (i + 1) * (Math.Abs(derivative[14 + i]) + Math.Abs(derivative[21 + i]));
            }

            // Cancellation of terms of size `scale`: rounding leaves a few ulps of it.
            Assert.True(Math.Abs(px) < 1e-14 * scale && Math.Abs(py) < 1e-14 * scale);
            for (int j = 0; j < 14; j++) state[j] += 0.01 * (j + 1);
        }
    }

    [Fact]
    public void Energy_is_conserved_to_the_tolerance_over_the_benchmark_span()
    {
        var problem = OdeProblem.Create(new Pleiades(), Pleiades.InitialState, 0.0, Pleiades.EndTime);
        var solution = Ode.Solve(problem, new Verner8(), SolverOptions.WithTolerance(1e-12) with { SaveAt = SaveAt.End });
        Assert.True(solution.IsSuccess);
        double start = Energy(Pleiades.InitialState), end = Energy(solution.FinalState);
        // Close encounters (r ≈ 0.1) make the energy sensitive; 1e-12 local tolerance keeps its drift below 1e-8.
        Assert.Equal(start, end, 1e-8 * Math.Abs(start));
    }

    // E = ½ Σ mᵢ|vᵢ|² − Σ_{i<j} mᵢmⱼ/rᵢⱼ (G = 1).
    private static double Energy(ReadOnlySpan<double> y)
    {
        double energy = 0;
        for (int i = 0; i < 7; i++)
        {
            energy += 0.5 * (i + 1) * (y[14 + i] * y[14 + i] + y[21 + i] * y[21 + i]);
            for (int j = i + 1; j < 7; j++)
                energy -= (i + 1) * (j + 1) / Math.Sqrt((y[i] - y[j]) * (y[i] - y[j]) + (y[7 + i] - y[7 + j]) * (y[7 + i] - y[7 + j]));
        }

        return energy;
    }
}
