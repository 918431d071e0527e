using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers.Ensembles;

namespace Dynamics.Benchmarks;

/// <summary>
/// The fixed ensemble workload, so figures compare across machines and libraries: 100,000 Lorenz members
/// (σ = 10, ρ = 28, β = 8/3) with x, y uniform in [−10, 10] and z uniform in [10, 40], drawn from <see cref="Seed"/>;
/// and the parameter sweep with the same members and ρ spread evenly over [0, 21] (the DiffEqGPU paper's setup).
/// </summary>
internal static class LorenzWorkload
{
    public const int Members = 100_000;
    public const int Seed = 20_240_611;

    /// <summary>Member m's start (x, y, z), member-major.</summary>
    public static double[][] Starts(int count)
    {
        // System.Random with a seed keeps its legacy algorithm across .NET versions, so the workload is stable.
        var random = new Random(Seed);
        var starts = new double[count][];
        for (int m = 0; m < count; m++)
            starts[m] = [20 * random.NextDouble() - 10, 20 * random.NextDouble() - 10, 10 + 30 * random.NextDouble()];
        return starts;
    }

    /// <summary>The starts as one shared-field ensemble on t ∈ [0, <paramref name="endTime"/>] (what the lockstep strategy runs).</summary>
    public static EnsembleProblem<Lorenz> SharedProblem(double[][] starts, double endTime) =>
        new(new Lorenz(), starts.SelectMany(s => s).ToArray(), 0.0, endTime);

    /// <summary>The starts component-major (<c>[j * count + m]</c>), as the hand-written kernel takes them.</summary>
    public static double[] StructureOfArrays(double[][] starts)
    {
        int count = starts.Length;
        var soa = new double[3 * count];
        for (int m = 0; m < count; m++)
        {
            for (int j = 0; j < 3; j++) soa[j * count + m] = starts[m][j];
        }

        return soa;
    }

    /// <summary>The adaptive workload (b) on t ∈ [0, 10]; with <paramref name="sweep"/> member m has ρ = 21·m/(count − 1).</summary>
    public static EnsembleProblem<Lorenz> Problem(double[][] starts, double endTime, bool sweep)
    {
        int count = starts.Length;
        var problems = new OdeProblem<Lorenz>[count];
        for (int m = 0; m < count; m++)
        {
            var field = sweep ? new Lorenz(10, 21.0 * m / Math.Max(1, count - 1), 8.0 / 3) : new Lorenz();
            problems[m] = OdeProblem.Create(field, starts[m], 0.0, endTime);
        }

        // Built up front so the timed solve measures integration, not problem construction.
        return new EnsembleProblem<Lorenz>(count, m => problems[m]);
    }
}
