using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.RungeKutta;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Solvers.Ensembles;

public class EnsembleTests
{
    private const int Count = 50;
    private static readonly EnsembleOptions Tolerance7 = new() { Solver = SolverOptions.WithTolerance(1e-7) with { SaveAt = SaveAt.End }, BlockSize = 8 };

    [Fact]
    public void Each_member_is_exactly_what_solving_it_alone_gives()
    {
        var problem = EnsembleTestData.LorenzSweep(Count, 2.0, varyEnd: true);
        var ensemble = Ensemble.Solve(problem, new DormandPrince5(), Tolerance7);
        Assert.Equal(Count, ensemble.SucceededCount);
        for (int m = 0; m < Count; m++)
        {
            // The same integrator code on reused buffers: bit for bit the same.
            var alone = Ode.Solve(problem.MemberProblem(m), new DormandPrince5(), Tolerance7.Solver);
            Assert.Equal(alone.FinalState.ToArray(), ensemble.FinalState(m).ToArray());
            Assert.Equal(alone.Statistics, ensemble.Statistics(m));
            Assert.Equal(alone.FinalTime, ensemble.FinalTime(m));
        }
    }

    [Fact]
    public void Integrator_reset_starts_over_exactly_like_a_new_integrator()
    {
        var options = SolverOptions.WithTolerance(1e-8) with { Events = [OdeEvent.Record("x = 0", (t, y) => y[0])] };
        var first = OdeProblem.Create(new VanDerPol(2), [2.0, 0.0], 0.0, 7.0);
        var second = OdeProblem.Create(new VanDerPol(0.5), [0.1, 1.0], 1.0, -3.0);
        var reused = Ode.CreateIntegrator(first, new Tsitouras5(), options);
        while (reused.Step())
        {
        }

        reused.Reset(second);
        var fresh = Ode.CreateIntegrator(second, new Tsitouras5(), options);
        while (fresh.Step()) Assert.True(reused.Step());
        Assert.False(reused.Step());
        Assert.Equal(fresh.State.ToArray(), reused.State.ToArray());
        Assert.Equal(fresh.Statistics, reused.Statistics);
        Assert.Equal(fresh.Events.Count, reused.Events.Count);
    }

    [Fact]
    public void Integrator_reset_rejects_another_dimension()
    {
        var integrator = Ode.CreateIntegrator(OdeProblem.Create(VectorField.Create(2, (t, y, dy) => y.CopyTo(dy)), [1.0, 2], 0, 1), new DormandPrince5());
        var other = OdeProblem.Create(VectorField.Create(3, (t, y, dy) => y.CopyTo(dy)), [1.0, 2, 3], 0, 1);
        var error = Assert.Throws<ArgumentException>(() => integrator.Reset(other));
        Assert.Equal("problem", error.ParamName);
        Assert.Contains("3", error.Message);
    }

    [Fact]
    public void Parallel_and_serial_runs_are_identical()
    {
        var problem = EnsembleTestData.LorenzSweep(Count, 3.0);
        var serial = Ensemble.Solve(problem, new DormandPrince5(), Tolerance7 with { MaxDegreeOfParallelism = 1 });
        var parallel = Ensemble.Solve(problem, new DormandPrince5(), Tolerance7 with { MaxDegreeOfParallelism = 3, BlockSize = 3 });
        for (int m = 0; m < Count; m++)
        {
            Assert.Equal(serial.FinalState(m).ToArray(), parallel.FinalState(m).ToArray());
            Assert.Equal(serial.Statistics(m), parallel.Statistics(m));
        }
    }

    [Fact]
    public void A_member_that_blows_up_gets_its_own_status_while_the_rest_finish()
    {
        // y' = y² blows up at t = 1/y₀: only member 3 (y₀ = 2) reaches its singularity before t = 1.
        double[] starts = [0.1, 0.5, 0.9, 2.0, 0.3];
        var problem = new EnsembleProblem<BlowUp>(5, m => OdeProblem.Create(new BlowUp(), [starts[m]], 0.0, 1.0));
        var solution = Ensemble.Solve(problem, new DormandPrince5(), new EnsembleOptions { BlockSize = 1 });
        Assert.Equal(4, solution.SucceededCount);
        Assert.Equal(1, solution.FailedCount);
        Assert.Equal(SolveStatus.StepSizeTooSmall, solution.Status(3));
        Assert.Contains("underflow", solution.Message(3));
        // Its partial result: it got close to the singularity at t = 0.5.
        Assert.InRange(solution.FinalTime(3), 0.49, 0.51);
        Assert.True(solution.FinalState(3)[0] > 1e3);
        for (int m = 0; m < 5; m++)
        {
            if (m != 3) Assert.Equal(starts[m] / (1 - starts[m]), solution.FinalState(m)[0], 1e-5 * solution.FinalState(m)[0]);
        }
    }

    [Fact]
    public void Cancellation_keeps_finished_members_and_marks_the_others()
    {
        using var cancellation = new CancellationTokenSource();
        var options = Tolerance7 with { MaxDegreeOfParallelism = 1, Progress = new CancelAfterFirstReport(cancellation), CancellationToken = cancellation.Token };
        var problem = EnsembleTestData.LorenzSweep(Count, 1.0);
        var solution = Ensemble.Solve(problem, new DormandPrince5(), options);
        Assert.Equal(8, solution.SucceededCount);
        Assert.Equal(Count - 8, solution.CancelledCount);
        var alone = Ode.Solve(problem.MemberProblem(5), new DormandPrince5(), Tolerance7.Solver);
        Assert.Equal(alone.FinalState.ToArray(), solution.FinalState(5).ToArray());
        Assert.Equal(SolveStatus.Cancelled, solution.Status(20));
        Assert.True(double.IsNaN(solution.FinalState(20)[0]));
    }

    [Fact]
    public void Saved_times_and_whole_solutions_are_kept_when_asked_for()
    {
        var problem = EnsembleTestData.LorenzSweep(6, 1.0);
        var times = Ensemble.Solve(problem, new DormandPrince5(), new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.Times(0, 0.5, 1) } });
        var whole = Ensemble.Solve(problem, new DormandPrince5(), new EnsembleOptions { Solver = SolverOptions.WithTolerance(1e-8) with { SaveAt = SaveAt.Dense } });
        Assert.Equal(new[] { 0.0, 0.5, 1.0 }, times.SavedTimes.ToArray());
        for (int m = 0; m < 6; m++)
        {
            Assert.Equal(problem.MemberProblem(m).InitialState.ToArray(), times.SavedState(m, 0).ToArray());
            // Both interpolate the same steps with the same dense output.
            Assert.Equal(whole.Solution(m)!.Evaluate(0.5), times.SavedState(m, 1).ToArray());
            Assert.Equal(times.FinalState(m).ToArray(), times.SavedState(m, 2).ToArray());
        }

        Assert.Throws<InvalidOperationException>(() => times.Solution(0));
    }

    [Fact]
    public void Reductions_do_not_depend_on_the_thread_count()
    {
        var problem = EnsembleTestData.LorenzSweep(Count, 2.0);
        var serial = Ensemble.Reduce(problem, new DormandPrince5(), new MeanX(), Tolerance7 with { MaxDegreeOfParallelism = 1 });
        var parallel = Ensemble.Reduce(problem, new DormandPrince5(), new MeanX(), Tolerance7 with { MaxDegreeOfParallelism = 4 });
        var solved = Ensemble.Solve(problem, new DormandPrince5(), Tolerance7);
        Assert.Equal(serial.Value, parallel.Value);
        Assert.Equal(Count, serial.SucceededCount);
        double sum = 0;
        for (int m = 0; m < Count; m++) sum += solved.FinalState(m)[0];
        // Summed in another order, so equal to rounding only.
        Assert.Equal(sum, serial.Value.Sum, 1e-9 * Math.Abs(sum) + 1e-12);
        Assert.Equal(Count, serial.Value.Count);
        Assert.Equal(solved.TotalStatistics, serial.TotalStatistics);
    }

    [Fact]
    public void Bad_input_is_rejected_naming_the_parameter()
    {
        Assert.Equal("count", Assert.Throws<ArgumentOutOfRangeException>(() => new EnsembleProblem<Lorenz>(0, _ => null!)).ParamName);
        Assert.Equal("memberProblem", Assert.Throws<ArgumentNullException>(() => new EnsembleProblem<Lorenz>(3, null!)).ParamName);
        var mixed = new EnsembleProblem<DampedPendulum>(20, m => OdeProblem.Create(new DampedPendulum(), m == 13 ? new double[3] : [1.0, 0], 0, 1));
        // A factory producing a mismatched member is caught where the member is created.
        var error = Assert.Throws<ArgumentException>(() => Ensemble.Solve(mixed, new DormandPrince5()));
        Assert.Equal("initialState", error.ParamName);
        Assert.Equal("MaxDegreeOfParallelism", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ensemble.Solve(EnsembleTestData.LorenzSweep(2, 1), new DormandPrince5(), new EnsembleOptions { MaxDegreeOfParallelism = 0 })).ParamName);
        Assert.Equal("BlockSize", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ensemble.Solve(EnsembleTestData.LorenzSweep(2, 1), new DormandPrince5(), new EnsembleOptions { BlockSize = -4 })).ParamName);
        Assert.Equal("RelativeTolerance", Assert.Throws<ArgumentOutOfRangeException>(() =>
            Ensemble.Solve(EnsembleTestData.LorenzSweep(2, 1), new DormandPrince5(), new EnsembleOptions { Solver = new SolverOptions { RelativeTolerance = -1 } })).ParamName);
    }

    private sealed class MeanX : IEnsembleReducer<(double Sum, int Count)>
    {
        public (double Sum, int Count) CreateAccumulator() => (0, 0);

        public (double Sum, int Count) Add((double Sum, int Count) accumulator, int member, in EnsembleMemberOutcome outcome) =>
            (accumulator.Sum + outcome.FinalState[0], accumulator.Count + 1);

        public (double Sum, int Count) Combine((double Sum, int Count) left, (double Sum, int Count) right) => (left.Sum + right.Sum, left.Count + right.Count);
    }
}
