using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Solvers.Analysis;

/// <summary>How <see cref="LimitCycles"/> searches. Every property has a working default.</summary>
public sealed record LimitCycleOptions
{
    /// <summary>The default options.</summary>
    public static LimitCycleOptions Default { get; } = new();

    /// <summary>The component whose maxima define the Poincaré section f_component = 0 and whose range gives the amplitude (default 0).</summary>
    public int Component { get; init; }

    /// <summary>
    /// Converged when two successive periods agree to this relative tolerance and two successive returns to the section
    /// agree to it relative to the peak-to-peak range (default 1e-9).
    /// </summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>The longest integration before giving up (default 2000 time units).</summary>
    public double MaxTime { get; init; } = 2000;

    /// <summary>Integrate backwards in time, which turns an unstable (repelling) cycle into an attracting one (default false).</summary>
    public bool Backward { get; init; }

    /// <summary>The method (default Verner 8, whose 8th-order interpolant places the section crossings to near machine precision).</summary>
    public IOdeMethod Method { get; init; } = new Verner8();

    /// <summary>The solver's relative and absolute tolerance (default 1e-12).</summary>
    public double SolverTolerance { get; init; } = 1e-12;

    /// <summary>Points per solver step in the returned <see cref="LimitCycle.Orbit"/> (default 8), so fast parts such as relaxation jumps stay smooth.</summary>
    public int PointsPerStep { get; init; } = 8;
}
