using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers.Ensembles;

namespace Dynamics.Tests.Solvers.Ensembles;

/// <summary>The benchmark's Lorenz workload in miniature: x, y ∈ [−10, 10], z ∈ [10, 40] from a fixed seed.</summary>
public static class EnsembleTestData
{
    public static double[][] LorenzStarts(int count, int seed = 42)
    {
        var random = new Random(seed);
        var starts = new double[count][];
        for (int m = 0; m < count; m++)
            starts[m] = [20 * random.NextDouble() - 10, 20 * random.NextDouble() - 10, 10 + 30 * random.NextDouble()];
        return starts;
    }

    /// <summary>The same starts member-major (component j of member m at m·n + j), as the batch solvers take them.</summary>
    public static double[] MemberMajor(double[][] starts) => [.. starts.SelectMany(start => start)];

    /// <summary>A parameter sweep with ρ spread over [0, 21] (the DiffEqGPU paper's setup), each member its own span end.</summary>
    public static EnsembleProblem<Lorenz> LorenzSweep(int count, double endTime, bool varyEnd = false)
    {
        var starts = LorenzStarts(count);
        return new EnsembleProblem<Lorenz>(count, m => OdeProblem.Create(new Lorenz(10, 21.0 * m / Math.Max(1, count - 1), 8.0 / 3), starts[m], 0.0,
            varyEnd ? endTime * (0.5 + 0.5 * m / count) : endTime));
    }
}
