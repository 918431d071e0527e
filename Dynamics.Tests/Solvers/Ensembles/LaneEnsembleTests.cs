using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Simd;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Solvers.StepSize;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Ensembles;

public class LaneEnsembleTests
{
    private const int Count = 45;  // not a multiple of the lane width, so lanes run empty at the end

    public static TheoryData<string> Controllers() => ["PI", "SmoothPI", "I", "PID"];

    [Theory]
    [MemberData(nameof(Controllers))]
    public void Each_lane_takes_the_steps_of_the_independent_member(string controllerName)
    {
        var controller = controllerName switch { "I" => StepSizeController.I, "PID" => StepSizeController.PID, "SmoothPI" => StepSizeController.SmoothPI, _ => StepSizeController.PI };
        var options = new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-6) with { SaveAt = SaveAt.End, Controller = controller } };
        // Different ρ (a sweep over [0, 21]) and different end times per member, so lanes finish and refill at different times.
        var problem = EnsembleTestData.LorenzSweep(Count, 4.0, varyEnd: true);
        var lanes = Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes, options);
        var independent = Ensemble.Solve(problem, new DormandPrince5(), options);
        for (int m = 0; m < Count; m++)
        {
            Assert.Equal(SolveStatus.Success, lanes.Status(m));
            Assert.Equal(independent.Statistics(m), lanes.Statistics(m));
            Assert.Equal(independent.FinalTime(m), lanes.FinalTime(m));
            // Bit for bit: the lanes run Lorenz's one formula (the same fused multiply-adds), the unrolled DP5 stepper forms its stages
            // as the lanes do, and the controller takes its powers through the lanes' exp and log (LaneMath).
            Assert.Equal(independent.FinalState(m).ToArray(), lanes.FinalState(m).ToArray());
        }
    }

    [Fact]
    public void Van_der_Pol_lanes_match_backwards_and_with_per_component_tolerances()
    {
        var solver = new SolverOptions { RelativeTolerance = 1e-9, AbsoluteTolerances = [1e-9, 1e-6], MaxStep = 0.3, SaveAt = SaveAt.End };
        var problem = new EnsembleProblem<VanDerPol>(13, m => OdeProblem.Create(new VanDerPol(0.5 + m), [2.0 - 0.1 * m, 0.1 * m], 3.0, -2.0));
        var lanes = Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes, new EnsembleOptions { Solver = solver });
        var independent = Ensemble.Solve(problem, new DormandPrince5(), new EnsembleOptions { Solver = solver });
        for (int m = 0; m < 13; m++)
        {
            Assert.Equal(independent.Statistics(m), lanes.Statistics(m));
            // Not chaotic: round-off differences stay at round-off over the span (|y| ≲ 10).
            Assert.True(Norms.MaxDifference(independent.FinalState(m), lanes.FinalState(m)) < 1e-12);
        }
    }

    [Fact]
    public void Parallel_and_serial_runs_are_identical()
    {
        var problem = EnsembleTestData.LorenzSweep(Count, 2.0, varyEnd: true);
        var serial = Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes, new EnsembleOptions { MaxDegreeOfParallelism = 1 });
        var parallel = Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes, new EnsembleOptions { MaxDegreeOfParallelism = 3 });
        for (int m = 0; m < Count; m++)
        {
            Assert.Equal(serial.FinalState(m).ToArray(), parallel.FinalState(m).ToArray());
            Assert.Equal(serial.Statistics(m), parallel.Statistics(m));
        }
    }

    [Fact]
    public void A_member_that_blows_up_gets_its_own_status_while_the_rest_finish()
    {
        double[] starts = [0.1, 0.5, 0.9, 2.0, 0.3, 0.2, 0.4, 0.6, 0.7, 0.8, 0.05];
        var problem = new EnsembleProblem<BlowUp>(starts.Length, m => OdeProblem.Create(new BlowUp(), [starts[m]], 0.0, 1.0));
        var lanes = Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes);
        var independent = Ensemble.Solve(problem, new DormandPrince5());
        for (int m = 0; m < starts.Length; m++)
        {
            Assert.Equal(m == 3 ? SolveStatus.StepSizeTooSmall : SolveStatus.Success, lanes.Status(m));
            Assert.Equal(independent.Statistics(m), lanes.Statistics(m));
            Assert.Equal(independent.FinalTime(m), lanes.FinalTime(m), 1e-12);
        }

        Assert.Contains("underflow", lanes.Message(3));
    }

    [Fact]
    public void Max_steps_ends_a_member_with_its_partial_result()
    {
        var solver = SolverOptions.WithTolerance(1e-10) with { SaveAt = SaveAt.End, MaxSteps = 50 };
        var problem = new EnsembleProblem<Lorenz>(3, m => OdeProblem.Create(new Lorenz(), [1.0 + m, 1, 1], 0.0, m == 1 ? 0.01 : 10));
        var lanes = Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes, new EnsembleOptions { Solver = solver });
        var independent = Ensemble.Solve(problem, new DormandPrince5(), new EnsembleOptions { Solver = solver });
        Assert.Equal([SolveStatus.MaxStepsReached, SolveStatus.Success, SolveStatus.MaxStepsReached], Enumerable.Range(0, 3).Select(lanes.Status));
        // The same arithmetic step for step (see above), so the same partial result to the last bit.
        Assert.Equal(independent.FinalTime(0), lanes.FinalTime(0));
        Assert.Equal(independent.FinalState(0).ToArray(), lanes.FinalState(0).ToArray());
        Assert.Equal(independent.Statistics(2), lanes.Statistics(2));
    }

    [Fact]
    public void Cancellation_keeps_finished_members()
    {
        using var cancellation = new CancellationTokenSource();
        var problem = EnsembleTestData.LorenzSweep(2000, 0.2);
        var solution = Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes,
            new EnsembleOptions { MaxDegreeOfParallelism = 1, Progress = new CancelAfterFirstReport(cancellation), CancellationToken = cancellation.Token });
        // The first finished member is always reported; the lanes in flight then finish, and no member is taken after that.
        Assert.InRange(solution.SucceededCount, 1, LaneEnsemble.LaneCount);
        Assert.Equal(2000 - solution.SucceededCount, solution.CancelledCount);
        var alone = Ode.Solve(problem.MemberProblem(0), new DormandPrince5(), SolverOptions.Default with { SaveAt = SaveAt.End });
        Assert.True(Norms.MaxDifference(alone.FinalState, solution.FinalState(0)) < 1e-12);
        Assert.Equal(SolveStatus.Cancelled, solution.Status(1999));
    }

    [Fact]
    public void Unsupported_options_are_rejected_naming_the_option()
    {
        var problem = EnsembleTestData.LorenzSweep(3, 1);
        Assert.Equal("Events", Assert.Throws<ArgumentException>(() => Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes,
            new EnsembleOptions { Solver = SolverOptions.Default with { SaveAt = SaveAt.End, Events = [OdeEvent.Record("x", (t, y) => y[0])] } })).ParamName);
        Assert.Equal("SaveAt", Assert.Throws<ArgumentException>(() => Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes,
            new EnsembleOptions { Solver = SolverOptions.Default })).ParamName);
        Assert.Equal("StepSize", Assert.Throws<ArgumentException>(() => Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes,
            new EnsembleOptions { Solver = SolverOptions.WithFixedStep(0.1) with { SaveAt = SaveAt.End } })).ParamName);
        Assert.Equal("ErrorNorm", Assert.Throws<ArgumentException>(() => Ensemble.Solve(problem, new DormandPrince5(), EnsembleStrategy.SimdLanes,
            new EnsembleOptions { Solver = SolverOptions.Default with { SaveAt = SaveAt.End, ErrorNorm = ErrorNorm.Max } })).ParamName);
        var method = Assert.Throws<ArgumentException>(() => Ensemble.Solve(problem, new BogackiShampine3(), EnsembleStrategy.SimdLanes));
        Assert.Equal("method", method.ParamName);
        Assert.Contains(new BogackiShampine3().Name, method.Message);
    }
}
