using Dynamics.Analysis;
using Dynamics.Fields;
using Dynamics.Models.Classical;
using Dynamics.Plotting.Figures;
using Dynamics.Solvers.Analysis;
using Dynamics.Tests.Support;

namespace Dynamics.Tests.Plotting.Figures;

public sealed class FigureTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dynamics-figures-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public void A_portrait_with_no_options_draws_and_labels_everything_it_computed()
    {
        var portrait = PhasePortrait.Of(new DampedPendulum(), (-4, 4), (-3, 3));
        string path = portrait.SavePng(Path.Combine(_folder, "nested", "pendulum.png"));
        PngAssert.IsValid(path);
        var data = portrait.Data;
        Assert.NotNull(data.Field);
        Assert.Equal(21 * 21, data.Field!.U.Length);
        Assert.NotEmpty(data.Nullclines!.XNullclines);
        Assert.Equal(3, data.FixedPoints.Count);
        Assert.Equal(8, data.Separatrices.Count); // two saddles (±π), four branches each
        Assert.Equal("Damped pendulum — b = 0.25, g/L = 1", portrait.Plot.Axes.Title.Label.Text);
        Assert.Equal("θ (rad)", portrait.Plot.Axes.Bottom.Label.Text);
        var legend = portrait.Plot.Legend.ManualItems.Select(i => i.LabelText).ToList();
        Assert.Contains("stable spiral", legend);
        Assert.Contains("saddle (unstable)", legend);
        Assert.Contains("nullcline dθ/dt = 0", legend);
        Assert.Contains("stable manifolds", legend); // of the two saddles
        Assert.Empty(Directory.GetFiles(Path.Combine(_folder, "nested"), "*.tmp"));
    }

    [Fact]
    public void Trajectories_are_traced_both_ways_through_their_starts_and_stop_outside_the_window()
    {
        var portrait = PhasePortrait.Of(new VanDerPol(), (-3, 3), (-3, 3))
            .Background(FieldBackground.Streamlines)
            .Trajectories([[0.5, 0.5]], forward: 5, backward: 5)
            .LimitCycleFrom(1.0, 0.0);
        var path = Assert.Single(portrait.Data.Trajectories);
        int start = Array.IndexOf(path.Times, 0.0);
        Assert.True(start > 0 && start < path.Count - 1, "the start should lie inside the joined path");
        Assert.Equal([0.5, 0.5], path.State(start).ToArray());
        // Backwards in time the cycle repels into the origin's neighbourhood; forwards the path winds out to the cycle.
        Assert.True(path.Times[0] < 0 && path.Times[^1] > 0);
        Assert.NotEmpty(portrait.Data.Streamlines);
        Assert.True(portrait.Data.LimitCycles.Single().Converged);
        PngAssert.IsValid(portrait.SavePng(Path.Combine(_folder, "vdp.png")));
    }

    [Fact]
    public void A_path_gets_a_start_marker_unless_told_otherwise()
    {
        double[] xs = [1.0, 0, -1, 0, 1], ys = [0.0, 1, 0, -1, 0];
        var path = new TrajectoryFigure("title", "x", "y").AddPath(xs, ys, "path");
        var cycle = new TrajectoryFigure("title", "x", "y").AddPath(xs, ys, "cycle", ScottPlot.Colors.Black, arrows: 2, startMarker: false);
        Assert.Single(path.Plot.GetPlottables<ScottPlot.Plottables.Marker>());
        Assert.Empty(cycle.Plot.GetPlottables<ScottPlot.Plottables.Marker>());
        Assert.Equal(2, cycle.Plot.GetPlottables<ScottPlot.Plottables.Arrow>().Count());
        Assert.Throws<ArgumentException>(() => cycle.AddPath([0.0], [0.0], "point", ScottPlot.Colors.Black, startMarker: false));
    }

    [Fact]
    public void Slices_of_higher_dimensional_fields_need_their_equilibria_given()
    {
        var lorenz = new Lorenz();
        var slice = new PlaneSlice(3, 0, 2, [0, 1, 0]);
        var portrait = PhasePortrait.Of(lorenz, slice, (-20, 20), (0, 50)).FixedPoints();
        var ex = Assert.Throws<InvalidOperationException>(() => portrait.Data);
        Assert.Contains("WithFixedPoints", ex.Message);

        var equilibria = FixedPoints.Find(lorenz, [(-20, 20), (-20, 20), (-5, 40)], new FixedPointOptions { SeedsPerAxis = 6 });
        var drawn = PhasePortrait.Of(lorenz, slice, (-20, 20), (0, 50)).WithFixedPoints(equilibria).Separatrices(duration: 2);
        Assert.Equal(3, drawn.Data.FixedPoints.Count);
        Assert.Contains("slice y = 1", drawn.Plot.Axes.Title.Label.Text);
        Assert.Equal(2, drawn.Data.Separatrices.Count(s => s.Kind == ManifoldKind.Unstable && s.Saddle.Class == FixedPointClass.Saddle));
    }

    [Fact]
    public void A_portrait_rejects_bad_input_naming_the_parameter_and_the_value()
    {
        var vdp = new VanDerPol();
        var reversed = Assert.Throws<ArgumentException>(() => PhasePortrait.Of(vdp, (3, -3), (-3, 3)));
        Assert.Equal("xRange", reversed.ParamName);
        Assert.Contains("[3, -3] is reversed", reversed.Message);
        var empty = Assert.Throws<ArgumentException>(() => PhasePortrait.Of(vdp, (-3, 3), (1, 1)));
        Assert.Equal("yRange", empty.ParamName);
        var arrows = Assert.Throws<ArgumentOutOfRangeException>(() => PhasePortrait.Of(vdp, (-3, 3), (-3, 3)).Background(FieldBackground.Arrows, arrowsPerAxis: 0));
        Assert.Contains("but was 0", arrows.Message);
        var start = Assert.Throws<ArgumentException>(() => PhasePortrait.Of(vdp, (-3, 3), (-3, 3)).Trajectories([[0.0, double.NaN]]));
        Assert.Contains("starts[0][1]", start.Message);
        var planar = Assert.Throws<ArgumentException>(() => PhasePortrait.Of(new Lorenz(), (-3, 3), (-3, 3)));
        Assert.Equal("field", planar.ParamName);
        var portrait = PhasePortrait.Of(vdp, (-3, 3), (-3, 3)).Nullclines(false).FixedPoints(false).Background(FieldBackground.None);
        _ = portrait.Plot;
        Assert.Throws<InvalidOperationException>(() => portrait.Title("too late"));
    }

    [Fact]
    public void Unnamed_fields_get_generic_labels()
    {
        var field = VectorField.Create(2, (t, y, dy) => { dy[0] = -y[0]; dy[1] = -2 * y[1]; }, "linear sink");
        var portrait = PhasePortrait.Of(field, (-1, 1), (-1, 1));
        Assert.Equal("linear sink", portrait.Plot.Axes.Title.Label.Text);
        Assert.Equal("x", portrait.Plot.Axes.Bottom.Label.Text);
        Assert.Equal(FixedPointClass.StableNode, portrait.Data.FixedPoints.Single().Class);
        Assert.Contains("stable node", portrait.Plot.Legend.ManualItems.Select(i => i.LabelText));
    }

    [Fact]
    public void Panels_and_drift_series_are_written_atomically()
    {
        var model = new HarmonicOscillator();
        var drift = new Invariant("E", (t, y) => model.Energy(y)).Measure([0.0, 1, 2], [1.0, 0, 1, 1e-9, 1, 1e-3], 2);
        var series = new TimeSeriesFigure("energy drift", "log₁₀ |ΔE|").AddDrift(drift);
        var portrait = PhasePortrait.Of(model, (-2, 2), (-2, 2));
        string path = new MultiPanelFigure(1, 2).Add(portrait.Plot).Add(series.Plot).SavePng(Path.Combine(_folder, "panels.png"));
        PngAssert.IsValid(path);
        var panels = new MultiPanelFigure(1, 1).Add(series.Plot);
        Assert.Throws<InvalidOperationException>(() => panels.Add(portrait.Plot));
        Assert.Throws<ArgumentOutOfRangeException>(() => new MultiPanelFigure(0, 2));
        Assert.Throws<InvalidOperationException>(() => new MultiPanelFigure(1, 1).SavePng(Path.Combine(_folder, "none.png")));
    }

    public void Dispose()
    {
        if (Directory.Exists(_folder)) Directory.Delete(_folder, recursive: true);
    }
}
