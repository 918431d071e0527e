using Dynamics.Models.Classical;
using Dynamics.Models.Stiff;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Implicit;
using Dynamics.Solvers.RungeKutta;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers.Implicit;

/// <summary>Automatic stiffness switching and the explicit methods' stiffness diagnosis.</summary>
public class AutoSwitchTests(ITestOutputHelper output)
{
    [Fact]
    public void Robertson_switches_to_the_stiff_method_and_stays_accurate()
    {
        var problem = OdeProblem.Create(new Robertson(), [.. Robertson.InitialState], 0.0, 1e5);
        var options = new SolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-10, SaveAt = SaveAt.End };
        var auto = Ode.Solve(problem, new AutoSwitch(), options);
        var reference = Ode.Solve(problem, new Radau5(), options with { RelativeTolerance = 1e-11, AbsoluteTolerance = 1e-15 });
        output.WriteLine($"{auto}; switches at {string.Join(", ", auto.MethodSwitches.Select(s => $"{s.Time:G4} → {s.Method} (hρ = {s.StiffnessRatio:F2})"))}");
        Assert.True(auto.IsSuccess, auto.Message);
        Assert.NotEmpty(auto.MethodSwitches);
        Assert.True(auto.MethodSwitches[0].ToStiff);
        // The transient lasts about 1/k₃·… ≈ 10⁻³ time units; the hand-over happens early in the span.
        Assert.InRange(auto.MethodSwitches[0].Time, 0, 10);
        Assert.True(auto.MethodSwitches[0].StiffnessRatio > 3.25);
        double error = StiffReferenceTests.RelativeError(auto.FinalState, reference.FinalState.ToArray(), 1e-10 / 1e-6);
        Assert.True(error < 1e-4, $"error {error:E2}");
        var explicitOnly = Ode.Solve(problem, new DormandPrince5(), options with { MaxSteps = 20_000 });
        Assert.Equal(SolveStatus.MaxStepsReached, explicitOnly.Status);
        Assert.True(auto.Statistics.AcceptedSteps < 2000, auto.Statistics.ToString());
    }

    [Fact]
    public void Lorenz_never_switches()
    {
        var problem = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 100.0);
        foreach (double rtol in new[] { 1e-3, 1e-6, 1e-9 })
        {
            var auto = Ode.Solve(problem, new AutoSwitch(), new SolverOptions { RelativeTolerance = rtol, AbsoluteTolerance = rtol, SaveAt = SaveAt.End });
            Assert.True(auto.IsSuccess, auto.Message);
            Assert.Empty(auto.MethodSwitches);
            Assert.Equal(0, auto.Statistics.JacobianEvaluations);
        }
    }

    [Fact]
    public void A_transient_stiff_phase_switches_there_and_back()
    {
        // Van der Pol μ = 1000 (scaled) alternates slow stiff drift and fast jumps; the stiff phases switch over.
        var problem = OdeProblem.Create(new ScaledVanDerPol(1e-6), [2.0, 0.0], 0.0, 2.0);
        var auto = Ode.Solve(problem, new AutoSwitch(), new SolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-6, SaveAt = SaveAt.End });
        output.WriteLine($"{auto}; {auto.MethodSwitches.Count} switches");
        Assert.True(auto.IsSuccess, auto.Message);
        Assert.Contains(auto.MethodSwitches, s => s.ToStiff);
        Assert.Contains(auto.MethodSwitches, s => !s.ToStiff);
        double error = StiffReferenceTests.RelativeError(auto.FinalState, ScaledVanDerPol.ReferenceAt2, 1.0);
        Assert.True(error < 1e-3, $"error {error:E2}");
    }

    [Fact]
    public void Dense_output_spans_both_methods()
    {
        var problem = OdeProblem.Create(new Robertson(), [.. Robertson.InitialState], 0.0, 100.0);
        var auto = Ode.Solve(problem, new AutoSwitch(), new SolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-10, SaveAt = SaveAt.Dense });
        Assert.NotEmpty(auto.MethodSwitches);
        double before = auto.MethodSwitches[0].Time * 0.5, after = Math.Min(100, auto.MethodSwitches[0].Time * 4);
        foreach (double t in new[] { before, after })
        {
            var y = auto.Evaluate(t);
            Assert.Equal(1.0, y[0] + y[1] + y[2], 9);
        }
    }

    [Fact]
    public void An_explicit_method_out_of_steps_on_a_stiff_problem_says_so()
    {
        var problem = OdeProblem.Create(new Robertson(), [.. Robertson.InitialState], 0.0, 1e5);
        var solution = Ode.Solve(problem, new DormandPrince5(), new SolverOptions { MaxSteps = 5000 });
        Assert.Equal(SolveStatus.MaxStepsReached, solution.Status);
        Assert.Contains("stiff", solution.Message);
        Assert.Contains("Rodas4", solution.Message);
        Assert.Contains("Radau5", solution.Message);
        // A non-stiff problem that merely needs more steps gets no such advice.
        var lorenz = Ode.Solve(OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 100.0), new DormandPrince5(), new SolverOptions { MaxSteps = 50 });
        Assert.Equal(SolveStatus.MaxStepsReached, lorenz.Status);
        Assert.DoesNotContain("stiff", lorenz.Message);
    }

    [Fact]
    public void Bad_settings_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AutoSwitch { StiffnessThreshold = double.NaN }.CreateStepper(new Robertson()));
        var count = Assert.Throws<ArgumentOutOfRangeException>(() => new AutoSwitch { StiffStepsToSwitch = 0 }.CreateStepper(new Robertson()));
        Assert.Contains("StiffStepsToSwitch", count.Message);
    }
}
