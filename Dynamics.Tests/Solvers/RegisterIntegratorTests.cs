using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.StepSize;
using Dynamics.Tests.Solvers.Ensembles;
using static Dynamics.Tests.Solvers.Ensembles.UserLaneFieldTests;

namespace Dynamics.Tests.Solvers;

/// <summary>
/// The register path of one trajectory (a three-component struct lane field under DP5) against the span path of the
/// integrator: the same steps, the same bits, the same statistics and messages; everything it does not take, and every
/// solve that fails, goes to the integrator.
/// </summary>
public class RegisterIntegratorTests
{
    private static readonly DormandPrince5 Dp5 = new();

    public static TheoryData<double> Tolerances => [1e-4, 1e-6, 1e-8, 1e-11];

    [Fact]
    public void Lorenz_at_1e_8_takes_the_register_path_and_ends_on_the_span_paths_bits()
    {
        var problem = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 20.0);
        var options = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End };
        Assert.True(RegisterIntegrator.Takes(problem, Dp5, options));
        var registers = RegisterIntegrator.TrySolve(problem, Dp5, options);
        Assert.NotNull(registers);
        var span = Ode.Solve<Lorenz>(problem, Dp5, options);
        AssertSame(span, registers);
        Assert.Equal(11_342, registers.Statistics.RhsEvaluations); // the figure RESULTS.md quotes for this solve
        // The public entry picks the register path for a struct lane field (and so gives the same solution).
        AssertSame(span, Ode.Solve(problem, Dp5, options));
    }

    [Theory]
    [MemberData(nameof(Tolerances))]
    public void A_users_field_saved_at_every_step_takes_the_span_paths_steps_to_the_bit(double tolerance)
    {
        // The README's field, not in the library (Thomas 1999), chaotic at b = 0.18.
        var problem = OdeProblem.Create(new Thomas(0.18), [0.1, 0.0, 0.0], 0.0, 50.0);
        var options = SolverOptions.WithTolerance(tolerance);
        Assert.True(RegisterIntegrator.Takes(problem, Dp5, options));
        AssertSame(Ode.Solve<Thomas>(problem, Dp5, options), RegisterIntegrator.TrySolve(problem, Dp5, options));
    }

    [Fact]
    public void Backwards_with_step_limits_per_component_tolerances_and_a_raised_tolerance_it_still_matches()
    {
        var problem = OdeProblem.Create(new Thomas(0.2), [2.0, -1.0, 0.5], 10.0, -5.0);
        var options = new SolverOptions
        {
            RelativeTolerances = [1e-9, 1e-17, 1e-7],
            AbsoluteTolerances = [1e-10, 1e-8, 1e-12],
            MaxStep = 0.05,
            MinStep = 1e-9,
            InitialStep = -1e-3,
            Controller = StepSizeController.PID,
        };
        Assert.True(RegisterIntegrator.Takes(problem, Dp5, options));
        var registers = RegisterIntegrator.TrySolve(problem, Dp5, options);
        var span = Ode.Solve<Thomas>(problem, Dp5, options);
        AssertSame(span, registers);
        Assert.Single(registers!.Notes); // 1e-17 was raised to the floor, and the register path says so as the integrator does
    }

    [Fact]
    public void What_the_register_path_does_not_take_goes_to_the_integrator()
    {
        var problem = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 2.0);
        var plain = SolverOptions.WithTolerance(1e-8);
        using var cancellation = new CancellationTokenSource();
        var crossing = OdeEvent.Record("x = 0", (t, y) => y[0]);
        SolverOptions[] others =
        [
            plain with { SaveAt = SaveAt.Dense },
            plain with { SaveAt = SaveAt.Times(0.5, 1.5) },
            plain with { SaveAt = SaveAt.EveryStep.From(1.0) },
            plain with { Events = [crossing] },
            plain with { Progress = new Progress<double>() },
            plain with { CancellationToken = cancellation.Token },
            plain with { ErrorNorm = ErrorNorm.Max },
            plain with { StepSize = 0.01 },
        ];
        Assert.True(RegisterIntegrator.Takes(problem, Dp5, plain));
        foreach (var options in others)
        {
            Assert.False(RegisterIntegrator.Takes(problem, Dp5, options));
            AssertSame(Ode.Solve<Lorenz>(problem, Dp5, options), Ode.Solve(problem, Dp5, options));
        }

        Assert.False(RegisterIntegrator.Takes(problem, new Tsitouras5(), plain));
        Assert.False(RegisterIntegrator.Takes(OdeProblem.Create(new VanDerPol(), [2.0, 0.0], 0.0, 2.0), Dp5, plain));

        // Dense output and events through the public entry work as on the span path.
        var dense = Ode.Solve(problem, Dp5, plain with { SaveAt = SaveAt.Dense });
        Assert.Equal(Ode.Solve<Lorenz>(problem, Dp5, plain with { SaveAt = SaveAt.Dense }).Evaluate(1.234567), dense.Evaluate(1.234567));
        var withEvents = Ode.Solve(problem, Dp5, plain with { Events = [crossing] });
        Assert.Equal(Ode.Solve<Lorenz>(problem, Dp5, plain with { Events = [crossing] }).Events.Select(e => e.Time), withEvents.Events.Select(e => e.Time));
    }

    [Fact]
    public void A_solve_that_fails_is_left_to_the_integrator_which_reports_it()
    {
        var problem = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 20.0);
        var tooFewSteps = SolverOptions.WithTolerance(1e-8) with { MaxSteps = 50 };
        Assert.Null(RegisterIntegrator.TrySolve(problem, Dp5, tooFewSteps));
        var failed = Ode.Solve(problem, Dp5, tooFewSteps);
        Assert.Equal(SolveStatus.MaxStepsReached, failed.Status);
        AssertSame(Ode.Solve<Lorenz>(problem, Dp5, tooFewSteps), failed);

        // The formula throws once y₀ falls below 0.5 (at t = ln 2): the user's exception, with the steps before it.
        var fragile = OdeProblem.Create(new FragileDecay(1.0, 0.5, 3), [1.0, 1.0, 1.0], 0.0, 2.0);
        Assert.Null(RegisterIntegrator.TrySolve(fragile, Dp5, SolverOptions.Default));
        var thrown = Ode.Solve(fragile, Dp5);
        Assert.Equal(SolveStatus.UserCodeFailed, thrown.Status);
        Assert.IsType<InvalidOperationException>(thrown.Exception);
        AssertSame(Ode.Solve<FragileDecay>(fragile, Dp5), thrown);
    }

    [Fact]
    public void A_longer_solve_allocates_no_more_than_a_shorter_one()
    {
        // 0 bytes per step: everything the path allocates (tolerances, the solution) is per solve, so four times the
        // steps allocate exactly as much (least of three rounds, as every allocation test here). The end times have
        // digits of equal count, so the messages are strings of equal length.
        var options = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.End };
        var shorter = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 10.0);
        var longer = shorter.WithTimeSpan(0.0, 40.0);
        long Bytes(OdeProblem<Lorenz> problem) => Support.Allocations.LeastOfThree(() => Support.Allocations.During(() => RegisterIntegrator.TrySolve(problem, Dp5, options)));
        Bytes(longer);
        Assert.Equal(Bytes(shorter), Bytes(longer));
    }

    private static void AssertSame(Solution expected, Solution? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Status, actual.Status);
        Assert.Equal(expected.Message, actual.Message);
        Assert.Equal(expected.Statistics, actual.Statistics);
        Assert.Equal(expected.FinalTime, actual.FinalTime);
        Assert.Equal(expected.FinalState.ToArray(), actual.FinalState.ToArray());
        Assert.Equal(expected.Times, actual.Times);
        Assert.Equal(expected.States.ToArray(), actual.States.ToArray());
        Assert.Equal(expected.Notes, actual.Notes);
    }
}
