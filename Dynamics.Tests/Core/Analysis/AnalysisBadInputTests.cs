using Dynamics.Analysis;
using Dynamics.Models.Classical;
using Dynamics.Solvers.Analysis;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Tests.Core.Analysis;

public class AnalysisBadInputTests
{
    private static readonly Duffing Model = new();

    private static FixedPoint Saddle() => FixedPoints.Find(Model, (-0.5, 0.5), (-0.5, 0.5)).Single();

    [Fact]
    public void Basins_reject_missing_or_malformed_attractors_and_bad_options()
    {
        var slice = PlaneSlice.Of(Model);
        var grid = new PlaneGrid((-1, 1), (-1, 1), 3, 3);
        var none = Assert.Throws<ArgumentException>(() => Basins.Compute(Model, slice, grid, []));
        Assert.Equal("attractors", none.ParamName);
        var length = Assert.Throws<ArgumentException>(() => Basins.Compute(Model, slice, grid, [[1.0, 0.0, 0.0]]));
        Assert.Equal("attractors[0]", length.ParamName);
        var nan = Assert.Throws<ArgumentException>(() => Basins.Compute(Model, slice, grid, [[1.0, double.NaN]]));
        Assert.Contains("attractors[0][1]", nan.Message);
        var radius = Assert.Throws<ArgumentOutOfRangeException>(() => Basins.Compute(Model, slice, grid, [[1.0, 0.0]], new BasinOptions { CaptureRadius = 0 }));
        Assert.Equal("CaptureRadius", radius.ParamName);
        Assert.Contains("but was 0", radius.Message);
        var rows = Assert.Throws<ArgumentOutOfRangeException>(() => Basins.Compute(Model, slice, new PlaneGrid((-1, 1), (-1, 1), 3, 0), [[1.0, 0.0]]));
        Assert.Equal("grid.Rows", rows.ParamName);
    }

    [Fact]
    public void Separatrices_reject_bad_options_and_trace_nothing_from_a_non_saddle()
    {
        var saddle = Saddle();
        var duration = Assert.Throws<ArgumentOutOfRangeException>(() => Separatrices.Trace(Model, saddle, new SeparatrixOptions { Duration = -1 }));
        Assert.Equal("Duration", duration.ParamName);
        Assert.Contains("-1", duration.Message);
        var window = Assert.Throws<ArgumentException>(() => Separatrices.Trace(Model, saddle, new SeparatrixOptions { XRange = (2, -2) }));
        Assert.Equal("XRange", window.ParamName);
        var component = Assert.Throws<ArgumentOutOfRangeException>(() => Separatrices.Trace(Model, saddle, new SeparatrixOptions { YComponent = 5 }));
        Assert.Equal("YComponent", component.ParamName);
        var well = FixedPoints.Find(Model, (0.5, 1.5), (-0.5, 0.5)).Single();
        Assert.Empty(Separatrices.Trace(Model, well));
    }

    [Fact]
    public void Trajectory_helpers_reject_empty_spans_and_components()
    {
        var nothing = Assert.Throws<ArgumentException>(() => TrajectoryBatch.TraceBothWays(Model, [[1.0, 0.0]], 0, 0, 0, new DormandPrince5()));
        Assert.Equal("forward", nothing.ParamName);
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => TrajectoryBatch.TraceBothWays(Model, [[1.0, 0.0]], 0, -1, 1, new DormandPrince5()));
        Assert.Contains("but was -1", negative.Message);
        var reversed = Assert.Throws<ArgumentException>(() => WindowExit.Stop(0, (1, 1), 1, (0, 1)));
        Assert.Equal("xRange", reversed.ParamName);
        var trajectory = new Trajectory([0.0], [1.0, 2.0], 2);
        Assert.Throws<ArgumentOutOfRangeException>(() => trajectory.Component(2));
        var joined = Assert.Throws<ArgumentException>(() => trajectory.Then(new Trajectory([0.0], [1.0], 1)));
        Assert.Equal("next", joined.ParamName);
    }
}
