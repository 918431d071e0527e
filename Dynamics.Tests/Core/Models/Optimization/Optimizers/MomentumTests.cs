using Dynamics.Analysis;
using Dynamics.Models.Optimization.Flows;
using Dynamics.Models.Optimization.Losses;
using Dynamics.Models.Optimization.Optimizers;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core.Models.Optimization.Optimizers;

public class MomentumTests
{
    private static readonly QuadraticLoss Unit = QuadraticLoss.Diagonal(1.0);

    [Fact]
    public void Heavy_ball_closed_form_matches_a_tight_numerical_solve()
    {
        var flow = new HeavyBallFlow<QuadraticLoss>(Unit, 0.5);
        var solution = Ode.Solve(OdeProblem.Create(flow, [1.0, 0.3], 0, 5), new Verner8(), SolverOptions.WithTolerance(1e-13) with { SaveAt = SaveAt.End });
        var (x, v) = DampedOscillator.Solve(0.5, 1.0, 1.0, 0.3, 5.0);
        // Verner 8 at 1e-13 is accurate to ~1e-12 here.
        Assert.Equal(x, solution.FinalState[0], 1e-10);
        Assert.Equal(v, solution.FinalState[1], 1e-10);
    }

    [Theory]
    [InlineData(0.5, "Nesterov (midpoint look-ahead)")]
    [InlineData(1.0, "Nesterov")]
    [InlineData(0.3, "Nesterov (look-ahead c = 0.3)")]
    [InlineData(0.0, "Nesterov (look-ahead c = 0)")]
    [InlineData(2.0 / 3, "Nesterov (look-ahead c = 0.6667)")]
    public void Nesterov_is_named_by_its_look_ahead_not_by_a_source(double lookahead, string name)
    {
        // Names appear in figure titles and legends: they say what the method does, and any other c by its value,
        // to the four significant digits of the parameter captions (ParameterText).
        Assert.Equal(name, new NesterovMomentum(0.1, 1.0, lookahead).Name);
    }

    [Theory]
    [InlineData(0.1, 1.05e-3)]
    [InlineData(0.05, 2.6e-4)]
    [InlineData(0.025, 6.6e-5)]
    public void Half_step_start_gives_the_quoted_errors_at_T_5(double gamma, double quoted)
    {
        double error = ErrorAtFive(gamma, MomentumStart.HalfStep);
        // docs/learning.md, "Momentum", quotes two to three significant digits; 5% covers their rounding.
        Assert.Equal(quoted, error, quoted * 0.05);
    }

    [Fact]
    public void Half_step_start_is_second_order_and_the_naive_start_first_order()
    {
        double[] gammas = [0.1, 0.05, 0.025, 0.0125];
        var half = gammas.Select(g => ErrorAtFive(g, MomentumStart.HalfStep)).ToArray();
        var naive = gammas.Select(g => ErrorAtFive(g, MomentumStart.Naive)).ToArray();
        // Local orders between successive halvings: the asymptotic constants are reached by γ = 0.1 (errors shrink by 4.0 and 2.0).
        for (int k = 0; k + 1 < gammas.Length; k++)
        {
            Assert.InRange(Math.Log2(half[k] / half[k + 1]), 1.9, 2.1);
            Assert.InRange(Math.Log2(naive[k] / naive[k + 1]), 0.9, 1.1);
        }
    }

    [Fact]
    public void General_half_step_start_keeps_second_order_with_an_initial_velocity()
    {
        double[] gammas = [0.1, 0.05, 0.025];
        var errors = gammas.Select(g =>
        {
            var momentum = new MomentumDescent(g, 0.5);
            var state = new double[2];
            momentum.Initialize(Unit, [1.0], [0.7], state);
            var run = OptimizerRun.IterateFrom(momentum, Unit, state, (long)Math.Round(5 / g), recordEvery: 0);
            return Math.Abs(run.FinalState[0] - DampedOscillator.Solve(0.5, 1.0, 1.0, 0.7, run.FinalTime).Position);
        }).ToArray();
        // With η₀ ≠ 0 the λη₀ term of v₀ matters: both halvings must show order 2 (the start without it is order 1).
        Assert.InRange(Math.Log2(errors[0] / errors[1]), 1.85, 2.15);
        Assert.InRange(Math.Log2(errors[1] / errors[2]), 1.85, 2.15);
    }

    [Fact]
    public void Hyperparameters_map_back_to_the_heavy_ball()
    {
        var momentum = new MomentumDescent(0.1, 0.5);
        var back = MomentumDescent.FromHyperparameters(momentum.Alpha, momentum.Beta);
        Assert.Equal(0.1, back.LearningRate, 1e-14);
        Assert.Equal(0.5, back.Friction, 1e-13);
        // Su's tuning rule 1 − β ≈ λ√α holds exactly as (1 − β)/(λ√α) = 1/√(1 + λγ/2), i.e. to first order in λγ.
        Assert.Equal(1 / Math.Sqrt(1.025), (1 - momentum.Beta) / (momentum.Friction * Math.Sqrt(momentum.Alpha)), 1e-14);
    }

    private static double ErrorAtFive(double gamma, MomentumStart start)
    {
        var run = OptimizerRun.Iterate(new MomentumDescent(gamma, 0.5, start), Unit, [1.0], (long)Math.Round(5 / gamma), recordEvery: 0);
        return Math.Abs(run.FinalState[0] - DampedOscillator.Solve(0.5, 1.0, 1.0, 0.0, run.FinalTime).Position);
    }
}
