using System.Runtime.CompilerServices;
using Dynamics.Fields;
using Dynamics.Problems;
using Dynamics.Simd;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Ensembles;

/// <summary>The README's user-written field, not in the library: one formula, every path, the same bits.</summary>
public class UserLaneFieldTests
{
    /// <summary>x' = sin y − b·x, y' = sin z − b·y, z' = sin x − b·z (Thomas 1999), exactly as in the README.</summary>
    public readonly record struct Thomas(double B) : ILaneField
    {
        public int Dimension => 3;

        public void Evaluate(double t, ReadOnlySpan<double> y, Span<double> dydt) => LaneField.Evaluate(this, t, y, dydt);

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Derivative<T, TParameters, TVector>(in TParameters parameters, T t, in TVector y, ref TVector dydt)
            where T : struct, IFieldNumber<T>
            where TParameters : IFieldParameters<T>, allows ref struct
            where TVector : struct, IFieldVector<T>, allows ref struct
        {
            T b = parameters.Read(0, B);
            T x = y[0], v = y[1], z = y[2];
            dydt[0] = T.Sin(v) - b * x;
            dydt[1] = T.Sin(z) - b * v;
            dydt[2] = T.Sin(x) - b * z;
        }
    }

    [Fact]
    public void A_parameter_sweep_in_SIMD_lanes_ends_on_the_bits_of_each_lone_solve()
    {
        const int count = 37;
        var sweep = new EnsembleProblem<Thomas>(count, m => OdeProblem.Create(new Thomas(0.15 + 0.1 * m / count), [0.1 + 0.01 * m, 0, 0], 0, 20));
        LaneFormulaAssert.SimdLanesMatchLoneSolves(sweep);
    }

    [Fact]
    public void Lockstep_registers_batch_passes_and_the_scalar_formula_agree_to_the_bit()
    {
        const int count = 21;
        var starts = new double[3 * count];
        for (int m = 0; m < count; m++) starts[3 * m] = 0.1 + 0.05 * m;
        var options = new EnsembleOptions { Solver = SolverOptions.WithFixedStep(0.01) with { SaveAt = SaveAt.End } };
        var registers = LockstepEnsemble.Solve(new LaneBatchField<Thomas>(new Thomas(0.2)), (double[])starts.Clone(), count, 0, 5, LockstepMethod.RungeKutta4, options);
        var passes = LockstepEnsemble.SolvePasses(new LaneBatchField<Thomas>(new Thomas(0.2)), (double[])starts.Clone(), count, 0, 5, LockstepMethod.RungeKutta4, options);
        var scalar = LockstepEnsemble.SolvePasses(new MemberwiseBatchField<Thomas>(new Thomas(0.2)), (double[])starts.Clone(), count, 0, 5, LockstepMethod.RungeKutta4, options);
        for (int m = 0; m < count; m++)
        {
            Assert.Equal(passes.FinalState(m).ToArray(), registers.FinalState(m).ToArray());
            Assert.Equal(scalar.FinalState(m).ToArray(), registers.FinalState(m).ToArray());
        }
    }

    [Fact]
    public void Its_automatic_Jacobian_is_the_closed_form()
    {
        // ∂f/∂y = [[−b, cos y, 0], [0, −b, cos z], [cos x, 0, −b]].
        double b = 0.2, x = 0.4, v = -1.3, z = 2.1;
        var jacobian = new double[9];
        LaneField.Jacobian(new Thomas(b), 0, [x, v, z], jacobian);
        double[] expected = [-b, Math.Cos(v), 0, 0, -b, Math.Cos(z), Math.Cos(x), 0, -b];
        for (int i = 0; i < 9; i++) Assert.Equal(expected[i], jacobian[i], 1e-15);
    }
}
