using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers.Events;

/// <summary>
/// The ball thrown up from the floor, y' = v, v' = −g, y(0) = 0, v(0) = v₀, with a bounce v → −e·v on falling
/// crossings of y = 0. Its bounce times are the partial sums of a geometric series,
/// tₖ = (2v₀/g)(1 − eᵏ)/(1 − e), which accumulate at the rest time T∞ = (2v₀/g)/(1 − e). The flights are parabolas,
/// which every adaptive method's interpolant reproduces exactly, so the located times are limited by rounding only.
/// </summary>
public class BouncingBallTests(ITestOutputHelper output)
{
    private const double G = 9.81, V0 = 10;

    public static TheoryData<string, double, double> Cases()
    {
        // For each restitution one span ending before the rest time and one after it (e = 0.5: T∞ = 4.08;
        // e = 0.8: T∞ = 10.19; e = 0.9: T∞ = 20.39). The failing cases are (DP5, 0.8, 15) and (DP5, 0.5, 10).
        var data = new TheoryData<string, double, double>();
        foreach (var method in OdeMethods.Adaptive)
        {
            foreach (var (e, end) in new[] { (0.5, 3.9), (0.5, 10.0), (0.8, 10.0), (0.8, 15.0), (0.9, 15.0), (0.9, 25.0) })
                data.Add(method.Name, e, end);
        }

        return data;
    }

    internal static Solution Bounce(IOdeMethod method, double restitution, double end, double tolerance = 1e-9) =>
        Ode.Solve(OdeProblem.Create(new FreeFall(G), [0.0, V0], 0.0, end), method,
            SolverOptions.WithTolerance(tolerance) with
            {
                Events = [OdeEvent.Change("bounce", (t, y) => y[0], (t, y) => y[1] = -restitution * y[1], EventDirection.Falling)],
            });

    internal static double BounceTime(double restitution, int k) => 2 * V0 / G * (1 - Math.Pow(restitution, k)) / (1 - restitution);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_bounce_lies_on_the_geometric_series_and_the_rest_time_is_reported(string methodName, double e, double end)
    {
        var solution = Bounce(Tableaus.Method(methodName), e, end);
        double rest = 2 * V0 / G / (1 - e), worst = 0;
        for (int k = 1; k <= solution.Events.Count; k++) worst = Math.Max(worst, Math.Abs(solution.Events[k - 1].Time - BounceTime(e, k)));
        output.WriteLine($"{methodName}, e = {e}, [0, {end}]: {solution.Events.Count} bounces, {solution.Status}, worst bounce-time error {worst:E2}, final time − rest time {solution.FinalTime - rest:E2}, {solution.Statistics.RhsEvaluations} evaluations");
        for (int k = 1; k <= solution.Events.Count; k++)
        {
            // Each bounce adds a root-finding error of a few ulps of t, and the restarted flight inherits the velocity
            // error it causes. Verner 8 also rounds: its step y₁ = y₀ + hΣbᵢkᵢ combines stages through coefficients up
            // to 10² (Σ|aᵢⱼ| ≈ 250), so a 2 s parabola step (the controller grows it: the error estimate of a parabola
            // is 0) is off by 1.7e-11 in y (measured); over up to 250 bounces that allows 1e-9. The lower orders reach 1e-13.
            double tolerance = Tableaus.Method(methodName).Order >= 8 ? 1e-9 : 1e-11;
            Assert.True(Math.Abs(solution.Events[k - 1].Time - BounceTime(e, k)) <= tolerance,
                $"{methodName}, e = {e}: bounce {k} at {solution.Events[k - 1].Time:R}, expected {BounceTime(e, k):R}");
        }

        // The ball never gets below the floor by more than rounding.
        for (int i = 0; i < solution.Count; i++) Assert.True(solution.State(i)[0] > -1e-9, $"y = {solution.State(i)[0]} at t = {solution.Times[i]}");
        if (end < rest)
        {
            int expectedBounces = 0;
            while (BounceTime(e, expectedBounces + 1) <= end) expectedBounces++;
            Assert.Equal(SolveStatus.Success, solution.Status);
            Assert.Equal(expectedBounces, solution.Events.Count);
            Assert.Equal(end, solution.FinalTime);
            // Between bounces the flight is exact: y(T) from the last bounce time and speed v₀eᴷ.
            double tk = BounceTime(e, expectedBounces), vk = V0 * Math.Pow(e, expectedBounces), dt = end - tk;
            Assert.Equal(vk * dt - G * dt * dt / 2, solution.FinalState[0], 1e-8);
        }
        else
        {
            // Past the rest time the bounces accumulate: the solve stops at the limit point and says so.
            Assert.Equal(SolveStatus.ZenoBehaviour, solution.Status);
            Assert.Contains("Zeno", solution.Message);
            Assert.False(solution.IsSuccess);
            Assert.True(Math.Abs(solution.FinalTime - rest) <= 1e-9, $"stopped at {solution.FinalTime:R}, rest time {rest:R}");
            Assert.True(solution.Events.Count >= 30, $"only {solution.Events.Count} bounces before the guard");
            Assert.True(Math.Abs(solution.FinalState[1]) <= 1e-6, $"v = {solution.FinalState[1]} at the limit point");
        }
    }
}
