using CsCheck;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.StepSize;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers;

public class IntegrationBehaviourTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Backward_integration_recovers_the_initial_state(bool adaptive)
    {
        // Integrate the decay forward to t = 2, then backwards from there: we must land on y₀ = 1.
        var decay = new ExponentialDecay(0.7);
        var backward = OdeProblem.Create(decay, [decay.Exact(1.0, 2.0)], 2.0, 0.0);
        var options = adaptive ? SolverOptions.WithTolerance(1e-10) : SolverOptions.WithFixedStep(-0.01);
        var solution = Ode.Solve(backward, adaptive ? new DormandPrince5() : new RungeKutta4(), options);
        Assert.Equal(SolveStatus.Success, solution.Status);
        Assert.Equal(0.0, solution.FinalTime);
        Assert.Equal(1.0, solution.FinalState[0], 1e-9);
        for (int i = 1; i < solution.Count; i++) Assert.True(solution.Times[i] < solution.Times[i - 1]);
    }

    [Fact]
    public void Fixed_steps_land_exactly_on_the_end_even_when_the_span_is_not_a_multiple()
    {
        var solution = Ode.Solve(OdeProblem.Create(new ExponentialDecay(), [1.0], 0.0, 1.05), new RungeKutta4(), SolverOptions.WithFixedStep(0.1));
        Assert.Equal(1.05, solution.Times[^1]);
        Assert.Equal(12, solution.Count); // 0, 0.1, …, 1.0, 1.05
        Assert.Equal(0.9, solution.Times[9], 15);
    }

    [Fact]
    public void Manual_stepping_matches_the_facade_step_for_step()
    {
        var problem = OdeProblem.Create(new VanDerPol(), [2.0, 0.0], 0.0, 10.0);
        var solution = Ode.Solve(problem, new Tsitouras5());
        var integrator = Ode.CreateIntegrator(problem, new Tsitouras5());
        int i = 1;
        while (integrator.Step())
        {
            Assert.Equal(solution.Times[i], integrator.Time);
            Assert.Equal(solution.State(i).ToArray(), integrator.State.ToArray());
            i++;
        }

        Assert.Equal(solution.Count, i);
        Assert.Equal(SolveStatus.Success, integrator.Status);
        Assert.Equal(solution.Statistics, integrator.Statistics);
    }

    [Theory]
    [InlineData("I")]
    [InlineData("PI")]
    [InlineData("SmoothPI")]
    [InlineData("PID")]
    public void Every_controller_meets_the_tolerance_on_Van_der_Pol(string kind)
    {
        var controller = kind switch { "I" => StepSizeController.I, "PI" => StepSizeController.PI, "SmoothPI" => StepSizeController.SmoothPI, _ => StepSizeController.PID };
        var problem = OdeProblem.Create(new VanDerPol(), [2.0, 0.0], 0.0, 20.0);
        var reference = Ode.Solve(problem, new Verner8(), SolverOptions.WithTolerance(1e-14) with { SaveAt = SaveAt.End });
        var solution = Ode.Solve(problem, new DormandPrince5(), SolverOptions.WithTolerance(1e-8) with { Controller = controller, SaveAt = SaveAt.End });
        Assert.Equal(SolveStatus.Success, solution.Status);
        // Global error over 20 time units stays within two decades of the local tolerance for a non-chaotic orbit.
        Assert.True(Norms.MaxDifference(solution.FinalState, reference.FinalState) < 1e-6);
    }

    [Fact]
    public void The_max_norm_is_stricter_than_the_rms_norm()
    {
        var problem = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 5.0);
        var rms = Ode.Solve(problem, new DormandPrince5(), SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End });
        var max = Ode.Solve(problem, new DormandPrince5(), SolverOptions.WithTolerance(1e-8) with { ErrorNorm = ErrorNorm.Max, SaveAt = SaveAt.End });
        Assert.True(max.Statistics.AcceptedSteps > rms.Statistics.AcceptedSteps);
    }

    [Fact]
    public void MaxStep_bounds_every_step()
    {
        var solution = Ode.Solve(OdeProblem.Create(new ExponentialDecay(), [1.0], 0.0, 10.0), new DormandPrince5(), new SolverOptions { MaxStep = 0.25 });
        for (int i = 1; i < solution.Count; i++) Assert.True(solution.Times[i] - solution.Times[i - 1] <= 0.25 + 1e-15);
    }

    [Fact]
    public void Linear_systems_match_the_matrix_exponential()
    {
        // Property: for random 2×2 matrices A and states y₀, DP5 at tolerance 1e-11 reproduces e^{At}y₀ (MathNet).
        Gen.Select(Gen.Double[-1.5, 1.5].Array[4], Gen.Double[-2, 2].Array[2]).Sample(sample =>
        {
            var (a, y0) = sample;
            var field = Dynamics.Fields.VectorField.Create(2, (t, y, dy) =>
            {
                dy[0] = a[0] * y[0] + a[1] * y[1];
                dy[1] = a[2] * y[0] + a[3] * y[1];
            });
            var solution = Ode.Solve(OdeProblem.Create(field, y0, 0.0, 1.0), new DormandPrince5(),
                new SolverOptions { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-11, SaveAt = SaveAt.End });
            var matrix = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseOfRowMajor(2, 2, a);
            var exact = Exponential(matrix) * MathNet.Numerics.LinearAlgebra.Vector<double>.Build.DenseOfArray(y0);
            double scale = 1 + exact.AbsoluteMaximum();
            // A global error of at most 1e-8 relative after one time unit at local tolerance 1e-11 (growth ≤ e^{3}).
            return Norms.MaxDifference(solution.FinalState, exact.ToArray()) < 1e-8 * scale;
        }, iter: 200);
    }

    [Fact]
    public void Saving_never_changes_the_step_sequence()
    {
        var problem = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 3.0);
        var reference = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { SaveAt = SaveAt.End });
        Gen.Double[0, 3].Array[1, 20].Sample(times =>
        {
            var sorted = times.Distinct().Order().ToArray();
            var solution = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { SaveAt = SaveAt.Times(sorted) });
            return solution.Statistics == reference.Statistics
                && solution.FinalState.SequenceEqual(reference.FinalState)
                && solution.Times.SequenceEqual(sorted);
        }, iter: 100);
    }

    private static MathNet.Numerics.LinearAlgebra.Matrix<double> Exponential(MathNet.Numerics.LinearAlgebra.Matrix<double> a)
    {
        // Scaling and squaring with a 20-term Taylor series: exact to rounding for ‖A‖ ≤ 3.
        var scaled = a / 16.0;
        var result = MathNet.Numerics.LinearAlgebra.Matrix<double>.Build.DenseIdentity(2);
        var term = result.Clone();
        for (int k = 1; k <= 20; k++)
        {
            term = term * scaled / k;
            result += term;
        }

        for (int i = 0; i < 4; i++) result *= result;
        return result;
    }
}
