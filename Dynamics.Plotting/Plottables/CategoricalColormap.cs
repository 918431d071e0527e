using ScottPlot;

namespace Dynamics.Plotting.Plottables;

/// <summary>A colormap of a few discrete colours: position p ∈ [0, 1] picks colour round(p·(k − 1)).</summary>
internal sealed class CategoricalColormap(IReadOnlyList<Color> colors) : IColormap
{
    public string Name => "categorical";

    public Color GetColor(double position)
    {
        if (!double.IsFinite(position)) return Colors.Transparent;
        int index = (int)Math.Round(Math.Clamp(position, 0, 1) * (colors.Count - 1));
        return colors[index];
    }
}
