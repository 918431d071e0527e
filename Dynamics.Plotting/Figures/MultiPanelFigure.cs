using Dynamics.Plotting.Styling;
using Dynamics.Validation;
using ScottPlot;

namespace Dynamics.Plotting.Figures;

/// <summary>
/// Several plots in one picture, on a grid filled row by row, e.g. a phase portrait beside the time series of its
/// invariants. Panels are the <c>Plot</c> of any figure here (<see cref="PhasePortrait.Plot"/>,
/// <see cref="TimeSeriesFigure.Plot"/>, <see cref="TrajectoryFigure.Plot"/>) or a ScottPlot plot; each keeps its own
/// title, axes and legend.
/// </summary>
public sealed class MultiPanelFigure
{
    private readonly Multiplot _multiplot = new();
    private readonly List<Plot> _panels = [];
    private readonly int _rows, _columns;
    private int _count;

    /// <summary>Creates an empty grid of panels.</summary>
    /// <param name="rows">Rows of panels (1 to 6).</param>
    /// <param name="columns">Columns of panels (1 to 6).</param>
    public MultiPanelFigure(int rows, int columns)
    {
        if (rows is < 1 or > 6) throw new ArgumentOutOfRangeException(nameof(rows), rows, $"rows must lie in [1, 6], but was {rows}.");
        if (columns is < 1 or > 6) throw new ArgumentOutOfRangeException(nameof(columns), columns, $"columns must lie in [1, 6], but was {columns}.");
        _rows = rows;
        _columns = columns;
        _multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(rows, columns);
    }

    /// <summary>Adds the next panel (left to right, then top to bottom).</summary>
    /// <param name="plot">The panel's plot.</param>
    /// <returns>This figure.</returns>
    public MultiPanelFigure Add(Plot plot)
    {
        ArgumentNullException.ThrowIfNull(plot);
        if (_count == _rows * _columns) throw new InvalidOperationException($"All {_rows} × {_columns} panels are filled.");
        // A new Multiplot starts with one empty plot, which the first panel replaces.
        if (_count == 0) _multiplot.Reset(plot);
        else _multiplot.AddPlot(plot);
        _panels.Add(plot);
        _count++;
        return this;
    }

    /// <summary>Renders the panels and writes them as one PNG file, atomically.</summary>
    /// <param name="path">The target file; its folder is created.</param>
    /// <param name="width">Width in pixels (default 900 per column).</param>
    /// <param name="height">Height in pixels (default 700 per row).</param>
    /// <returns>The full path written.</returns>
    public string SavePng(string path, int? width = null, int? height = null)
    {
        if (_count == 0) throw new InvalidOperationException("The figure has no panels.");
        int w = width ?? 900 * _columns, h = height ?? 700 * _rows;
        Require.AtLeast(w, 100, nameof(width));
        Require.AtLeast(h, 100, nameof(height));
        // A panel whose legend is shown but has no labelled items would collapse (see FigureStyle.ShowLegendOutside).
        foreach (var panel in _panels.Where(p => p.Legend.IsVisible && !FigureStyle.HasLabelledItems(p))) panel.HideLegend();
        foreach (var panel in _panels) FigureStyle.MarkLogAxes(panel);
        using var image = _multiplot.Render(w, h);
        string written = PngFile.Save(image, path);
        foreach (var panel in _panels) FigureAudit.Notify(written, panel);
        return written;
    }
}
