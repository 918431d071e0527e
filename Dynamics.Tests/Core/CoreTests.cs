using System.Reflection;
using CsCheck;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Numerics;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core;

public class CoreTests
{
    private readonly struct Cubic(double a, double b, double c) : IScalarFunction
    {
        public double Evaluate(double x) => (x - a) * (x - b) * (x - c);
    }

    [Fact]
    public void Brent_finds_a_bracketed_root_to_machine_precision()
    {
        // Property: for a cubic with distinct roots, a bracket around exactly one root returns that root within 4ε|r|.
        Gen.Select(Gen.Double[-10, 10], Gen.Double[0.1, 5], Gen.Double[0.1, 5]).Sample(sample =>
        {
            var (root, below, above) = sample;
            var f = new Cubic(root, root - below - 1, root + above + 1);
            double a = root - below / 2, b = root + above / 2;
            double found = BrentRoot.Find(ref f, a, b, f.Evaluate(a), f.Evaluate(b));
            return Math.Abs(found - root) <= 4 * 2.2e-16 * Math.Max(1, Math.Abs(root));
        }, iter: 500);
    }

    [Fact]
    public void Brent_rejects_a_non_bracket()
    {
        var f = new Cubic(0, 1, 2);
        var ex = Assert.Throws<ArgumentException>(() => BrentRoot.Find(ref f, 3, 4, f.Evaluate(3), f.Evaluate(4)));
        Assert.Contains("do not bracket", ex.Message);
    }

    [Fact]
    public void Kepler_energy_and_angular_momentum_are_conserved_over_ten_orbits()
    {
        var start = Kepler.InitialStateForEccentricity(0.6);
        var solution = Ode.Solve(OdeProblem.Create(new Kepler(), start, 0, 10 * Kepler.Period), new Verner8(), SolverOptions.WithTolerance(1e-12));
        double e0 = Kepler.Energy(start), l0 = Kepler.AngularMomentum(start);
        Assert.Equal(-0.5, e0, 1e-15); // semi-major axis 1 ⇒ H = −1/(2a)
        for (int i = 0; i < solution.Count; i++)
        {
            // Local tolerance 1e-12 over ~10⁴ steps: drift stays below 1e-9.
            Assert.Equal(e0, Kepler.Energy(solution.State(i)), 1e-9);
            Assert.Equal(l0, Kepler.AngularMomentum(solution.State(i)), 1e-9);
        }

        Assert.Equal(start, solution.FinalState.ToArray(), new ToleranceComparer(1e-8));
    }

    [Fact]
    public void Lotka_Volterra_invariant_is_conserved_and_the_centre_is_a_fixed_point()
    {
        var model = new LotkaVolterra();
        var solution = Ode.Solve(OdeProblem.Create(model, [2.0, 1.0], 0, 30), new DormandPrince5(), SolverOptions.WithTolerance(1e-11));
        Assert.True(solution.Count > 100, "the start must be off the centre, or the test proves nothing");
        double v0 = model.Invariant([2.0, 1.0]);
        for (int i = 0; i < solution.Count; i++) Assert.Equal(v0, model.Invariant(solution.State(i)), 1e-8);
        var derivative = new double[2];
        model.Evaluate(0, [model.Gamma / model.Delta, model.Alpha / model.Beta], derivative);
        Assert.Equal(0.0, derivative[0], 1e-15);
        Assert.Equal(0.0, derivative[1], 1e-15);
    }

    [Fact]
    public void Struct_models_default_to_their_classic_parameters_and_sweep_with_with()
    {
        Assert.Equal((10.0, 28.0, 8.0 / 3), (new Lorenz().Sigma, new Lorenz().Rho, new Lorenz().Beta));
        Assert.Equal(20.0, (new Lorenz() with { Rho = 20 }).Rho);
        Assert.Equal(1.0, new VanDerPol().Mu);
        Assert.Equal("σ = 10, ρ = 28, β = 2.667", new Lorenz().Parameters);
        Assert.All(new IModel[] { new Lorenz(), new VanDerPol(), new DampedPendulum(), new LotkaVolterra(), new HarmonicOscillator(), new ExponentialDecay(), new Arenstorf(), new Kepler() },
            m => Assert.Equal(m.Dimension, m.ComponentNames.Count));
    }

    [Fact]
    public void Problem_keeps_its_own_copy_of_the_initial_state()
    {
        double[] state = [1.0, 2.0];
        var problem = OdeProblem.Create(new HarmonicOscillator(), state, 0, 1);
        state[0] = 99;
        Assert.Equal(1.0, problem.InitialState[0]);
        Assert.Equal(-1, problem.WithTimeSpan(1, 0).Direction);
        Assert.Equal(5.0, problem.WithInitialState([5.0, 0.0]).InitialState[0]);
    }

    [Fact]
    public void Core_and_Solvers_reference_no_plotting_or_imaging_package()
    {
        foreach (var assembly in new[] { typeof(IVectorField).Assembly, typeof(Ode).Assembly })
        {
            var references = assembly.GetReferencedAssemblies().Select(r => r.Name ?? "").ToList();
            Assert.DoesNotContain(references, r => r.StartsWith("ScottPlot", StringComparison.Ordinal) || r.StartsWith("SkiaSharp", StringComparison.Ordinal) || r.StartsWith("System.Drawing", StringComparison.Ordinal));
        }
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }
}
