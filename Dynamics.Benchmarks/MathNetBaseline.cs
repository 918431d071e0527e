using Dynamics.Fields;
using Dynamics.Problems;
using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.OdeSolvers;

namespace Dynamics.Benchmarks;

/// <summary>
/// Math.NET Numerics' classical RK4 (<see cref="RungeKutta.FourthOrder"/>), the .NET baseline: it allocates vectors per
/// stage and returns every state, which is what a user of it pays.
/// </summary>
internal static class MathNetBaseline
{
    /// <summary>Integrates with <paramref name="steps"/> equal steps and returns the final state.</summary>
    public static double[] Solve<TField>(OdeProblem<TField> problem, int steps) where TField : IVectorField
    {
        var field = problem.Field;
        int n = problem.Dimension;
        var y0 = Vector<double>.Build.DenseOfArray(problem.InitialState.ToArray());
        Vector<double> F(double t, Vector<double> y)
        {
            var dydt = new double[n];
            field.Evaluate(t, ((MathNet.Numerics.LinearAlgebra.Storage.DenseVectorStorage<double>)y.Storage).Data, dydt);
            return Vector<double>.Build.DenseOfArray(dydt);
        }

        // Math.NET's N counts the returned points, so N = steps + 1 takes `steps` steps.
        var states = RungeKutta.FourthOrder(y0, problem.StartTime, problem.EndTime, steps + 1, F);
        return states[^1].ToArray();
    }
}
