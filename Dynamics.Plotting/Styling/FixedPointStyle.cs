using Dynamics.Analysis;
using ScottPlot;

namespace Dynamics.Plotting.Styling;

/// <summary>
/// The one marker language of every figure, following phase-plane software (pplane, phaseR): filled markers for stable
/// points, open ones for unstable points (saddles included), and the shape gives the class: circles for nodes, diamonds
/// for spirals, squares for saddles, downward triangles for saddle-foci, upward triangles for centres. Green for
/// attracting, vermillion for repelling, black for saddles, blue for centres. Starts of trajectories are marked with
/// <see cref="StartShape"/>, a cross, so they are never mistaken for unstable points.
/// </summary>
public static class FixedPointStyle
{
    private static readonly ScottPlot.Color Stable = ScottPlot.Color.FromHex("#009E73");
    private static readonly ScottPlot.Color Unstable = ScottPlot.Color.FromHex("#D55E00");

    /// <summary>The marker of the start of a trajectory: a cross (×), distinct from every equilibrium marker.</summary>
    public static MarkerShape StartShape => MarkerShape.Eks;

    /// <summary>Whether a class is drawn filled (asymptotically stable).</summary>
    /// <param name="type">The class.</param>
    /// <returns>True for stable nodes and spirals.</returns>
    public static bool IsStable(FixedPointClass type) => type is FixedPointClass.StableNode or FixedPointClass.StableSpiral;

    /// <summary>The marker shape of a class.</summary>
    /// <param name="type">The class.</param>
    /// <returns>The shape.</returns>
    public static MarkerShape Shape(FixedPointClass type) => type switch
    {
        FixedPointClass.StableNode => MarkerShape.FilledCircle,
        FixedPointClass.StableSpiral => MarkerShape.FilledDiamond,
        FixedPointClass.UnstableNode => MarkerShape.OpenCircle,
        FixedPointClass.UnstableSpiral => MarkerShape.OpenDiamond,
        FixedPointClass.Saddle => MarkerShape.OpenSquare,
        FixedPointClass.SaddleFocus => MarkerShape.OpenTriangleDown,
        FixedPointClass.Centre => MarkerShape.OpenTriangleUp,
        _ => MarkerShape.Asterisk,
    };

    /// <summary>The marker colour of a class.</summary>
    /// <param name="type">The class.</param>
    /// <returns>The colour.</returns>
    public static ScottPlot.Color Color(FixedPointClass type) => type switch
    {
        FixedPointClass.StableNode or FixedPointClass.StableSpiral => Stable,
        FixedPointClass.UnstableNode or FixedPointClass.UnstableSpiral => Unstable,
        FixedPointClass.Saddle or FixedPointClass.SaddleFocus => Colors.Black,
        FixedPointClass.Centre => ScottPlot.Color.FromHex("#0072B2"),
        _ => FigureColors.Reference,
    };

    /// <summary>The class in words, for legends: "stable spiral", "saddle (unstable)", ….</summary>
    /// <param name="type">The class.</param>
    /// <returns>The text.</returns>
    public static string Label(FixedPointClass type) => type switch
    {
        FixedPointClass.StableNode => "stable node",
        FixedPointClass.StableSpiral => "stable spiral",
        FixedPointClass.UnstableNode => "unstable node",
        FixedPointClass.UnstableSpiral => "unstable spiral",
        FixedPointClass.Saddle => "saddle (unstable)",
        FixedPointClass.SaddleFocus => "saddle-focus (unstable)",
        FixedPointClass.Centre => "centre (linear)",
        _ => "degenerate (non-hyperbolic)",
    };
}
