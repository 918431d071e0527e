using Dynamics.Solvers.Methods;
using Dynamics.Solvers.RungeKutta;

namespace Dynamics.Solvers.Analysis;

/// <summary>How <see cref="Basins"/> follows the starts. Every property has a working default.</summary>
public sealed record BasinOptions
{
    /// <summary>The default options.</summary>
    public static BasinOptions Default { get; } = new();

    /// <summary>The longest a start is followed (default 200 time units).</summary>
    public double MaxTime { get; init; } = 200;

    /// <summary>
    /// A trajectory has reached an attractor when it comes this close (Euclidean norm of the state difference; default
    /// 0.05). It must be small enough that the ball lies inside the attractor's basin.
    /// </summary>
    public double CaptureRadius { get; init; } = 0.05;

    /// <summary>The method (default Dormand–Prince 5(4)).</summary>
    public IOdeMethod Method { get; init; } = new DormandPrince5();

    /// <summary>The solver's relative and absolute tolerance (default 1e-6: only the final basin matters, not the path).</summary>
    public double Tolerance { get; init; } = 1e-6;
}
