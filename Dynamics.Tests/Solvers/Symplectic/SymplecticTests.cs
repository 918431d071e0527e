using Dynamics.Analysis;
using Dynamics.Models.Classical;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.Symplectic;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Symplectic;

public class SymplecticTests
{
    [Theory]
    [InlineData(typeof(VelocityVerlet), 2, 0.0)]
    [InlineData(typeof(VelocityVerlet), 2, 0.5)]
    [InlineData(typeof(Yoshida4), 4, 0.0)]
    [InlineData(typeof(Yoshida4), 4, 0.5)]
    public void Observed_order_on_the_damped_oscillator_matches_the_stated_order(Type methodType, int order, double friction)
    {
        var method = (SymplecticComposition)Activator.CreateInstance(methodType)!;
        Assert.Equal(order, method.Order);
        var system = new HeavyBallFlow<QuadraticLoss>(QuadraticLoss.Diagonal(1.69), friction);
        double[] steps = [0.1, 0.05, 0.025, 0.0125];
        var errors = new List<double>();
        var (x, v) = DampedOscillator.Solve(friction, 1.69, 1.0, 0.4, 6.0);
        foreach (double h in steps)
        {
            var solution = Ode.Solve(OdeProblem.Create(system, [1.0, 0.4], 0, 6.0), method, SolverOptions.WithFixedStep(h) with { SaveAt = SaveAt.End });
            errors.Add(Math.Max(Math.Abs(solution.FinalState[0] - x), Math.Abs(solution.FinalState[1] - v)));
        }

        // Halving h from 0.1 keeps every run in the asymptotic regime (|ωh| ≤ 0.13); a method one order off would give a slope ±1 away.
        Assert.InRange(Norms.FittedSlope(steps, errors), order - 0.15, order + 0.15);
    }

    [Fact]
    public void Verlet_energy_error_stays_bounded_on_the_harmonic_oscillator_while_RK4_drifts()
    {
        var system = new HarmonicOscillator();
        double h = 0.1, periods = 1000, end = periods * 2 * Math.PI;
        var verlet = Ode.Solve(OdeProblem.Create(system, [1.0, 0.0], 0, end), new VelocityVerlet(), SolverOptions.WithFixedStep(h) with { SaveAt = SaveAt.EveryStep });
        double worst = 0, late = 0;
        for (int i = 0; i < verlet.Count; i++)
        {
            double error = Math.Abs(system.Energy(verlet.State(i)) - 0.5);
            worst = Math.Max(worst, error);
            if (verlet.Times[i] > end / 2) late = Math.Max(late, error);
        }

        // Verlet conserves the modified energy ½v² + ½x²(1 − h²/4) exactly, so the true energy oscillates with amplitude h²/8 = 1.25e-3 and never drifts.
        Assert.InRange(worst, 1.2e-3, 1.3e-3);
        Assert.InRange(late, 1.2e-3, 1.3e-3);
        var rk4 = Ode.Solve(OdeProblem.Create(system, [1.0, 0.0], 0, end), new RungeKutta4(), SolverOptions.WithFixedStep(h) with { SaveAt = SaveAt.End });
        // RK4's stability function loses h⁶/72 of energy per step: 62,832 steps × 1.4e-8 ≈ 8.7e-4 relative, a secular drift.
        Assert.True(Math.Abs(system.Energy(rk4.FinalState) - 0.5) > 3e-4);
    }

    [Theory]
    [InlineData(typeof(VelocityVerlet), 0.01, 2e-4)]
    [InlineData(typeof(Yoshida4), 0.01, 2e-6)]
    public void Kepler_energy_and_angular_momentum_are_kept_over_100_orbits(Type methodType, double h, double energyBound)
    {
        var method = (SymplecticComposition)Activator.CreateInstance(methodType)!;
        var start = Kepler.InitialStateForEccentricity(0.5);
        double end = 100 * Kepler.Period, e0 = Kepler.Energy(start), l0 = Kepler.AngularMomentum(start);
        var solution = Ode.Solve(OdeProblem.Create(new Kepler(), start, 0, end), method, SolverOptions.WithFixedStep(h) with { SaveAt = SaveAt.EveryStep });
        double energyError = 0, momentumError = 0, firstHalf = 0;
        for (int i = 0; i < solution.Count; i++)
        {
            double error = Math.Abs(Kepler.Energy(solution.State(i)) - e0);
            energyError = Math.Max(energyError, error);
            if (solution.Times[i] <= end / 2) firstHalf = Math.Max(firstHalf, error);
            momentumError = Math.Max(momentumError, Math.Abs(Kepler.AngularMomentum(solution.State(i)) - l0));
        }

        // Bounds from the methods' error constants at pericentre (|q| = 0.5, where |F| = 4): O(h²) and O(h⁴) with no secular growth,
        // so the worst error over 100 orbits equals the worst over the first 50.
        Assert.True(energyError < energyBound, $"energy error {energyError}");
        Assert.Equal(firstHalf, energyError, energyError * 0.05);
        // Central forces: Verlet compositions conserve angular momentum exactly, up to rounding over 62,832 steps.
        Assert.True(momentumError < 1e-11, $"angular momentum error {momentumError}");
    }

    [Fact]
    public void Momentum_SGD_is_Verlet_on_the_heavy_ball_read_at_half_steps()
    {
        var loss = new RosenbrockLoss();
        double gamma = 0.01, lambda = 0.8;
        double[] theta0 = [-1.2, 1.0];
        var flow = new HeavyBallFlow<RosenbrockLoss>(loss, lambda);
        var verlet = Ode.Solve(OdeProblem.Create(flow, [theta0[0], theta0[1], 0.0, 0.0], 0, 200 * gamma), new VelocityVerlet(),
            SolverOptions.WithFixedStep(gamma) with { SaveAt = SaveAt.EveryStep });

        // The scheme's own half step back from rest: (1 − λγ/2)v₀ = (γ²/2)∇L(θ₀), so that v₁ = γη_{1/2} of the Verlet kick.
        var momentum = new MomentumDescent(gamma, lambda);
        var state = new double[4];
        momentum.Initialize(loss, theta0, state);
        Span<double> g = stackalloc double[2];
        loss.Gradient(theta0, g);
        for (int i = 0; i < 2; i++) state[2 + i] = 0.5 * gamma * gamma * g[i] / (1 - lambda * gamma / 2);
        var run = OptimizerRun.IterateFrom(momentum, loss, state, 200);

        Assert.Equal(verlet.Count, run.Count);
        for (int k = 0; k < run.Count; k++)
        {
            // Same arithmetic in a different order: agreement to rounding (|θ| ≈ 1, 200 steps).
            Assert.True(Math.Abs(run.State(k)[0] - verlet.State(k)[0]) < 1e-12 && Math.Abs(run.State(k)[1] - verlet.State(k)[1]) < 1e-12,
                $"step {k}: momentum ({run.State(k)[0]}, {run.State(k)[1]}) vs Verlet ({verlet.State(k)[0]}, {verlet.State(k)[1]})");
        }
    }

    [Fact]
    public void Symplectic_methods_reject_first_order_fields_and_adaptive_use()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Ode.Solve(OdeProblem.Create(new VanDerPol(), [1.0, 0.0], 0, 1), new VelocityVerlet(), SolverOptions.WithFixedStep(0.1)));
        Assert.Contains("ISecondOrderField", error.Message);
        var noStep = Assert.Throws<ArgumentException>(() =>
            Ode.Solve(OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0, 1), new Yoshida4()));
        Assert.Equal("StepSize", noStep.ParamName);
    }

    [Theory]
    [InlineData(typeof(VelocityVerlet))]
    [InlineData(typeof(Yoshida4))]
    public void Ten_thousand_symplectic_steps_allocate_nothing(Type methodType)
    {
        var method = (SymplecticComposition)Activator.CreateInstance(methodType)!;
        var problem = OdeProblem.Create(new HeavyBallFlow<RosenbrockLoss>(new RosenbrockLoss(), 0.5), [-1.2, 1.0, 0.0, 0.0], 0, 1e6);
        var integrator = Ode.CreateIntegrator(problem, method, SolverOptions.WithFixedStep(1e-4));
        var state = new double[4];
        for (int i = 0; i < 200; i++) Assert.True(integrator.Step());
        long allocated = Support.Allocations.OfSteppingAndInterpolating(integrator, state);
        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Dense_output_and_events_work_with_a_symplectic_method()
    {
        var system = new HarmonicOscillator();
        var options = SolverOptions.WithFixedStep(0.01) with
        {
            SaveAt = SaveAt.Dense,
            Events = [Dynamics.Solvers.Events.OdeEvent.Record("x = 0", (t, y) => y[0], Dynamics.Solvers.Events.EventDirection.Falling)],
        };
        var solution = Ode.Solve(OdeProblem.Create(system, [1.0, 0.0], 0, 3), new Yoshida4(), options);
        // First downward zero crossing of cos t at π/2; cubic Hermite is 3rd order, h = 0.01 gives ~1e-9.
        Assert.Equal(Math.PI / 2, solution.Events[0].Time, 1e-7);
        Assert.Equal(Math.Cos(1.2345), solution.Evaluate(1.2345)[0], 1e-7);
    }
}
