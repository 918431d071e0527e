using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.StepSize;

namespace Dynamics.Tests.Solvers;

/// <summary>Every public entry point rejects bad input with a message that names the parameter and the value.</summary>
public class BadInputTests
{
    private static readonly OdeProblem<HarmonicOscillator> Oscillator = OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0.0, 1.0);

    [Fact]
    public void Wrong_initial_state_dimension()
    {
        var ex = Assert.Throws<ArgumentException>(() => OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0, 3.0], 0.0, 1.0));
        Assert.Equal("initialState", ex.ParamName);
        Assert.Contains("length 3", ex.Message);
        Assert.Contains("dimension is 2", ex.Message);
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "+∞")]
    [InlineData(double.NegativeInfinity, "-∞")]
    public void Non_finite_initial_state(double bad, string shown)
    {
        var ex = Assert.Throws<ArgumentException>(() => OdeProblem.Create(new HarmonicOscillator(), [1.0, bad], 0.0, 1.0));
        Assert.Equal("initialState", ex.ParamName);
        Assert.Contains($"initialState[1] must be a finite number, but was {shown}", ex.Message);
    }

    [Theory]
    [InlineData(double.NaN, 1.0, "startTime")]
    [InlineData(0.0, double.PositiveInfinity, "endTime")]
    public void Non_finite_times(double start, double end, string parameter)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], start, end));
        Assert.Equal(parameter, ex.ParamName);
    }

    [Fact]
    public void Empty_time_span()
    {
        var ex = Assert.Throws<ArgumentException>(() => OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 2.0, 2.0));
        Assert.Contains("time span is empty", ex.Message);
        Assert.Contains("2", ex.Message);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1e-6)]
    [InlineData(double.NaN)]
    public void Non_positive_relative_tolerance(double bad)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { RelativeTolerance = bad }));
        Assert.Equal("RelativeTolerance", ex.ParamName);
        Assert.Contains("greater than 0", ex.Message);
    }

    [Fact]
    public void Negative_absolute_tolerance_scalar_and_per_component()
    {
        // atol = 0 is legitimate (pure relative control, see ToleranceOptionTests); a negative one is not.
        var scalar = Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { AbsoluteTolerance = -1e-9 }));
        Assert.Equal("AbsoluteTolerance", scalar.ParamName);
        var component = Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { AbsoluteTolerances = [1e-6, -1] }));
        Assert.Equal("AbsoluteTolerances[1]", component.ParamName);
        var length = Assert.Throws<ArgumentException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { AbsoluteTolerances = [1e-6] }));
        Assert.Contains("dimension is 2", length.Message);
    }

    [Fact]
    public void Fixed_step_method_without_a_step()
    {
        var ex = Assert.Throws<ArgumentException>(() => Ode.Solve(Oscillator, new RungeKutta4()));
        Assert.Equal("StepSize", ex.ParamName);
        Assert.Contains("Runge–Kutta 4 has no error estimate", ex.Message);
    }

    [Theory]
    [InlineData(0.0, "must not be 0")]
    [InlineData(-0.1, "points the wrong way")]
    [InlineData(double.NaN, "finite")]
    public void Bad_fixed_step(double step, string message)
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new RungeKutta4(), SolverOptions.WithFixedStep(step)));
        Assert.Equal("StepSize", ex.ParamName);
        Assert.Contains(message, ex.Message);
    }

    [Fact]
    public void Backward_problem_needs_a_negative_step()
    {
        var backward = OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 1.0, 0.0);
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(backward, new RungeKutta4(), SolverOptions.WithFixedStep(0.1)));
        Assert.Contains("backwards", ex.Message);
        Assert.Contains("negative", ex.Message);
    }

    [Fact]
    public void Bad_save_times()
    {
        var empty = Assert.Throws<ArgumentException>(() => SaveAt.Times());
        Assert.Equal("times", empty.ParamName);
        var outside = Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { SaveAt = SaveAt.Times(0.5, 1.5) }));
        Assert.Contains("1.5 lies outside the time span [0, 1]", outside.Message);
        var unordered = Assert.Throws<ArgumentException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { SaveAt = SaveAt.Times(0.5, 0.2) }));
        Assert.Contains("strictly increasing", unordered.Message);
        var nan = Assert.Throws<ArgumentException>(() => SaveAt.Times(0.5, double.NaN));
        Assert.Contains("times[1]", nan.Message);
    }

    [Fact]
    public void Bad_step_limits_and_counts()
    {
        Assert.Equal("MaxStep", Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { MaxStep = 0 })).ParamName);
        Assert.Equal("MinStep", Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { MinStep = -1 })).ParamName);
        Assert.Equal("MinStep", Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { MinStep = 1, MaxStep = 0.5 })).ParamName);
        Assert.Equal("MaxSteps", Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { MaxSteps = 0 })).ParamName);
        Assert.Equal("InitialStep", Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { InitialStep = -0.1 })).ParamName);
        Assert.Equal("EventSamplesPerStep", Assert.Throws<ArgumentOutOfRangeException>(() => Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { EventSamplesPerStep = 0 })).ParamName);
    }

    [Fact]
    public void Bad_controller_settings()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ode.Solve(Oscillator, new DormandPrince5(), new SolverOptions { Controller = StepSizeController.PI with { MaxFactor = 0.5 } }));
        Assert.Equal("MaxFactor", ex.ParamName);
        Assert.Contains("0.5", ex.Message);
    }

    [Fact]
    public void Interpolating_outside_the_last_step_is_refused()
    {
        var integrator = Ode.CreateIntegrator(Oscillator, new DormandPrince5());
        integrator.Step();
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => integrator.Interpolate(integrator.Time + 1, new double[2]));
        Assert.Contains("outside the last step", ex.Message);
        Assert.Throws<ArgumentException>(() => integrator.Interpolate(integrator.Time, new double[3]));
    }

    [Fact]
    public void Delegate_field_needs_a_positive_dimension()
    {
        var ex = Assert.Throws<ArgumentOutOfRangeException>(() => VectorField.Create(0, (t, y, dy) => { }));
        Assert.Equal("dimension", ex.ParamName);
    }
}
