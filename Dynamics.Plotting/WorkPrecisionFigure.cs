using System.Globalization;
using Dynamics.Plotting.Figures;
using Dynamics.Plotting.Styling;
using Dynamics.Validation;
using ScottPlot;
using ScottPlot.TickGenerators;

namespace Dynamics.Plotting;

/// <summary>
/// A work-precision diagram: error against run time, both on log₁₀ axes, one line per method (Hairer, Nørsett &amp;
/// Wanner I, II.10 draw them this way). Lower and further left is better; a method's slope reflects its order.
/// </summary>
public sealed class WorkPrecisionFigure
{
    private readonly List<(string Name, double[] LogSeconds, double[] LogErrors)> _methods = [];

    /// <summary>Creates an empty figure.</summary>
    /// <param name="title">The title, e.g. "Lorenz, t ∈ [0, 20]".</param>
    public WorkPrecisionFigure(string title)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        Title = title;
    }

    /// <summary>The title.</summary>
    public string Title { get; }

    /// <summary>The number of methods added.</summary>
    public int MethodCount => _methods.Count;

    /// <summary>Adds one method's measurements, one point per tolerance (or step size).</summary>
    /// <param name="name">The method's name, shown in the legend.</param>
    /// <param name="seconds">Run times in seconds, each finite and &gt; 0.</param>
    /// <param name="errors">The errors at those runs, same length, each finite and &gt; 0.</param>
    public void AddMethod(string name, ReadOnlySpan<double> seconds, ReadOnlySpan<double> errors)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (seconds.Length == 0) throw new ArgumentException("seconds must hold at least one measurement.", nameof(seconds));
        var (logSeconds, logErrors) = LogScale.Log10Pairs(seconds, nameof(seconds), errors, nameof(errors));
        _methods.Add((name, logSeconds, logErrors));
    }

    /// <summary>
    /// Writes the figure as a PNG. It is drawn into a temporary file beside <paramref name="path"/> and renamed into
    /// place, so a failed run never leaves a half-written picture.
    /// </summary>
    /// <param name="path">The PNG's path; its folder is created if missing.</param>
    /// <param name="width">The width in pixels (default 900).</param>
    /// <param name="height">The height in pixels (default 650).</param>
    public void SavePng(string path, int width = 900, int height = 650)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        Require.AtLeast(width, 100, nameof(width));
        Require.AtLeast(height, 100, nameof(height));
        if (_methods.Count == 0) throw new InvalidOperationException("Add at least one method before saving the figure.");
        var plot = FigureStyle.NewPlot(Title, "run time (s, log scale)", "error at the end, max |y − y*| (log scale)");
        for (int i = 0; i < _methods.Count; i++)
        {
            var (name, logSeconds, logErrors) = _methods[i];
            // One palette for the whole project, and a marker shape per method so lines read without colour.
            var line = plot.Add.Scatter(logSeconds, logErrors, FigureColors.At(i));
            line.LegendText = name;
            line.MarkerShape = FigureColors.MarkerAt(i);
            line.MarkerSize = 9;
            line.LineWidth = 2;
        }

        plot.Axes.Bottom.TickGenerator = LogTicks();
        plot.Axes.Left.TickGenerator = LogTicks();
        plot.Grid.MinorLineColor = Colors.Black.WithOpacity(0.05);
        plot.Grid.MinorLineWidth = 1;
        FigureStyle.ShowLegendInside(plot, Alignment.UpperRight);
        PngFile.Save(plot, path, width, height);
    }

    // ScottPlot 5 draws log axes as log₁₀ data with decade ticks labelled 10ⁿ and log-spaced minor ticks.
    private static NumericAutomatic LogTicks() => new()
    {
        MinorTickGenerator = new LogMinorTickGenerator(),
        IntegerTicksOnly = true,
        LabelFormatter = exponent => "10" + FigureText.Superscript(exponent.ToString("0", CultureInfo.InvariantCulture)),
    };
}
