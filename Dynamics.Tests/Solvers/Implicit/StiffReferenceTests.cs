using Dynamics.Fields;
using Dynamics.Models.Stiff;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Implicit;
using Dynamics.Solvers.Methods;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers.Implicit;

/// <summary>
/// The Hairer–Wanner problems against the Test Set for IVP Solvers' reference solutions (Mazzia &amp; Magherini,
/// computed with RADAU5 in extended precision). The error is the largest mixed error |yᵢ − refᵢ|/(|refᵢ| + atol/rtol),
/// relative for components the tolerances resolve and scaled by atol/rtol for those below it. Global errors of a
/// locally controlled method are typically 1–30 × rtol on these problems; the bound asserted is 300 × rtol, which a
/// wrong coefficient, Jacobian entry or reference value exceeds by orders of magnitude.
/// </summary>
public class StiffReferenceTests(ITestOutputHelper output)
{
    public static TheoryData<string> Methods => new() { "Rodas4", "Radau5" };

    internal static IOdeMethod Method(string name) => name switch
    {
        "Rodas4" => new Rodas4(),
        "Rosenbrock23" => new Rosenbrock23(),
        "Radau5" => new Radau5(),
        _ => throw new ArgumentException(name, nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Robertson_to_1e11_matches_the_test_set_and_conserves_mass(string name)
    {
        var problem = OdeProblem.Create(new Robertson(), [.. Robertson.InitialState], 0.0, 1e11);
        var solution = Solve(problem, name, 1e-7, 1e-11);
        Assert.True(solution.IsSuccess, solution.Message);
        double error = RelativeError(solution.FinalState, Robertson.ReferenceAt1e11, 1e-11 / 1e-7);
        output.WriteLine($"{name} Robertson t = 1e11: relative error {error:E2}, {solution.Statistics}");
        Assert.True(error < 300 * 1e-7, $"{name}: relative error {error:E2}");
        var y = solution.FinalState;
        Assert.Equal(1.0, y[0] + y[1] + y[2], 12);
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Van_der_Pol_mu_1000_matches_the_test_set(string name)
    {
        var problem = OdeProblem.Create(new ScaledVanDerPol(1e-6), [2.0, 0.0], 0.0, 2.0);
        var solution = Solve(problem, name, 1e-7, 1e-7);
        double error = RelativeError(solution.FinalState, ScaledVanDerPol.ReferenceAt2, 1.0);
        output.WriteLine($"{name} VdP ε = 1e-6: relative error {error:E2}, {solution.Statistics}");
        Assert.True(error < 300 * 1e-7, $"{name}: relative error {error:E2}");
    }

    [Fact]
    public void Van_der_Pol_mu_1e6_lies_on_the_slow_manifold_and_both_methods_agree()
    {
        // No published reference for ε = 10⁻¹²; on the slow branch y₂ = y₁/(1 − y₁²) + O(ε) (set the bracket in
        // y₂' = ((1 − y₁²)y₂ − y₁)/ε to zero), so at t = 2 the state must satisfy it to far better than 10⁻⁸, and the two
        // independent methods must agree to their tolerances.
        var problem = OdeProblem.Create(ScaledVanDerPol.FromMu(1e6), [2.0, 0.0], 0.0, 2.0);
        var rodas = Solve(problem, "Rodas4", 1e-8, 1e-8);
        var radau = Solve(problem, "Radau5", 1e-8, 1e-8);
        foreach (var solution in new[] { rodas, radau })
        {
            double y1 = solution.FinalState[0], y2 = solution.FinalState[1];
            Assert.True(Math.Abs(y2 - y1 / (1 - y1 * y1)) < 1e-8, $"{solution.MethodName}: off the slow manifold by {y2 - y1 / (1 - y1 * y1):E2}");
        }

        double error = RelativeError(rodas.FinalState, radau.FinalState.ToArray(), 1.0);
        output.WriteLine($"VdP ε = 1e-12: Rodas4 vs Radau5 {error:E2}; {rodas.Statistics}; {radau.Statistics}");
        Assert.True(error < 300 * 1e-8, $"Rodas4 and Radau5 differ by {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Hires_matches_the_test_set(string name)
    {
        var problem = OdeProblem.Create(new Hires(), [.. Hires.InitialState], 0.0, Hires.EndTime);
        var solution = Solve(problem, name, 1e-7, 1e-9);
        double error = RelativeError(solution.FinalState, Hires.ReferenceAtEnd, 1e-9 / 1e-7);
        output.WriteLine($"{name} HIRES: relative error {error:E2}, {solution.Statistics}");
        Assert.True(error < 300 * 1e-7, $"{name}: relative error {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Oregonator_matches_the_test_set(string name)
    {
        var problem = OdeProblem.Create(new Oregonator(), [.. Oregonator.InitialState], 0.0, 360.0);
        var solution = Solve(problem, name, 1e-8, 1e-8);
        double error = RelativeError(solution.FinalState, Oregonator.ReferenceAt360, 1.0);
        output.WriteLine($"{name} Oregonator: relative error {error:E2}, {solution.Statistics}");
        Assert.True(error < 300 * 1e-8, $"{name}: relative error {error:E2}");
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Pollution_matches_the_test_set(string name)
    {
        var problem = OdeProblem.Create(new Pollution(), [.. Pollution.InitialState], 0.0, 60.0);
        var solution = Solve(problem, name, 1e-7, 1e-9);
        double error = RelativeError(solution.FinalState, Pollution.ReferenceAt60, 1e-9 / 1e-7);
        output.WriteLine($"{name} Pollution: relative error {error:E2}, {solution.Statistics}");
        Assert.True(error < 300 * 1e-7, $"{name}: relative error {error:E2}");
    }

    private static Solution Solve<TField>(OdeProblem<TField> problem, string name, double rtol, double atol) where TField : IVectorField
    {
        var solution = Ode.Solve(problem, Method(name), new SolverOptions { RelativeTolerance = rtol, AbsoluteTolerance = atol, SaveAt = SaveAt.End, MaxSteps = 100_000 });
        Assert.True(solution.IsSuccess, solution.Message);
        return solution;
    }

    /// <summary>The largest mixed error |yᵢ − refᵢ|/(|refᵢ| + floor).</summary>
    internal static double RelativeError(ReadOnlySpan<double> computed, IReadOnlyList<double> reference, double floor)
    {
        double worst = 0;
        for (int i = 0; i < reference.Count; i++) worst = Math.Max(worst, Math.Abs(computed[i] - reference[i]) / (Math.Abs(reference[i]) + floor));

        return worst;
    }
}
