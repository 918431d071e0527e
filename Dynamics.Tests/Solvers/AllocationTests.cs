using Dynamics.Models.Classical;
using Dynamics.Problems;
using Dynamics.Solvers;
using Dynamics.Solvers.Events;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Solvers;

/// <summary>After set-up a step allocates nothing: measured with the current thread's allocation counter over 10,000 steps (least of three rounds, see <see cref="Support.Allocations"/>).</summary>
public class AllocationTests
{
    public static TheoryData<string> AllMethods => Support.Tableaus.MethodNames();

    [Theory]
    [MemberData(nameof(AllMethods))]
    public void Ten_thousand_steps_allocate_nothing(string name)
    {
        var method = Support.Tableaus.Method(name);
        var options = new SolverOptions { StepSize = method.EmbeddedOrder is null ? 0.001 : null, RelativeTolerance = 1e-10, AbsoluteTolerance = 1e-10 };
        Assert.Equal(0, AllocatedDuringSteps(method, options));
    }

    [Fact]
    public void Event_detection_and_interpolation_allocate_nothing_while_no_event_occurs()
    {
        var options = SolverOptions.WithTolerance(1e-10) with { Events = [OdeEvent.Record("far away", (t, y) => y[2] - 1e6)] };
        Assert.Equal(0, AllocatedDuringSteps(new DormandPrince5(), options));
    }

    [Fact]
    public void The_measurement_sees_one_small_allocation_per_round()
    {
        object? kept = null;
        long allocated = Support.Allocations.LeastOfThree(() => Support.Allocations.During(() => kept = new object()));
        Assert.NotNull(kept);
        Assert.InRange(allocated, 1, 64);
    }

    private static long AllocatedDuringSteps(IOdeMethod method, SolverOptions options)
    {
        var problem = OdeProblem.Create(new Lorenz(), [1.0, 1.0, 1.0], 0.0, 1e6);
        var integrator = Ode.CreateIntegrator(problem, method, options);
        var state = new double[3];
        for (int i = 0; i < 200; i++) Assert.True(integrator.Step());
        long allocated = Support.Allocations.OfSteppingAndInterpolating(integrator, state);
        Assert.Equal(SolveStatus.Running, integrator.Status);
        return allocated;
    }
}
