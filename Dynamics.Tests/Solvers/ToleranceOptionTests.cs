using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.StepSize;
using Dynamics.Tests.Solvers.Ensembles;

namespace Dynamics.Tests.Solvers;

/// <summary>Pure relative control, per-component relative tolerances, and the floor on rtol.</summary>
public class ToleranceOptionTests
{
    private static readonly OdeProblem<DelegateVectorField> Decay =
        OdeProblem.Create(VectorField.Create(1, (t, y, dy) => dy[0] = -y[0]), [1.0], 0.0, 30.0);

    [Fact]
    public void Zero_absolute_tolerance_controls_the_relative_error_of_a_decaying_solution()
    {
        // y = e^{−t} falls to 9.4e-14 at t = 30: an absolute tolerance of 1e-9 stops caring long before, pure
        // relative control keeps the relative error near rtol all the way.
        double exact = Math.Exp(-30);
        var relative = Ode.Solve(Decay, new DormandPrince5(), new SolverOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 0 });
        var absolute = Ode.Solve(Decay, new DormandPrince5(), new SolverOptions { RelativeTolerance = 1e-8, AbsoluteTolerance = 1e-9 });
        Assert.Equal(SolveStatus.Success, relative.Status);
        double relativeError = Math.Abs(relative.FinalState[0] - exact) / exact;
        double absoluteError = Math.Abs(absolute.FinalState[0] - exact) / exact;
        Assert.True(relativeError <= 1e-6, $"relative error {relativeError:E2} with atol = 0");
        Assert.True(absoluteError > 10 * relativeError, $"atol = 1e-9 gave {absoluteError:E2}, atol = 0 gave {relativeError:E2}");
    }

    [Fact]
    public void Zero_absolute_tolerance_with_a_component_that_stays_exactly_zero()
    {
        // The second component is 0 throughout: its scale atol + rtol·max(|y₀|, |y₁|) is 0, and so is its error.
        var problem = OdeProblem.Create(VectorField.Create(2, (t, y, dy) => { dy[0] = -y[0]; dy[1] = 0; }), [1.0, 0.0], 0.0, 5.0);
        foreach (var norm in new[] { ErrorNorm.Rms, ErrorNorm.Max })
        {
            var solution = Ode.Solve(problem, new Tsitouras5(), new SolverOptions { AbsoluteTolerance = 0, RelativeTolerance = 1e-9, ErrorNorm = norm });
            Assert.Equal(SolveStatus.Success, solution.Status);
            Assert.Equal(Math.Exp(-5), solution.FinalState[0], 1e-9 * 100 * Math.Exp(-5));
            Assert.Equal(0.0, solution.FinalState[1]);
        }
    }

    [Fact]
    public void Per_component_relative_tolerances_tighten_only_their_component()
    {
        // A loose oscillator (x, v) beside a fast decay z' = −3z that must be accurate: rtol = (1e-3, 1e-3, 1e-12).
        var field = VectorField.Create(3, (t, y, dy) => { dy[0] = y[1]; dy[1] = -y[0]; dy[2] = -3 * y[2]; });
        var problem = OdeProblem.Create(field, [1.0, 0.0, 1.0], 0.0, 10.0);
        var mixed = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { AbsoluteTolerance = 0, RelativeTolerances = [1e-3, 1e-3, 1e-12], ErrorNorm = ErrorNorm.Max });
        var loose = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { AbsoluteTolerance = 0, RelativeTolerance = 1e-3, ErrorNorm = ErrorNorm.Max });
        var tight = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { AbsoluteTolerance = 0, RelativeTolerance = 1e-12, ErrorNorm = ErrorNorm.Max });
        double zExact = Math.Exp(-30);
        double mixedError = Math.Abs(mixed.FinalState[2] / zExact - 1), looseError = Math.Abs(loose.FinalState[2] / zExact - 1);
        Assert.True(mixedError <= 1e-9, $"relative z error {mixedError:E2}");
        Assert.True(looseError > 1e-6, $"the loose run's relative z error {looseError:E2} should be large");
        Assert.True(mixed.Statistics.RhsEvaluations < tight.Statistics.RhsEvaluations,
            $"{mixed.Statistics.RhsEvaluations} evaluations with per-component rtol vs {tight.Statistics.RhsEvaluations} with rtol = 1e-12 everywhere");
        Assert.Equal("RelativeTolerances[1]", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ode.Solve(problem, new DormandPrince5(), new SolverOptions { RelativeTolerances = [1e-3, 0, 1e-3] })).ParamName);
    }

    [Fact]
    public void A_relative_tolerance_below_the_floor_is_raised_and_the_solution_says_so()
    {
        // The harmonic oscillator at rtol = 1e-18 would ask for more than rounding allows; it is solved at the floor
        // 100 ε, with exactly the work of asking for the floor directly, and the raise is noted.
        var problem = OdeProblem.Create(new HarmonicOscillator(1.0), [1.0, 0.0], 0.0, 10.0);
        var below = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { RelativeTolerance = 1e-18, AbsoluteTolerance = 1e-18 });
        var atFloor = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { RelativeTolerance = SolverOptions.RelativeToleranceFloor, AbsoluteTolerance = 1e-18 });
        Assert.Equal(SolveStatus.Success, below.Status);
        Assert.Equal(atFloor.Statistics.RhsEvaluations, below.Statistics.RhsEvaluations);
        Assert.True(below.Statistics.RhsEvaluations < 20_000, $"{below.Statistics.RhsEvaluations} evaluations");
        Assert.Equal(Math.Cos(10), below.FinalState[0], 1e-11);
        var note = Assert.Single(below.Notes);
        Assert.Contains($"RelativeTolerance = {Dynamics.Validation.Require.Format(1e-18)}", note);
        Assert.Contains("raised", note);
        Assert.Empty(atFloor.Notes);
    }

    [Fact]
    public void The_ensemble_lanes_apply_the_new_tolerances_as_the_integrator_does()
    {
        // Pure relative control, per-component rtol and a raised floor, in the per-lane SIMD ensemble: the same steps
        // and the same bits as each member solved alone (Lorenz is chaotic, so any difference would show).
        var solver = new SolverOptions { AbsoluteTolerance = 0, RelativeTolerances = [1e-7, 1e-9, 1e-20], SaveAt = SaveAt.End };
        var problem = EnsembleTestData.LorenzSweep(11, 2.0, varyEnd: true);
        var lanes = Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes, new EnsembleOptions { Solver = solver });
        var independent = Ensemble.Solve(problem, new DormandPrince5(), new EnsembleOptions { Solver = solver });
        for (int m = 0; m < 11; m++)
        {
            Assert.Equal(SolveStatus.Success, independent.Status(m));
            Assert.Equal(independent.Statistics(m), lanes.Statistics(m));
            Assert.Equal(independent.FinalState(m).ToArray(), lanes.FinalState(m).ToArray());
        }
    }
}
