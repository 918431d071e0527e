using Dynamics.Analysis;
using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Solvers.Analysis;

/// <summary>How <see cref="Separatrices"/> traces manifolds. Every property has a working default.</summary>
public sealed record SeparatrixOptions
{
    /// <summary>The default options.</summary>
    public static SeparatrixOptions Default { get; } = new();

    /// <summary>
    /// The start's distance from the saddle along the eigenvector, relative to max(1, ‖y*‖∞) (default 1e-6). The traced
    /// curve then lies within about the square of that of the true manifold, and leaving the saddle costs a time of
    /// about ln(1/offset)/|λ|.
    /// </summary>
    public double Offset { get; init; } = 1e-6;

    /// <summary>How long each branch is integrated (default 40 time units; forwards for unstable, backwards for stable branches).</summary>
    public double Duration { get; init; } = 40;

    /// <summary>The component whose range <see cref="XRange"/> bounds (default 0).</summary>
    public int XComponent { get; init; }

    /// <summary>The component whose range <see cref="YRange"/> bounds (default 1).</summary>
    public int YComponent { get; init; } = 1;

    /// <summary>A branch stops when component <see cref="XComponent"/> leaves this range (default: no bound).</summary>
    public Interval? XRange { get; init; }

    /// <summary>A branch stops when component <see cref="YComponent"/> leaves this range (default: no bound).</summary>
    public Interval? YRange { get; init; }

    /// <summary>The method (default Dormand–Prince 5(4)).</summary>
    public IOdeMethod Method { get; init; } = new DormandPrince5();

    /// <summary>The relative and absolute tolerance (default 1e-9).</summary>
    public double Tolerance { get; init; } = 1e-9;

    /// <summary>Points sampled per step from the dense output (default 4, smooth in print).</summary>
    public int PointsPerStep { get; init; } = 4;
}
