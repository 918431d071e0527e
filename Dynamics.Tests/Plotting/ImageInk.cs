using ScottPlot;
using SkiaSharp;

namespace Dynamics.Tests.Plotting;

/// <summary>Reads a written PNG back and counts the pixels of a given colour, to prove a series was actually drawn.</summary>
public static class ImageInk
{
    /// <summary>Pixels within a small distance of <paramref name="color"/> (anti-aliasing blends edges, not line cores).</summary>
    public static int CountColor(string path, Color color, int tolerance = 24)
    {
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        int count = 0;
        foreach (var p in bitmap.Pixels)
        {
            if (Math.Abs(p.Red - color.R) <= tolerance && Math.Abs(p.Green - color.G) <= tolerance && Math.Abs(p.Blue - color.B) <= tolerance) count++;
        }

        return count;
    }

    /// <summary>The number of distinct colours in the image.</summary>
    public static int DistinctColors(string path)
    {
        using var bitmap = SKBitmap.Decode(path);
        Assert.NotNull(bitmap);
        return bitmap.Pixels.Distinct().Count();
    }

    /// <summary>Width divided by height of the data area, in pixels, after the plot's last render.</summary>
    public static double DataAspect(Plot plot)
    {
        var rect = plot.RenderManager.LastRender.DataRect;
        return rect.Width / rect.Height;
    }
}
