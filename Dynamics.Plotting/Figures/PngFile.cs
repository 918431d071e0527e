using Dynamics.Plotting.Files;
using Dynamics.Validation;
using ScottPlot;

namespace Dynamics.Plotting.Figures;

/// <summary>
/// Writes plots as PNG files: the image is rendered in memory, then written atomically by <see cref="AtomicFile"/>, so
/// a failed run never leaves a half-written picture.
/// </summary>
public static class PngFile
{
    /// <summary>The default width in pixels (a two-column figure at 150 dpi).</summary>
    public const int DefaultWidth = 1200;

    /// <summary>The default height in pixels.</summary>
    public const int DefaultHeight = 900;

    /// <summary>Renders <paramref name="plot"/> and writes it to <paramref name="path"/>.</summary>
    /// <param name="plot">The plot.</param>
    /// <param name="path">The target file; its folder is created if needed.</param>
    /// <param name="width">Width in pixels (at least 100).</param>
    /// <param name="height">Height in pixels (at least 100).</param>
    /// <returns>The full path written.</returns>
    public static string Save(Plot plot, string path, int width = DefaultWidth, int height = DefaultHeight)
    {
        ArgumentNullException.ThrowIfNull(plot);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Require.AtLeast(width, 100, nameof(width));
        Require.AtLeast(height, 100, nameof(height));
        byte[] bytes = plot.GetImageBytes(width, height, ImageFormat.Png);
        return AtomicFile.Write(path, bytes);
    }

    /// <summary>Writes a rendered image (e.g. a multi-panel figure) to <paramref name="path"/>, atomically.</summary>
    /// <param name="image">The image.</param>
    /// <param name="path">The target file; its folder is created if needed.</param>
    /// <returns>The full path written.</returns>
    public static string Save(Image image, string path)
    {
        ArgumentNullException.ThrowIfNull(image);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return AtomicFile.Write(path, image.GetImageBytes(ImageFormat.Png, 100));
    }
}
