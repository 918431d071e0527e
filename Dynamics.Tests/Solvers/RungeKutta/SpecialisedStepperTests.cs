using System.Runtime.Intrinsics;
using CsCheck;
using Dynamics.Models.Classical;
using Dynamics.Numerics;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.StepSize;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.RungeKutta;

/// <summary>The hand-unrolled DP5 stepper and the error norms against their plain definitions.</summary>
public class SpecialisedStepperTests
{
    private static readonly ExplicitRungeKutta Generic = new(new DormandPrince5().Tableau);

    [Fact]
    public void Unrolled_Dormand_Prince_matches_the_generic_stepper_with_fixed_steps()
    {
        // Same tableau; the unrolled stepper fuses multiply-adds, which changes each stage by at most an ulp or so:
        // over 200 steps of a contracting-free rotation the difference stays within 100 ulps of |y| ≈ 1.
        var problem = OdeProblem.Create(new AcceleratingRotation(), [1.0, 0.0], 0.0, 3.0);
        var options = new SolverOptions { StepSize = 3.0 / 200, SaveAt = SaveAt.End };
        var unrolled = Ode.Solve(problem, new DormandPrince5(), options);
        var generic = Ode.Solve(problem, Generic, options);
        Assert.True(Norms.MaxDifference(unrolled.FinalState, generic.FinalState) < 100 * 2.2e-16);
        Assert.Equal(generic.Statistics, unrolled.Statistics);
    }

    [Fact]
    public void Unrolled_Runge_Kutta_4_matches_the_generic_stepper()
    {
        // As for DP5: fused multiply-adds change each step by an ulp or so; 300 steps of a bounded rotation keep the
        // difference within 100 ulps of |y| ≈ 1, and the Hermite dense output (inherited) agrees to the same level.
        var problem = OdeProblem.Create(new AcceleratingRotation(), [1.0, 0.0], 0.0, 3.0);
        var options = new SolverOptions { StepSize = 0.01, SaveAt = SaveAt.Dense };
        var unrolled = Ode.Solve(problem, new RungeKutta4(), options);
        var generic = Ode.Solve(problem, new ExplicitRungeKutta(((ExplicitRungeKutta)new RungeKutta4()).Tableau), options);
        Assert.True(Norms.MaxDifference(unrolled.FinalState, generic.FinalState) < 100 * 2.2e-16);
        Assert.True(Norms.MaxDifference(unrolled.Evaluate(1.2345), generic.Evaluate(1.2345)) < 100 * 2.2e-16);
        Assert.Equal(generic.Statistics, unrolled.Statistics);
    }

    [Fact]
    public void Unrolled_Dormand_Prince_takes_the_generic_steps_on_Van_der_Pol()
    {
        // Adaptive: an ulp in a stage moves the error estimate by far less than the margin of any accept/reject
        // decision here, so both take the same steps; the non-chaotic orbit keeps the states within 1e-12.
        var problem = OdeProblem.Create(new VanDerPol(), [2.0, 0.0], 0.0, 20.0);
        var options = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End };
        var unrolled = Ode.Solve(problem, new DormandPrince5(), options);
        var generic = Ode.Solve(problem, Generic, options);
        Assert.Equal(generic.Statistics, unrolled.Statistics);
        Assert.True(Norms.MaxDifference(unrolled.FinalState, generic.FinalState) < 1e-12);
    }

    [Fact]
    public void Squared_norms_are_the_squares_and_reject_non_finite_proposals()
    {
        double[] error = [1e-7, -3e-7, 2e-8], y0 = [1.0, -2.0, 0.5], y1 = [1.1, -2.1, 0.4], atol = [1e-9, 1e-9, 1e-9];
        foreach (var norm in new[] { ErrorNorm.Rms, ErrorNorm.Max })
        {
            double value = norm.Measure(error, y0, y1, 1e-6, atol);
            Assert.Equal(value * value, norm.MeasureSquared(error, y0, y1, 1e-6, atol), 1e-14 * value * value);
            Assert.True(double.IsNaN(norm.MeasureSquared(error, y0, [1.1, double.PositiveInfinity, 0.4], 1e-6, atol)));
            Assert.True(double.IsNaN(norm.Measure(error, y0, [1.1, double.NaN, 0.4], 1e-6, atol)));
        }
    }
}
