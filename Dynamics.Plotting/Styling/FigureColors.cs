using ScottPlot;

namespace Dynamics.Plotting.Styling;

/// <summary>
/// Colours for figures: the Okabe–Ito palette (Okabe &amp; Ito 2008), distinguishable under the common forms of colour
/// blindness and in greyscale print, plus fixed colours for the classes of fixed points.
/// </summary>
public static class FigureColors
{
    /// <summary>The series colours in order of use.</summary>
    public static IReadOnlyList<Color> Series { get; } =
    [
        Color.FromHex("#0072B2"), // blue
        Color.FromHex("#D55E00"), // vermillion
        Color.FromHex("#009E73"), // bluish green
        Color.FromHex("#CC79A7"), // reddish purple
        Color.FromHex("#E69F00"), // orange
        Color.FromHex("#56B4E9"), // sky blue
        Color.FromHex("#000000"), // black
        Color.FromHex("#8C6D00"), // dark ochre, in place of Okabe–Ito's yellow, which vanishes on white
    ];

    /// <summary>Dark grey for reference curves (exact solutions, nullclines' outlines, separatrices).</summary>
    public static Color Reference { get; } = Color.FromHex("#404040");

    /// <summary>Light grey for background elements (direction fields).</summary>
    public static Color Background { get; } = Color.FromHex("#B0B0B0");

    /// <summary>The series colour for index <paramref name="index"/>, cycling through <see cref="Series"/>.</summary>
    /// <param name="index">0, 1, 2, …</param>
    /// <returns>The colour.</returns>
    public static Color At(int index) => Series[((index % Series.Count) + Series.Count) % Series.Count];

    /// <summary>
    /// Marker shapes in order of use, paired with <see cref="Series"/> so that series differ by shape as well as by colour
    /// (readable in greyscale and by colour-blind readers).
    /// </summary>
    public static IReadOnlyList<MarkerShape> Markers { get; } =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.OpenCircle, MarkerShape.OpenSquare, MarkerShape.OpenDiamond,
    ];

    /// <summary>The marker shape for series <paramref name="index"/>, cycling through <see cref="Markers"/>.</summary>
    /// <param name="index">0, 1, 2, …</param>
    /// <returns>The shape.</returns>
    public static MarkerShape MarkerAt(int index) => Markers[((index % Markers.Count) + Markers.Count) % Markers.Count];

    /// <summary>
    /// A sequential colour map for quantities ordered in one direction, such as time: Viridis (van der Walt &amp; Smith,
    /// 2015), perceptually uniform, colour-blind safe and monotone in lightness.
    /// </summary>
    public static IColormap Sequential { get; } = new ScottPlot.Colormaps.Viridis();
}
