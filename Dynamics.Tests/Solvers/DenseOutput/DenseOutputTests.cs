using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Tests.Support;
using Xunit.Abstractions;

namespace Dynamics.Tests.Solvers.DenseOutput;

public class DenseOutputTests(ITestOutputHelper output)
{
    public static TheoryData<string> Methods => Tableaus.MethodNames();

    [Theory]
    [MemberData(nameof(Methods))]
    public void Dense_output_reproduces_every_step_end(string name)
    {
        var problem = OdeProblem.Create(new VanDerPol(), [2.0, 0.0], 0.0, 5.0);
        var options = new SolverOptions { SaveAt = SaveAt.Dense, StepSize = Tableaus.Method(name).EmbeddedOrder is null ? 0.01 : null };
        var solution = Ode.Solve(problem, Tableaus.Method(name), options);
        for (int i = 0; i < solution.Count; i++)
        {
            var interpolated = solution.Evaluate(solution.Times[i]);
            Assert.True(Norms.MaxDifference(interpolated, solution.State(i)) <= 1e-13 * (1 + Math.Abs(solution.State(i)[0])),
                $"{name}: dense output differs from step end {i} at t = {solution.Times[i]}.");
        }
    }

    [Theory]
    [MemberData(nameof(Methods))]
    public void Interpolant_is_continuous_across_steps(string name)
    {
        // Each step's interpolant must start at the previous step's end (θ = 0) and end at its own end (θ = 1).
        var problem = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 2.0);
        var options = new SolverOptions { StepSize = Tableaus.Method(name).EmbeddedOrder is null ? 0.01 : null };
        var integrator = Ode.CreateIntegrator(problem, Tableaus.Method(name), options);
        var previousEnd = problem.InitialState.ToArray();
        var atStart = new double[3];
        var atEnd = new double[3];
        while (integrator.Step())
        {
            integrator.Interpolate(integrator.PreviousTime, atStart);
            integrator.Interpolate(integrator.Time, atEnd);
            double scale = 1 + Math.Abs(integrator.State[2]);
            Assert.True(Norms.MaxDifference(atStart, previousEnd) <= 1e-15 * scale, $"{name}: jump at the start of the step at t = {integrator.PreviousTime}.");
            Assert.True(Norms.MaxDifference(atEnd, integrator.State) <= 1e-12 * scale, $"{name}: jump at the end of the step at t = {integrator.Time}.");
            previousEnd = integrator.State.ToArray();
        }
    }

    public static TheoryData<string, double> MidStepOrders => new()
    {
        { "Runge–Kutta 4", 0.4 }, { "Bogacki–Shampine 3(2)", 0.4 }, { "Dormand–Prince 5(4)", 0.4 },
        { "Tsitouras 5(4)", 0.4 }, { "Verner 8(7)", 1.2 }, { "Heun 2", 0.2 }, { "Explicit Euler", 0.1 },
    };

    [Theory]
    [MemberData(nameof(MidStepOrders))]
    public void Interpolant_has_its_stated_order_mid_step(string name, double largestStep)
    {
        // One step of size h from the exact state: the error of the interpolant at θ = 0.4 is O(h^{q+1}) for an
        // interpolant of order q (the step's own error is O(h^{p+1}) with p ≥ q, so it cannot hide a wrong interpolant).
        var method = Tableaus.Method(name);
        var steps = new List<double>();
        var errors = new List<double>();
        for (int k = 0; k < 4; k++)
        {
            double h = largestStep / (1 << k);
            var problem = OdeProblem.Create(new AcceleratingRotation(), AcceleratingRotation.Exact(1.0), 1.0, 1.0 + h);
            var integrator = Ode.CreateIntegrator(problem, method, new SolverOptions { StepSize = h });
            Assert.True(integrator.Step());
            var state = new double[2];
            integrator.Interpolate(1.0 + 0.4 * h, state);
            steps.Add(h);
            errors.Add(Norms.MaxDifference(state, AcceleratingRotation.Exact(1.0 + 0.4 * h)));
        }

        double slope = Norms.FittedSlope(steps, errors);
        output.WriteLine($"{name}: mid-step errors {string.Join(", ", errors.Select(e => e.ToString("E2")))} → local order {slope:F2}, interpolant order {method.InterpolantOrder}");
        Assert.True(slope >= method.InterpolantOrder + 1 - 0.3, $"{name}: mid-step local order {slope:F2} < {method.InterpolantOrder + 1} − 0.3.");
    }

    [Fact]
    public void Saved_times_come_from_the_interpolant_without_changing_the_steps()
    {
        var problem = OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0.0, 10.0);
        var method = new Dynamics.Solvers.RungeKutta.DormandPrince5();
        var plain = Ode.Solve(problem, method, new SolverOptions { SaveAt = SaveAt.End });
        var sampled = Ode.Solve(problem, method, new SolverOptions { SaveAt = SaveAt.Uniform(0, 10, 101) });
        Assert.Equal(plain.Statistics, sampled.Statistics);
        Assert.Equal(plain.FinalState.ToArray(), sampled.FinalState.ToArray());
        Assert.Equal(101, sampled.Count);
        var exact = new double[2];
        for (int i = 0; i < sampled.Count; i++)
        {
            Assert.Equal(i * 0.1, sampled.Times[i], 12);
            new HarmonicOscillator().Exact([1.0, 0.0], sampled.Times[i], exact);
            Assert.True(Norms.MaxDifference(sampled.State(i), exact) < 1e-5);
        }
    }

    [Fact]
    public void Evaluate_outside_the_range_or_without_dense_output_explains_itself()
    {
        var problem = OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0.0, 1.0);
        var dense = Ode.Solve(problem, new Dynamics.Solvers.RungeKutta.DormandPrince5(), new SolverOptions { SaveAt = SaveAt.Dense });
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => dense.Evaluate(1.5));
        Assert.Contains("t = 1.5", ex.Message);
        var notDense = Ode.Solve(problem, new Dynamics.Solvers.RungeKutta.DormandPrince5());
        var ex2 = Assert.Throws<InvalidOperationException>(() => notDense.Evaluate(0.5));
        Assert.Contains("SaveAt.Dense", ex2.Message);
    }
}
