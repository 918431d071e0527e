using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Solvers;

/// <summary>A single solve can be cancelled, keeping its partial result, and reports a throttled progress.</summary>
public class CancellationAndProgressTests
{
    private sealed class Recorder : IProgress<double>
    {
        public List<double> Values { get; } = [];

        public void Report(double value) => Values.Add(value);
    }

    [Fact]
    public void Cancelling_ends_the_solve_with_the_partial_solution()
    {
        using var cancellation = new CancellationTokenSource();
        // y' = −y; the field itself requests cancellation once t passes 2, as a user's stop button would mid-solve.
        var problem = OdeProblem.Create(VectorField.Create(1, (t, y, dy) =>
        {
            if (t > 2) cancellation.Cancel();
            dy[0] = -y[0];
        }), [1.0], 0.0, 10.0);
        var solution = Ode.Solve(problem, new DormandPrince5(), SolverOptions.WithTolerance(1e-9) with { CancellationToken = cancellation.Token });
        Assert.Equal(SolveStatus.Cancelled, solution.Status);
        Assert.Contains("Cancelled at t = ", solution.Message);
        Assert.InRange(solution.FinalTime, 2.0, 3.0);
        Assert.Equal(solution.FinalTime, solution.Times[^1]);
        Assert.Equal(Math.Exp(-solution.FinalTime), solution.FinalState[0], 1e-8);

        var thrown = Assert.Throws<OdeSolveException>(() =>
            Ode.Solve(problem, new DormandPrince5(), new SolverOptions { ThrowOnFailure = true, CancellationToken = cancellation.Token }));
        Assert.Equal(SolveStatus.Cancelled, thrown.Status);
        Assert.Equal(0.0, thrown.Solution!.FinalTime);
    }

    [Fact]
    public void Progress_is_monotone_throttled_and_ends_at_one()
    {
        var problem = OdeProblem.Create(new HarmonicOscillator(1.0), [1.0, 0.0], 0.0, 100.0);
        var progress = new Recorder();
        var solution = Ode.Solve(problem, new DormandPrince5(), SolverOptions.WithTolerance(1e-10) with { Progress = progress });
        Assert.Equal(SolveStatus.Success, solution.Status);
        Assert.True(solution.Statistics.AcceptedSteps > 1000);
        Assert.InRange(progress.Values.Count, 50, 102);
        for (int i = 1; i < progress.Values.Count; i++) Assert.True(progress.Values[i] >= progress.Values[i - 1] + 0.01 || i == progress.Values.Count - 1);
        Assert.Equal(1.0, progress.Values[^1]);
        Assert.True(progress.Values[0] > 0);
    }
}
