using Dynamics.Analysis;
using Dynamics.Solvers.Events;
using Dynamics.Validation;

namespace Dynamics.Solvers.Analysis;

/// <summary>A stop event for trajectories drawn in a window: it fires when the projection leaves the rectangle.</summary>
public static class WindowExit
{
    /// <summary>
    /// The event "component <paramref name="xComponent"/> leaves <paramref name="xRange"/> or component
    /// <paramref name="yComponent"/> leaves <paramref name="yRange"/>", on the distance to the nearest side (positive
    /// inside and continuous, so its fall through 0 is located like any event). Infinite ends leave that side open.
    /// </summary>
    /// <param name="xComponent">The first component.</param>
    /// <param name="xRange">Its range (Min &lt; Max; ends may be infinite).</param>
    /// <param name="yComponent">The second component.</param>
    /// <param name="yRange">Its range.</param>
    /// <returns>The stop event.</returns>
    public static OdeEvent Stop(int xComponent, Interval xRange, int yComponent, Interval yRange)
    {
        Require.AtLeast(xComponent, 0, nameof(xComponent));
        Require.AtLeast(yComponent, 0, nameof(yComponent));
        if (!(xRange.Min < xRange.Max)) throw new ArgumentException($"xRange = {xRange} needs Min < Max.", nameof(xRange));
        if (!(yRange.Min < yRange.Max)) throw new ArgumentException($"yRange = {yRange} needs Min < Max.", nameof(yRange));
        double Inside(double t, ReadOnlySpan<double> y) =>
            Math.Min(Math.Min(y[xComponent] - xRange.Min, xRange.Max - y[xComponent]), Math.Min(y[yComponent] - yRange.Min, yRange.Max - y[yComponent]));
        return OdeEvent.Stop("left the window", Inside, EventDirection.Falling);
    }
}
