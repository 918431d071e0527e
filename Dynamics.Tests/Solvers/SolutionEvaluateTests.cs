using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Solvers;

public class SolutionEvaluateTests
{
    private static Solution DenseOscillator() =>
        Ode.Solve(OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0.0, 10.0), new DormandPrince5(),
            SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.Dense });

    [Fact]
    public void Evaluate_at_many_times_matches_one_at_a_time_and_the_closed_form()
    {
        var solution = DenseOscillator();
        double[] times = [0.0, 7.5, 0.3, 3.14159, 10.0, 5.0];
        var states = solution.Evaluate(times);
        Assert.Equal(times.Length * 2, states.Length);
        for (int k = 0; k < times.Length; k++)
        {
            // Bit for bit the scalar call, and x = cos t, v = −sin t to the solver's accuracy (rtol = atol = 1e-10 over 10 time units).
            Assert.Equal(solution.Evaluate(times[k]), states.AsSpan(2 * k, 2).ToArray());
            Assert.Equal(Math.Cos(times[k]), states[2 * k], 1e-8);
            Assert.Equal(-Math.Sin(times[k]), states[2 * k + 1], 1e-8);
        }
    }

    [Fact]
    public void Evaluate_into_a_caller_buffer_fills_it_row_major()
    {
        var solution = DenseOscillator();
        double[] times = [1.0, 2.0, 3.0];
        var buffer = new double[6];
        solution.Evaluate(times, buffer);
        for (int k = 0; k < 3; k++) Assert.Equal(solution.Evaluate(times[k]), buffer.AsSpan(2 * k, 2).ToArray());
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(10.5, "10.5")]
    [InlineData(-0.25, "-0.25")]
    [InlineData(double.PositiveInfinity, "+∞")]
    public void A_time_outside_the_span_is_named(double bad, string text)
    {
        var solution = DenseOscillator();
        var error = Assert.ThrowsAny<ArgumentException>(() => solution.Evaluate([1.0, 2.0, bad]));
        Assert.Equal("times", error.ParamName);
        Assert.Contains($"times[2] = {text}", error.Message);
    }

    [Fact]
    public void A_buffer_of_the_wrong_length_is_rejected()
    {
        var solution = DenseOscillator();
        var error = Assert.Throws<ArgumentException>(() => solution.Evaluate([1.0, 2.0], new double[3]));
        Assert.Equal("states", error.ParamName);
        Assert.Contains("length 3", error.Message);
    }

    [Fact]
    public void Without_dense_output_vector_evaluation_says_how_to_get_it()
    {
        var solution = Ode.Solve(OdeProblem.Create(new HarmonicOscillator(), [1.0, 0.0], 0.0, 1.0), new DormandPrince5());
        var error = Assert.Throws<InvalidOperationException>(() => solution.Evaluate([0.5]));
        Assert.Contains("SaveAt.Dense", error.Message);
    }
}
