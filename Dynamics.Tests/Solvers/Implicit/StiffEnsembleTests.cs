using Dynamics.Models.Stiff;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Ensembles;

namespace Dynamics.Tests.Solvers.Implicit;

/// <summary>
/// Ensembles reuse one integrator (and stepper) per worker across members; a member must come out bit-identical to
/// a lone solve, whatever the thread count, so every piece of stiff-stepper state must be restored by Reset.
/// </summary>
public class StiffEnsembleTests
{
    public static TheoryData<string> Methods => new() { "Rodas4", "Radau5", "AutoSwitch" };

    [Theory]
    [MemberData(nameof(Methods))]
    public void Members_equal_lone_solves_serially_and_in_parallel(string name)
    {
        var method = name == "AutoSwitch" ? new Dynamics.Solvers.Implicit.AutoSwitch() : StiffReferenceTests.Method(name);
        OdeProblem<Robertson> Member(int m) => OdeProblem.Create(new Robertson() with { K1 = 0.04 * (1 + 0.1 * m) }, [1.0, 0.0, 0.0], 0.0, 1e3);
        var solver = new SolverOptions { RelativeTolerance = 1e-6, AbsoluteTolerance = 1e-10, SaveAt = SaveAt.End };
        var problem = new EnsembleProblem<Robertson>(8, Member);
        var serial = Ensemble.Solve(problem, method, new EnsembleOptions { Solver = solver, MaxDegreeOfParallelism = 1 });
        var parallel = Ensemble.Solve(problem, method, new EnsembleOptions { Solver = solver, MaxDegreeOfParallelism = 2, BlockSize = 1 });
        for (int m = 0; m < 8; m++)
        {
            var alone = Ode.Solve(Member(m), method, solver);
            Assert.Equal(alone.FinalState.ToArray(), serial.FinalState(m).ToArray());
            Assert.Equal(alone.FinalState.ToArray(), parallel.FinalState(m).ToArray());
            Assert.Equal(alone.Statistics.AcceptedSteps, serial.Statistics(m).AcceptedSteps);
        }
    }
}
