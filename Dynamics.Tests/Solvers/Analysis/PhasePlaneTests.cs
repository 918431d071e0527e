using Dynamics.Analysis;
using Dynamics.Models.Classical;
using Dynamics.Solvers.Analysis;

namespace Dynamics.Tests.Solvers.Analysis;

/// <summary>The analysis behind a phase portrait, as plain data and without any plotting.</summary>
public class PhasePlaneTests
{
    [Fact]
    public void The_damped_pendulum_plane_has_its_spirals_saddles_and_their_separatrices()
    {
        // b = 0.25, g/L = 1: rest points at θ = kπ; even k are stable spirals (b² < 4g/L), odd k saddles.
        var analysis = PhasePlane.Analyse(new DampedPendulum(0.25, 1.0), (-4, 4), (-3, 3), new PhasePlaneOptions
        {
            DirectionFieldSamples = 11,
            Starts = [new PhasePlaneStart([0.5, 0.0], 5, 0), new PhasePlaneStart([-2.0, 1.0], 5, 1)],
        });
        Assert.Equal(3, analysis.FixedPoints.Count);
        foreach (var point in analysis.FixedPoints)
        {
            double k = point.Point[0] / Math.PI;
            Assert.Equal(Math.Round(k), k, 1e-9);  // Newton converges to the equilibria to ~1e-12
            Assert.Equal(Math.Round(k) == 0 ? FixedPointClass.StableSpiral : FixedPointClass.Saddle, point.Class);
        }

        // Two saddles in the window (±π), each with two stable and two unstable branches.
        Assert.Equal(8, analysis.Separatrices.Count);
        Assert.Equal(11 * 11, analysis.Field!.U.Length);
        Assert.NotNull(analysis.Nullclines);
        Assert.Empty(analysis.Streamlines);
        // The trajectories come back in the order of their starts, each through its start.
        Assert.Equal(2, analysis.Trajectories.Count);
        Assert.True(PassesThrough(analysis.Trajectories[0], 0.5, 0.0));
        Assert.True(PassesThrough(analysis.Trajectories[1], -2.0, 1.0));
    }

    [Fact]
    public void Bad_options_are_rejected_naming_the_option()
    {
        var pendulum = new DampedPendulum();
        var samples = Assert.Throws<ArgumentException>(() => PhasePlane.Analyse(pendulum, (-1, 1), (-1, 1), new PhasePlaneOptions { DirectionFieldSamples = 1 }));
        Assert.Contains("DirectionFieldSamples", samples.Message);
        var start = Assert.Throws<ArgumentException>(() => PhasePlane.Analyse(pendulum, (-1, 1), (-1, 1),
            new PhasePlaneOptions { Starts = [new PhasePlaneStart([0.0, double.NaN], 1, 0)] }));
        Assert.Contains("Starts[0]", start.Message);
        var nothing = Assert.Throws<ArgumentException>(() => PhasePlane.Analyse(pendulum, (-1, 1), (-1, 1),
            new PhasePlaneOptions { Starts = [new PhasePlaneStart([0.0, 0.0], 0, 0)] }));
        Assert.Contains("both 0", nothing.Message);
        Assert.Equal("xRange", Assert.Throws<ArgumentException>(() => PhasePlane.Analyse(pendulum, (1, -1), (-1, 1))).ParamName);
    }

    private static bool PassesThrough(Trajectory path, double x, double y)
    {
        for (int k = 0; k < path.Count; k++)
        {
            if (path.State(k)[0] == x && path.State(k)[1] == y) return true;
        }

        return false;
    }
}
