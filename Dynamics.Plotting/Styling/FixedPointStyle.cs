using Dynamics.Analysis;
using ScottPlot;

namespace Dynamics.Plotting.Styling;

/// <summary>
/// How each class of equilibrium is marked, following the usual convention of phase-plane software (pplane, phaseR):
/// filled markers for stable points, open ones for unstable points, circles for nodes, diamonds for spirals, squares
/// for saddles; green for attracting, vermillion for repelling, black for saddles, blue for centres, grey otherwise.
/// </summary>
public static class FixedPointStyle
{
    private static readonly ScottPlot.Color Stable = ScottPlot.Color.FromHex("#009E73");
    private static readonly ScottPlot.Color Unstable = ScottPlot.Color.FromHex("#D55E00");

    /// <summary>The marker shape of a class.</summary>
    /// <param name="type">The class.</param>
    /// <returns>The shape.</returns>
    public static MarkerShape Shape(FixedPointClass type) => type switch
    {
        FixedPointClass.StableNode => MarkerShape.FilledCircle,
        FixedPointClass.StableSpiral => MarkerShape.FilledDiamond,
        FixedPointClass.UnstableNode => MarkerShape.OpenCircle,
        FixedPointClass.UnstableSpiral => MarkerShape.OpenDiamond,
        FixedPointClass.Saddle => MarkerShape.FilledSquare,
        FixedPointClass.SaddleFocus => MarkerShape.OpenSquare,
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

    /// <summary>The class in words, for legends: "stable spiral", "saddle", ….</summary>
    /// <param name="type">The class.</param>
    /// <returns>The text.</returns>
    public static string Label(FixedPointClass type) => type switch
    {
        FixedPointClass.StableNode => "stable node",
        FixedPointClass.StableSpiral => "stable spiral",
        FixedPointClass.UnstableNode => "unstable node",
        FixedPointClass.UnstableSpiral => "unstable spiral",
        FixedPointClass.Saddle => "saddle",
        FixedPointClass.SaddleFocus => "saddle-focus",
        FixedPointClass.Centre => "centre (linear)",
        _ => "degenerate (non-hyperbolic)",
    };
}
