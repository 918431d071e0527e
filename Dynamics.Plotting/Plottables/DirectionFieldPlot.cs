using Dynamics.Analysis;
using ScottPlot;
using SkiaSharp;

namespace Dynamics.Plotting.Plottables;

/// <summary>
/// A direction field drawn in pixel space: one arrow per sample, centred on its node, pointing along the projected
/// field, its length growing with the speed (from 30 % of the node spacing for the slowest to 85 % for the fastest,
/// by the square root so slow regions stay readable) and its shade darkening with the speed (a colour axis, so a
/// colour bar can show the scale). Non-finite samples are skipped.
/// </summary>
internal sealed class DirectionFieldPlot : IPlottable, IHasColorAxis
{
    private readonly FieldSamples _samples;
    private readonly double _maximumSpeed;

    public DirectionFieldPlot(FieldSamples samples, IColormap colormap)
    {
        _samples = samples;
        _maximumSpeed = samples.MaximumSpeed();
        Colormap = colormap;
    }

    public bool IsVisible { get; set; } = true;

    public IAxes Axes { get; set; } = new ScottPlot.Axes();

    public IEnumerable<LegendItem> LegendItems => [];

    public IColormap Colormap { get; set; }

    public ScottPlot.Range GetRange() => new(0, _maximumSpeed > 0 ? _maximumSpeed : 1);

    public AxisLimits GetAxisLimits() =>
        new(_samples.Grid.X.Min, _samples.Grid.X.Max, _samples.Grid.Y.Min, _samples.Grid.Y.Max);

    public void Render(RenderPack rp)
    {
        var grid = _samples.Grid;
        float cellX = Math.Abs(Axes.GetPixelX(grid.X.Min + grid.DeltaX) - Axes.GetPixelX(grid.X.Min));
        float cellY = Math.Abs(Axes.GetPixelY(grid.Y.Min + grid.DeltaY) - Axes.GetPixelY(grid.Y.Min));
        float cell = Math.Min(cellX, cellY);
        // Pixels per data unit on each axis (the vertical one is negative: pixel rows grow downwards).
        double scaleX = (Axes.GetPixelX(grid.X.Max) - Axes.GetPixelX(grid.X.Min)) / grid.X.Width;
        double scaleY = (Axes.GetPixelY(grid.Y.Max) - Axes.GetPixelY(grid.Y.Min)) / grid.Y.Width;
        using var paint = new SKPaint { IsAntialias = true, StrokeWidth = 1.5f, StrokeCap = SKStrokeCap.Round };
        using var path = new SKPath();
        for (int j = 0; j < grid.Rows; j++)
        {
            for (int i = 0; i < grid.Columns; i++)
            {
                int m = grid.IndexOf(i, j);
                double u = _samples.U[m], v = _samples.V[m], speed = _samples.Speed(m);
                if (!double.IsFinite(speed) || _maximumSpeed == 0) continue;
                double q = speed / _maximumSpeed;
                var centre = Axes.GetPixel(new Coordinates(grid.XAt(i), grid.YAt(j)));
                // The direction in pixels: the axes scale x and y differently.
                double px = u * scaleX, py = v * scaleY, norm = Math.Sqrt(px * px + py * py);
                if (!(norm > 0)) continue;
                float length = cell * (float)(0.3 + 0.55 * Math.Sqrt(q));
                float ux = (float)(px / norm), uy = (float)(py / norm);
                var tail = new SKPoint(centre.X - 0.5f * length * ux, centre.Y - 0.5f * length * uy);
                var tip = new SKPoint(centre.X + 0.5f * length * ux, centre.Y + 0.5f * length * uy);
                float head = Math.Min(0.4f * length, 7f), wing = 0.45f * head;
                paint.Color = Colormap.GetColor(q).ToSKColor();
                paint.Style = SKPaintStyle.Stroke;
                rp.Canvas.DrawLine(tail, new SKPoint(tip.X - head * ux * 0.6f, tip.Y - head * uy * 0.6f), paint);
                path.Reset();
                path.MoveTo(tip);
                path.LineTo(tip.X - head * ux - wing * uy, tip.Y - head * uy + wing * ux);
                path.LineTo(tip.X - head * ux + wing * uy, tip.Y - head * uy - wing * ux);
                path.Close();
                paint.Style = SKPaintStyle.Fill;
                rp.Canvas.DrawPath(path, paint);
            }
        }
    }
}
