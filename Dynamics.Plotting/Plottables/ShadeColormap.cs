using ScottPlot;

namespace Dynamics.Plotting.Plottables;

/// <summary>
/// A light-to-dark grey ramp for direction fields: quiet behind coloured trajectories, readable in greyscale print. The
/// shade follows √p, so slow regions are still told apart when a few fast corners set the scale.
/// </summary>
internal sealed class ShadeColormap : IColormap
{
    private static readonly Color Light = Color.FromHex("#C4C4C4");
    private static readonly Color Dark = Color.FromHex("#262626");

    public string Name => "grey shade";

    public Color GetColor(double position)
    {
        double p = double.IsFinite(position) ? Math.Clamp(position, 0, 1) : 0;
        return Light.MixedWith(Dark, Math.Sqrt(p));
    }
}
