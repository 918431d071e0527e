using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers.DenseOutput;

/// <summary>
/// The dense output of every method against exact answers: polynomial solutions it must reproduce to rounding, and a
/// smooth solution at a tight tolerance where it must be as good as the step points themselves.
/// </summary>
public class InterpolantAccuracyTests(ITestOutputHelper output)
{
    private const double Epsilon = 2.220446049250313e-16;

    public static TheoryData<string, int> PolynomialCases()
    {
        // y' = t^k has the solution t^{k+1}/(k+1), a polynomial of degree k + 1, which an interpolant of order q
        // reproduces exactly for k + 1 ≤ q (its step must be exact too, which a method of order p ≥ q guarantees).
        var data = new TheoryData<string, int>();
        foreach (var method in OdeMethods.All)
        {
            int order = ((ExplicitRungeKutta)method).InterpolantOrder;
            for (int k = 0; k < order; k++) data.Add(method.Name, k);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(PolynomialCases))]
    public void Every_interpolant_reproduces_polynomials_up_to_its_order_to_rounding(string name, int k)
    {
        var field = VectorField.Create(1, (t, y, dy) => dy[0] = Math.Pow(t, k));
        // Two steps of h = 1 from t = 0: the second one starts away from 0, so every stage derivative is non-zero.
        var problem = OdeProblem.Create(field, [0.0], 0.0, 2.0);
        var solution = Ode.Solve(problem, Tableaus.Method(name), new SolverOptions { StepSize = 1.0, SaveAt = SaveAt.Dense });
        double worst = 0;
        for (int i = 0; i <= 200; i++)
        {
            double t = i / 100.0;
            double exact = Math.Pow(t, k + 1) / (k + 1);
            worst = Math.Max(worst, Math.Abs(solution.Evaluate(t)[0] - exact) / (1 + Math.Abs(exact)));
        }

        // Rounding only: each stage derivative kᵢ = (t₀ + cᵢh)^k carries a relative error of about (k + 1) ε (the
        // rounded stage time raised to the k-th power), and the interpolant weighs the stages by bᵢ(θ), so the error is
        // at most (k + 1) ε · h · max|f| · L with L = max_θ Σᵢ |bᵢ(θ)| (≈ 1 for the low orders, 300 for Verner 8).
        double lebesgue = WeightSum(Tableaus.Named(name).Interpolant);
        double bound = 4 * (k + 1) * Epsilon * Math.Pow(2, k) * lebesgue;
        output.WriteLine($"{name}, y' = t^{k}: worst relative interpolation error {worst:E2}, rounding bound {bound:E2} (L = {lebesgue:F1})");
        Assert.True(worst <= bound, $"{name}, y' = t^{k}: interpolation error {worst:E2} > {bound:E2}");
    }

    // max over θ ∈ [0, 1] of Σᵢ |bᵢ(θ)|, with bᵢ(θ) = Σₘ Pᵢₘ θ^{m+1}.
    private static double WeightSum(ContinuousExtension extension)
    {
        double largest = 0;
        for (int j = 0; j <= 1000; j++)
        {
            double theta = j / 1000.0, sum = 0;
            foreach (var row in extension.Weights)
            {
                double b = 0;
                for (int m = row.Length - 1; m >= 0; m--) b = (b + row[m]) * theta;
                sum += Math.Abs(b);
            }

            largest = Math.Max(largest, sum);
        }

        return largest;
    }

    [Theory]
    [MemberData(nameof(Tableaus.AdaptiveMethodNames), MemberType = typeof(Tableaus))]
    public void Dense_output_and_event_times_are_as_accurate_as_the_steps_at_tight_tolerance(string name)
    {
        // x = cos t, v = −sin t on [0, 20] at rtol = atol = 1e-13 (BS3 at 1e-10 to keep its step count reasonable).
        var method = Tableaus.Method(name);
        double tolerance = method.Order <= 3 ? 1e-10 : 1e-13;
        var problem = OdeProblem.Create(new HarmonicOscillator(1.0), [1.0, 0.0], 0.0, 20.0);
        var options = SolverOptions.WithTolerance(tolerance) with
        {
            SaveAt = SaveAt.Dense,
            Events = [OdeEvent.Record("x = 0", (t, y) => y[0])],
        };
        var solution = Ode.Solve(problem, method, options);
        Assert.Equal(SolveStatus.Success, solution.Status);
        double stepError = 0, denseError = 0, eventError = 0;
        for (int i = 0; i < solution.Count; i++)
            stepError = Math.Max(stepError, Math.Abs(solution.State(i)[0] - Math.Cos(solution.Times[i])));
        for (int i = 0; i <= 20_000; i++)
        {
            double t = i * 1e-3;
            denseError = Math.Max(denseError, Math.Abs(solution.Evaluate(t)[0] - Math.Cos(t)));
        }

        Assert.Equal(6, solution.Events.Count);
        for (int k = 0; k < solution.Events.Count; k++)
            eventError = Math.Max(eventError, Math.Abs(solution.Events[k].Time - (k + 0.5) * Math.PI));
        output.WriteLine($"{name} at {tolerance:E0}: {solution.Statistics.AcceptedSteps} steps, step-point error {stepError:E2}, dense error {denseError:E2}, event-time error {eventError:E2}");
        // The interpolant may add an error of its own order, but not an error floor: within a factor 10 of the
        // step points' global error (plus 100 ε of rounding).
        Assert.True(denseError <= 10 * stepError + 100 * Epsilon, $"{name}: dense error {denseError:E2} vs step error {stepError:E2}");
        // |x'| = 1 at the zeros, so a time error equals the error of x there.
        Assert.True(eventError <= 10 * stepError + 100 * Epsilon, $"{name}: event-time error {eventError:E2} vs step error {stepError:E2}");
    }
}
