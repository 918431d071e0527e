using Dynamics.Plotting.Files;
using Dynamics.Plotting.Styling;
using Dynamics.Validation;
using ScottPlot;
using SkiaSharp;

namespace Dynamics.Plotting.Figures;

/// <summary>
/// Writes plots as PNG files: the image is rendered in memory, checked not to be blank, then written atomically by
/// <see cref="AtomicFile"/>, so a failed run never leaves a half-written picture and never a blank one.
/// </summary>
public static class PngFile
{
    /// <summary>The default width in pixels (a two-column figure at 150 dpi).</summary>
    public const int DefaultWidth = 1200;

    /// <summary>The default height in pixels.</summary>
    public const int DefaultHeight = 900;

    /// <summary>
    /// The smallest fraction of pixels that must differ from the background for a picture to count as drawn (0.5 %):
    /// a frame, ticks and a title alone cover several per cent of a figure, an empty canvas none.
    /// </summary>
    public const double MinimumInkFraction = 0.005;

    /// <summary>Renders <paramref name="plot"/> and writes it to <paramref name="path"/>.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="path">The target file; its folder is created if needed.</param>
    /// <param name="width">Width in pixels (at least 100).</param>
    /// <param name="height">Height in pixels (at least 100).</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="InvalidOperationException">The plot renders blank (e.g. its data area collapsed); nothing is written.</exception>
    public static string Save(Plot plot, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Require.AtLeast(width, 100, nameof(width));
        Require.AtLeast(height, 100, nameof(height));
        FigureStyle.MarkLogAxes(plot);
        byte[] bytes = plot.GetImageBytes(width, height, ImageFormat.Png);
        var area = plot.RenderManager.LastRender.DataRect;
        if (!(area.Width > 1 && area.Height > 1))
        {
            throw new InvalidOperationException(
                $"The figure for '{path}' has no data area ({area.Width} × {area.Height} pixels) and would be blank; nothing was written.");
        }

        RequireInk(bytes, path);
        FigureAudit.Notify(path, plot);
        return AtomicFile.Write(path, bytes);
    }

    /// <summary>Writes a rendered image (e.g. a multi-panel figure) to <paramref name="path"/>, atomically.</summary>
    /// <param name="image">The image.</param>
    /// <param name="path">The target file; its folder is created if needed.</param>
    /// <returns>The full path written.</returns>
    /// <exception cref="InvalidOperationException">The image is blank; nothing is written.</exception>
    public static string Save(Image image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        byte[] bytes = image.GetImageBytes(ImageFormat.Png, 100);
        RequireInk(bytes, path);
        return AtomicFile.Write(path, bytes);
    }

    /// <summary>The fraction of pixels of a PNG that differ from its top-left pixel (the background).</summary>
    /// <param name="png">The encoded image.</param>
    /// <returns>A number in [0, 1]; 0 for a blank canvas.</returns>
    public static double InkFraction(byte[] png)
    {
        ArgumentNullException.ThrowIfNull(png);
        using var bitmap = SKBitmap.Decode(png) ?? throw new ArgumentException("png is not a decodable image.", nameof(png));
        var pixels = bitmap.Pixels;
        if (pixels.Length == 0) return 0;
        var background = pixels[0];
        int ink = 0;
        foreach (var pixel in pixels)
        {
            if (pixel != background) ink++;
        }

        return (double)ink / pixels.Length;
    }

    private static void RequireInk(byte[] bytes, string path)
    {
        double ink = InkFraction(bytes);
        if (ink < MinimumInkFraction)
        {
            throw new InvalidOperationException(
                $"The figure for '{path}' is blank ({ink:P2} of its pixels differ from the background); nothing was written.");
        }
    }
}
