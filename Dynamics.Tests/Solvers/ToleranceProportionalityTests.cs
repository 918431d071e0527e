using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers;

public class ToleranceProportionalityTests(ITestOutputHelper output)
{
    private static readonly OdeProblem<Arenstorf> ArenstorfOrbit =
        OdeProblem.Create(new Arenstorf(), Arenstorf.PeriodicInitialState, 0.0, Arenstorf.Period);

    public static TheoryData<string> AdaptiveMethods => ["Dormand–Prince 5(4)", "Tsitouras 5(4)", "Verner 8(7)", "Bogacki–Shampine 3(2)"];

    [Theory]
    [MemberData(nameof(AdaptiveMethods))]
    public void Tighter_tolerance_lowers_the_Arenstorf_return_error_and_raises_the_work(string name)
    {
        // The orbit is periodic, so the state after one period must equal the initial state. Above 1e-6 the close
        // approach to the Earth is not resolved and the computed orbit is qualitatively wrong (error 1e-2 to 1), so
        // proportionality is checked from 1e-6 down. Below, the return error cannot fall under about 1e-9: the close
        // approaches amplify rounding, and DP5 and Verner 8 both plateau at 3e-10 to 2e-9 for tolerances 1e-11 to
        // 1e-14. Each method is checked down to the tolerance where its error is still an order above that floor.
        AssertProportional(name, 6, tolerance =>
        {
            var solution = Ode.Solve(ArenstorfOrbit, Tableaus.Method(name), SolverOptions.WithTolerance(tolerance) with { SaveAt = SaveAt.End });
            return (Norms.MaxDifference(solution.FinalState, Arenstorf.PeriodicInitialState), solution.Statistics.RhsEvaluations);
        }, name switch { "Bogacki–Shampine 3(2)" => 10, "Verner 8(7)" => 10, _ => 12 });
    }

    [Theory]
    [MemberData(nameof(AdaptiveMethods))]
    public void Tighter_tolerance_lowers_the_Van_der_Pol_error_and_raises_the_work(string name)
    {
        var problem = OdeProblem.Create(new VanDerPol(), [2.0, 0.0], 0.0, 20.0);
        var reference = Ode.Solve(problem, new Verner8(), SolverOptions.WithTolerance(1e-14) with { SaveAt = SaveAt.End }).FinalState.ToArray();
        AssertProportional(name, 4, tolerance =>
        {
            var solution = Ode.Solve(problem, Tableaus.Method(name), SolverOptions.WithTolerance(tolerance) with { SaveAt = SaveAt.End });
            return (Norms.MaxDifference(solution.FinalState, reference), solution.Statistics.RhsEvaluations);
        }, name == "Bogacki–Shampine 3(2)" ? 8 : 10);
    }

    [Theory]
    [InlineData("Dormand–Prince 5(4)", 1e-5)]
    [InlineData("Verner 8(7)", 1e-7)]
    public void At_tolerance_1e_10_the_Arenstorf_orbit_returns_to_its_start(string name, double bound)
    {
        var solution = Ode.Solve(ArenstorfOrbit, Tableaus.Method(name), SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.End });
        double error = Norms.MaxDifference(solution.FinalState, Arenstorf.PeriodicInitialState);
        output.WriteLine($"{name} Arenstorf return error {error:E3}, {solution.Statistics}");
        Assert.True(error < bound, $"return error {error:E3}");
    }

    [Fact]
    public void On_Lorenz_at_1e_8_DP5_does_the_work_of_a_classical_dopri5_and_Verner_8_half_of_it()
    {
        // The orientation figure of the foundation issue: a C++ Dormand–Prince with integral control needs about 11,700
        // evaluations on Lorenz, t ∈ [0, 20], rtol = atol = 1e-8. The default controller must not cost more.
        var problem = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 20.0);
        var options = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End };
        long dp5 = Ode.Solve(problem, new DormandPrince5(), options).Statistics.RhsEvaluations;
        long verner = Ode.Solve(problem, new Verner8(), options).Statistics.RhsEvaluations;
        output.WriteLine($"RHS evaluations: DP5 {dp5}, Verner 8 {verner}");
        Assert.InRange(dp5, 9_000, 11_700);
        Assert.InRange(verner, 3_000, dp5 / 2);
    }

    private void AssertProportional(string name, int loosestExponent, Func<double, (double Error, long Work)> run, int tightestExponent)
    {
        var results = Enumerable.Range(loosestExponent, tightestExponent - loosestExponent + 1).Select(k => (Tolerance: Math.Pow(10, -k), Result: run(Math.Pow(10, -k)))).ToList();
        foreach (var (tolerance, result) in results) output.WriteLine($"{name} tol {tolerance:E0}: error {result.Error:E2}, {result.Work} f evaluations");
        for (int i = 1; i < results.Count; i++)
        {
            Assert.True(results[i].Result.Error < results[i - 1].Result.Error,
                $"{name}: error did not fall from tol {results[i - 1].Tolerance:E0} to {results[i].Tolerance:E0}.");
            Assert.True(results[i].Result.Work > results[i - 1].Result.Work,
                $"{name}: work did not rise from tol {results[i - 1].Tolerance:E0} to {results[i].Tolerance:E0}.");
        }
    }
}
